package markdown

import (
	"slices"
	"strings"
	"testing"
)

func TestRenderRefs(t *testing.T) {
	refs := func(key string) (string, string, bool) {
		if key == "kb-040" {
			return "/kb/40", "スマホの機種変更で <MFA> が使えない", true
		}
		return "", "", false
	}
	tests := []struct {
		name, body string
		want, not  []string
	}{
		{"resolved", "詳しくは [kb-040] を参照してください。", []string{`<a href="/kb/40"`, "スマホの機種変更で &lt;MFA&gt; が使えない</a> を参照"}, []string{"[kb-040]"}},
		{"missing stays text", "[kb-999] を参照。", []string{"[kb-999] を参照。"}, []string{"<a "}},
		{"in a list", "- 手順は [kb-040]", []string{`<li>手順は <a href="/kb/40"`}, nil},
		{"in code", "`[kb-040]`", []string{"<code>[kb-040]</code>"}, []string{"<a "}},
		{"a real link wins", "[kb-040](https://example.com/)", []string{`href="https://example.com/"`, ">kb-040</a>"}, []string{"/kb/40"}},
		{"not a key", "[注意] 再起動します", []string{"[注意] 再起動します"}, []string{"<a "}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, _, err := RenderRefs(tt.body, refs)
			if err != nil {
				t.Fatal(err)
			}
			for _, w := range tt.want {
				if !strings.Contains(string(got), w) {
					t.Errorf("RenderRefs(%q) = %s, want %s in it", tt.body, got, w)
				}
			}
			for _, w := range tt.not {
				if strings.Contains(string(got), w) {
					t.Errorf("RenderRefs(%q) = %s, want no %s", tt.body, got, w)
				}
			}
		})
	}
	if got, _, _ := Render("[kb-040] を参照"); strings.Contains(string(got), "<a ") {
		t.Errorf("Render without a resolver links: %s", got)
	}
}

func TestRefs(t *testing.T) {
	body := "[kb-002] と [kb-040]、また [kb-002]。\n\n```\n[kb-777]\n```\n\n[リンク](https://example.com/) `[kb-888]`"
	if got, want := Refs(body), []string{"kb-002", "kb-040"}; !slices.Equal(got, want) {
		t.Errorf("Refs = %v, want %v", got, want)
	}
}
