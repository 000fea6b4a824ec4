package web

import "testing"

func TestKBTextWithRefs(t *testing.T) {
	refs := func(key string) (string, string, bool) {
		if key == "kb-040" {
			return "/kb/40", "MFA が<使えない>", true
		}
		return "", "", false
	}
	got := string(kbTextWithRefs("<b>[kb-040] と [kb-999] を参照", refs))
	want := `&lt;b&gt;<a href="/kb/40">MFA が&lt;使えない&gt;</a> と [kb-999] を参照`
	if got != want {
		t.Errorf("kbTextWithRefs = %s\nwant %s", got, want)
	}
	if l := kbRefLinks("[kb-040] [kb-999]", refs); len(l) != 1 || l["kb-040"].URL != "/kb/40" {
		t.Errorf("kbRefLinks = %v", l)
	}
}
