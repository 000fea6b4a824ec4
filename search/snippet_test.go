package search

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestSnippet(t *testing.T) {
	long := strings.Repeat("関係のない説明文です。", 30)
	tests := []struct {
		name, body, query string
		want, notWant     []string
	}{
		{"escapes html and marks terms", `<script>alert(1)</script> x < 3 & "VPN" の設定`,
			"VPN", []string{"&lt; 3", "&amp;", "&#34;<mark>VPN</mark>&#34;"}, []string{"<script>"}},
		{"marks the original width", "ﾌﾟﾘﾝﾀｰの設定", "プリンター",
			[]string{"<mark>ﾌﾟﾘﾝﾀｰ</mark>"}, nil},
		{"window around a late match", long + "トナーの予備は総務にあります。", "トナー",
			[]string{"…", "<mark>トナー</mark>"}, nil},
		{"markdown syntax removed", "**重要**: [手順書](https://example.com/x) を見る", "手順書",
			[]string{"重要", "<mark>手順書</mark>"}, []string{"**", "https"}},
		{"no match shows the beginning", "最初の行。\n次の行。", "印刷",
			[]string{"最初の行。 次の行。"}, []string{"<mark>"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ix := NewIndex(Options{Synonyms: &Synonyms{}})
			ix.Put(Doc{Kind: KindArticle, ID: "1", Title: "タイトル", Body: tt.body})
			ix.Put(Doc{Kind: KindArticle, ID: "2", Title: "印刷", Body: "別の文書"})
			var got string
			for _, h := range ix.Search(Query{Text: tt.query}) {
				if h.ID == "1" {
					got = h.Snippet
				}
			}
			if tt.name == "no match shows the beginning" {
				ix.mu.RLock()
				got = snippet(ix.shards[KindArticle].docs[0].body, hlSet{})
				ix.mu.RUnlock()
			}
			for _, w := range tt.want {
				if !strings.Contains(got, w) {
					t.Errorf("snippet %q lacks %q", got, w)
				}
			}
			for _, w := range tt.notWant {
				if strings.Contains(got, w) {
					t.Errorf("snippet %q contains %q", got, w)
				}
			}
			plain := strings.NewReplacer("<mark>", "", "</mark>", "").Replace(got)
			if n := utf8.RuneCountInString(plain); n > snippetRunes+10 {
				t.Errorf("snippet has %d runes, want about %d", n, snippetRunes)
			}
		})
	}
}
