package search

import (
	"slices"
	"strings"
	"testing"
)

// fixtureDocs is a small mixed index: articles, an item and an asset.
func fixtureDocs() []Doc {
	return []Doc{
		{Kind: KindArticle, ID: "kb-1", Title: "プリンターで印刷できない", Body: "複合機の紙詰まりやトナー切れを確認してください。", Tags: []string{"印刷"}, Access: "everyone"},
		{Kind: KindArticle, ID: "kb-2", Title: "VPN の接続方法", Body: "FortiClient を起動し、リモートゲートウェイを入力します。", Access: "everyone"},
		{Kind: KindArticle, ID: "kb-3", Title: "パスワードを忘れた", Body: "セルフサービスでリセットできます。", Access: "staff"},
		{Kind: KindItem, ID: "42", Title: "サーバー室の空調が止まった", Body: "温度が上がっています。", Access: "restricted:1"},
		{Kind: KindAsset, ID: "PC-001", Title: "ThinkPad X1 Carbon", Body: "営業部 佐藤さん 貸与中", Access: "everyone"},
	}
}

// MustFixture returns an index of fixtureDocs with the given synonyms.
func MustFixture(tb testing.TB, syn string) *Index {
	tb.Helper()
	s, err := ParseSynonyms(syn)
	if err != nil {
		tb.Fatal(err)
	}
	ix := NewIndex(Options{Synonyms: s})
	for _, d := range fixtureDocs() {
		ix.Put(d)
	}
	return ix
}

func firstID(hits []Hit) string {
	if len(hits) == 0 {
		return ""
	}
	return hits[0].ID
}

func TestSearchFindsVariants(t *testing.T) {
	ix := MustFixture(t, "")
	tests := []struct {
		name, query, want string
	}{
		{"one kanji", "紙", "kb-1"},
		{"two kanji", "印刷", "kb-1"},
		{"half-width katakana", "ﾌﾟﾘﾝﾀｰ", "kb-1"},
		{"without long vowel", "プリンタ", "kb-1"},
		{"hiragana", "ぷりんたー", "kb-1"},
		{"server without long vowel", "サーバ", "42"},
		{"full-width latin", "ＶＰＮ", "kb-2"},
		{"lower case product name", "forticlient", "kb-2"},
		{"english inside japanese", "thinkpadの貸与", "PC-001"},
		{"inflected verb", "パスワード忘れて", "kb-3"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := firstID(ix.Search(Query{Text: tt.query})); got != tt.want {
				t.Errorf("Search(%q) first = %q, want %q", tt.query, got, tt.want)
			}
		})
	}
}

func TestSearchNothing(t *testing.T) {
	ix := MustFixture(t, "")
	for _, q := range []string{"", "　", "の", "です", "zzzz"} {
		if hits := ix.Search(Query{Text: q}); len(hits) != 0 {
			t.Errorf("Search(%q) = %d hits, want none", q, len(hits))
		}
	}
}

func TestSearchSynonyms(t *testing.T) {
	tests := []struct {
		name, syn, query, want string
	}{
		{"no rule", "", "PW", ""},
		{"equivalence", "PW, パスワード", "PW", "kb-3"},
		{"one-way", "複合機 => プリンター", "複合機", "kb-1"},
		{"rule inside a sentence", "PW, パスワード", "PWわすれた", "kb-3"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ix := MustFixture(t, tt.syn)
			if got := firstID(ix.Search(Query{Text: tt.query})); got != tt.want {
				t.Errorf("Search(%q) first = %q, want %q", tt.query, got, tt.want)
			}
		})
	}
}

func TestSearchKindsAndAllow(t *testing.T) {
	ix := MustFixture(t, "")
	staffOnly := func(kind, access string) bool { return access == "everyone" }
	tests := []struct {
		name string
		q    Query
		want int
	}{
		// All: these count what the filters let through, weak matches included.
		{"all kinds", Query{Text: "パスワード サーバー", All: true}, 2},
		{"articles only", Query{Text: "パスワード サーバー", Kinds: []string{KindArticle}, All: true}, 1},
		{"items only", Query{Text: "パスワード サーバー", Kinds: []string{KindItem}, All: true}, 1},
		{"allow hides staff and restricted", Query{Text: "パスワード サーバー", Allow: staffOnly, All: true}, 0},
		{"limit", Query{Text: "の方法 印刷 VPN", Limit: 1}, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := len(ix.Search(tt.q)); got != tt.want {
				t.Errorf("Search(%+v) = %d hits, want %d", tt.q.Text, got, tt.want)
			}
		})
	}
}

// TestConcurrentUse is meant for -race: writers and readers share an index.
// TestOrderIndependent checks that results depend on the documents only,
// not on the order a store fed them in (SQLite and PostgreSQL may differ)
// nor on edits made along the way.
func TestSearchTypo(t *testing.T) {
	ix := MustFixture(t, "")
	ix.Put(Doc{Kind: KindArticle, ID: "od", Title: "OneDrive の同期エラー", Body: "雲マークが変わらない"})
	tests := []struct{ query, want string }{
		{"OneDriev", "od"},     // transposed letters
		{"onedrve 同期", "od"},   // a dropped letter
		{"thinkpda", "PC-001"}, // a product name
		{"forti", "kb-2"},      // typing stopped early
		{"think 営業", "PC-001"},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			if got := firstID(ix.Search(Query{Text: tt.query})); got != tt.want {
				t.Errorf("Search(%q) first = %q, want %q", tt.query, got, tt.want)
			}
		})
	}
}

func TestSearchUnknownCompound(t *testing.T) {
	ix := MustFixture(t, "")
	// 刷紙 is no word, but its kanji occur; the fast pass must still find them.
	if got := firstID(ix.Search(Query{Text: "刷紙"})); got != "kb-1" {
		t.Errorf("Search(刷紙) first = %q, want kb-1", got)
	}
}

// TestSearchCutsWeakTail: a common word matches most articles; the list
// keeps the strong matches, in rank order, and All brings the rest back
// (issue 9, item 7).
func TestSearchCutsWeakTail(t *testing.T) {
	ix := MustKBIndex(t)
	for _, tt := range []struct {
		q        string
		max      int
		wantTop3 []string
	}{
		{"印刷", 10, []string{"kb-001", "kb-006", "kb-007"}},
		{"ネットにつながらない", 20, []string{"kb-009", "kb-012", "kb-015"}},
	} {
		q := Query{Text: tt.q, Kinds: []string{KindArticle}, Limit: MaxLimit}
		hits, cut := ix.SearchCut(q)
		q.All = true
		all, allCut := ix.SearchCut(q)
		if len(hits) > tt.max || !cut {
			t.Errorf("Search(%q) = %d hits (cut %v), want at most %d and a cut", tt.q, len(hits), cut, tt.max)
		}
		if len(all) < 50 || allCut {
			t.Errorf("Search(%q, All) = %d hits (cut %v), want the long tail", tt.q, len(all), allCut)
		}
		j := 0 // hits must be a subsequence of all: the cut keeps the ranking
		for _, h := range hits {
			for j < len(all) && all[j].ID != h.ID {
				j++
			}
			if j == len(all) {
				t.Fatalf("Search(%q): %s out of rank order", tt.q, h.ID)
			}
		}
		for _, id := range tt.wantTop3 {
			if !slices.ContainsFunc(hits[:3], func(h Hit) bool { return h.ID == id }) {
				t.Errorf("Search(%q) top 3 lacks %s", tt.q, id)
			}
		}
	}
}

// TestSnippetMarksWholeWords: a match inside a katakana or kanji run is
// marked as the whole run (issue 9, item 7).
func TestSnippetMarksWholeWords(t *testing.T) {
	ix := MustKBIndex(t)
	for _, h := range ix.Search(Query{Text: "印刷", Kinds: []string{KindArticle}}) {
		if strings.Contains(h.Snippet, "<mark>プリン</mark>ター") {
			t.Errorf("%s snippet cuts a word: %s", h.ID, h.Snippet)
		}
	}
	ix = NewIndex(Options{})
	ix.Put(Doc{Kind: KindArticle, ID: "a", Title: "t", Body: "社内ネットワークにつながらないときは、ルーターを再起動します。"})
	got := ix.Search(Query{Text: "ネット"})[0].Snippet
	if !strings.Contains(got, "社内<mark>ネットワーク</mark>に") {
		t.Errorf("snippet = %s, want the whole katakana word marked", got)
	}
}
