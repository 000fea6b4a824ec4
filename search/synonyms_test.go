package search

import (
	"strings"
	"testing"
)

func TestParseSynonyms(t *testing.T) {
	s, err := ParseSynonyms("# 同義語\n\nPW, パスワード\n複合機 => プリンター\nＦＡＸ、ファックス\nwifi ⇒ 無線LAN\n")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, from, want string
		present          bool
	}{
		{"equivalence forward", "pw", "パスワード", true},
		{"equivalence backward", Normalize("パスワード"), "PW", true},
		{"one-way rule", Normalize("複合機"), "プリンター", true},
		{"one-way rule has no reverse", Normalize("プリンター"), "複合機", false},
		{"full-width comma and letters", "fax", "ファックス", true},
		{"arrow variant", "wifi", "無線LAN", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := containsStr(s.alts[tt.from], tt.want); got != tt.present {
				t.Errorf("alternatives of %q = %q; contains %q = %v, want %v", tt.from, s.alts[tt.from], tt.want, got, tt.present)
			}
		})
	}
	if got, want := s.Len(), 4; got != want {
		t.Errorf("Len() = %d, want %d", got, want)
	}
}

func TestParseSynonymsErrors(t *testing.T) {
	tests := []struct {
		name, text, want string
	}{
		{"single phrase", "ok, fine\nPW", "line 2"},
		{"empty right side", "複合機 =>", "line 1"},
		{"empty left side", "# c\n => プリンター", "line 2"},
		{"two arrows", "a => b => c", "more than one"},
		{"nothing searchable", "の, が", "no searchable"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseSynonyms(tt.text)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("ParseSynonyms(%q) error = %v, want one mentioning %q", tt.text, err, tt.want)
			}
		})
	}
}

func TestDefaultSynonyms(t *testing.T) {
	s, err := ParseSynonyms(DefaultSynonymsText())
	if err != nil {
		t.Fatal(err)
	}
	if s.Len() < 50 {
		t.Errorf("default list has %d rules, want at least 50", s.Len())
	}
	if DefaultSynonyms().Len() != s.Len() {
		t.Errorf("DefaultSynonyms() differs from parsing DefaultSynonymsText")
	}
}

func TestSynonymMatchWordEdges(t *testing.T) {
	s, err := ParseSynonyms("ワード, word\npc, パソコン")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		query string
		want  int
	}{
		{"ワードが開かない", 1},
		{"パスワードを忘れた", 0}, // ワード inside パスワード is not the word ワード
		{"pcが重い", 1},
		{"pcieカード", 0},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			nt := normalize(tt.query)
			if got := len(s.match(&nt)); got != tt.want {
				t.Errorf("matches in %q = %d, want %d", tt.query, got, tt.want)
			}
		})
	}
}

func FuzzParseSynonyms(f *testing.F) {
	f.Add("PW, パスワード\n複合機 => プリンター\n# comment")
	f.Add("a => b => c")
	f.Add("ﾊﾟｽﾜｰﾄﾞ、ＶＰＮ ⇒ →")
	f.Fuzz(func(t *testing.T, text string) {
		s, err := ParseSynonyms(text)
		if err != nil {
			if !strings.HasPrefix(err.Error(), "search: synonyms line ") {
				t.Fatalf("error without line number: %v", err)
			}
			return
		}
		// A list that parses must be usable by a query.
		ix := NewIndex(Options{Synonyms: s})
		ix.Put(Doc{Kind: KindArticle, ID: "1", Title: text, Body: text})
		ix.Search(Query{Text: text})
	})
}
