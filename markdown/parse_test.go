package markdown

import (
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"
)

// MustParse parses src or fails the test.
func MustParse(tb testing.TB, src string) Doc {
	tb.Helper()
	d, err := Parse([]byte(src))
	if err != nil {
		tb.Fatalf("Parse: %v", err)
	}
	return d
}

func TestParse(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want Doc
	}{
		{
			name: "kb style",
			src:  "---\nid: kb-001\ntitle: \"複合機で印刷できない\"\ncategory: プリンター・複合機\ntags: [複合機, 印刷, \"c d\"]\ntype: runbook\n---\n# 本文\n",
			want: Doc{ID: "kb-001", Title: "複合機で印刷できない", Category: "プリンター・複合機",
				Tags: []string{"複合機", "印刷", "c d"}, Type: KindRunbook, Body: "# 本文\n"},
		},
		{
			name: "all fields, block lists, comments, extra keys",
			src: "---\n# managed by hitori\ntitle: 'It''s a title' # trailing comment\n" +
				"tags:\n  - vpn\n\n  # a comment inside the list\n  - \"在宅 勤務\"\n" +
				"visibility: restricted\nusers:\n- taro@minato-seiko.example\n- hanako@minato-seiko.example\n" +
				"review_by: 2026-04-01\ntype: policy\nauthor: 山田\naliases: [old-1, 'old 2']\nempty:\n---\nbody",
			want: Doc{Title: "It's a title", Tags: []string{"vpn", "在宅 勤務"}, Type: KindPolicy,
				Visibility: VisibilityRestricted,
				Users:      []string{"taro@minato-seiko.example", "hanako@minato-seiko.example"},
				ReviewBy:   Date{2026, time.April, 1},
				Extra:      map[string]string{"author": "山田", "aliases": "[old-1, old 2]", "empty": ""},
				Body:       "body"},
		},
		{
			name: "BOM, CRLF and delimiter with trailing blanks",
			src:  "\xEF\xBB\xBF---  \r\ntitle: T\r\ntags: []\r\n---\r\nline 1\r\nline 2\r\n",
			want: Doc{Title: "T", Body: "line 1\nline 2\n"},
		},
		{
			name: "double-quoted escapes",
			src:  "---\ntitle: \"a\\\"b\\\\c\\u3042\\x41\\/\"\nnote: \"tab\\there\\nnext\"\n---\n",
			want: Doc{Title: "a\"b\\cあA/", Extra: map[string]string{"note": "tab\there\nnext"}},
		},
		{
			name: "plain scalars keep inner colons, hashes and quotes",
			src:  "---\ntitle: C# と http://example.com の話\ncategory: it's\n---\n",
			want: Doc{Title: "C# と http://example.com の話", Category: "it's"},
		},
		{
			name: "no body, no final newline",
			src:  "---\ntitle: x\n---",
			want: Doc{Title: "x"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := MustParse(t, tt.src)
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Parse\n got: %#v\nwant: %#v", got, tt.want)
			}
		})
	}
}

func TestParseErrors(t *testing.T) {
	const ok = "---\ntitle: T\n"
	tests := []struct {
		name  string
		src   string
		want  ParseError
		limit *Limits
	}{
		{"empty file", "", ParseError{Line: 1, Reason: ReasonNoFrontMatter}, nil},
		{"markdown only", "# title\n", ParseError{Line: 1, Reason: ReasonNoFrontMatter}, nil},
		{"unclosed", "---\ntitle: T\nbody\n", ParseError{Line: 3, Reason: ReasonUnclosed}, nil},
		{"missing colon", ok + "oops\n---\n", ParseError{Line: 3, Reason: ReasonSyntax, Value: "oops"}, nil},
		{"no space after colon", ok + "type:faq\n---\n", ParseError{Line: 3, Field: "type", Reason: ReasonSyntax, Value: "type:faq"}, nil},
		{"bad key", ok + "ta gs: x\n---\n", ParseError{Line: 3, Reason: ReasonInvalidKey, Value: "ta gs"}, nil},
		{"full-width colon", ok + "type：faq\n---\n", ParseError{Line: 3, Reason: ReasonSyntax, Value: "type：faq"}, nil},
		{"duplicate key", ok + "title: U\n---\n", ParseError{Line: 3, Field: "title", Reason: ReasonDuplicateKey}, nil},
		{"unterminated flow list", ok + "tags: [a, b\n---\n", ParseError{Line: 3, Field: "tags", Reason: ReasonUnterminatedList, Value: "[a, b"}, nil},
		{"comment swallows bracket", ok + "tags: [a #b]\n---\n", ParseError{Line: 3, Field: "tags", Reason: ReasonUnterminatedList, Value: "[a #b]"}, nil},
		{"empty flow item", ok + "tags: [a, , b]\n---\n", ParseError{Line: 3, Field: "tags", Reason: ReasonEmptyItem, Value: "[a, , b]"}, nil},
		{"nested flow list", ok + "tags: [a, [b]]\n---\n", ParseError{Line: 3, Field: "tags", Reason: ReasonUnsupported, Value: "[a, [b]]"}, nil},
		{"text after list", ok + "tags: [a] b\n---\n", ParseError{Line: 3, Field: "tags", Reason: ReasonTrailingText, Value: "[a] b"}, nil},
		{"unterminated quote", ok + "category: \"abc\n---\n", ParseError{Line: 3, Field: "category", Reason: ReasonUnterminatedQuote, Value: "\"abc"}, nil},
		{"bad escape", ok + "category: \"a\\qb\"\n---\n", ParseError{Line: 3, Field: "category", Reason: ReasonBadEscape, Value: "\"a\\qb\""}, nil},
		{"text after quote", ok + "category: \"a\" b\n---\n", ParseError{Line: 3, Field: "category", Reason: ReasonTrailingText, Value: "\"a\" b"}, nil},
		{"block scalar", ok + "category: |\n---\n", ParseError{Line: 3, Field: "category", Reason: ReasonUnsupported, Value: "|"}, nil},
		{"anchor", ok + "category: &x a\n---\n", ParseError{Line: 3, Field: "category", Reason: ReasonUnsupported, Value: "&x a"}, nil},
		{"nested map", ok + "category: a: b\n---\n", ParseError{Line: 3, Field: "category", Reason: ReasonUnsupported, Value: "a: b"}, nil},
		{"indented mapping", ok + "extra:\n  key: v\n---\n", ParseError{Line: 4, Field: "extra", Reason: ReasonIndent}, nil},
		{"item without key", ok + "- a\n---\n", ParseError{Line: 3, Reason: ReasonSyntax}, nil},
		{"item after scalar", ok + "tags: a\n- b\n---\n", ParseError{Line: 4, Reason: ReasonSyntax}, nil},
		{"ragged block list", ok + "tags:\n  - a\n - b\n---\n", ParseError{Line: 5, Field: "tags", Reason: ReasonIndent}, nil},
		{"tab indentation", ok + "tags:\n\t- a\n---\n", ParseError{Line: 4, Field: "tags", Reason: ReasonIndent}, nil},
		{"empty block item", ok + "tags:\n  - a\n  -\n---\n", ParseError{Line: 5, Field: "tags", Reason: ReasonEmptyItem, Value: "-"}, nil},
		{"nested block list", ok + "tags:\n  - - a\n---\n", ParseError{Line: 4, Field: "tags", Reason: ReasonUnsupported, Value: "- - a"}, nil},
		{"flow list as block item", ok + "tags:\n  - [a]\n---\n", ParseError{Line: 4, Field: "tags", Reason: ReasonUnsupported, Value: "- [a]"}, nil},
		{"map as block item", ok + "tags:\n  - a: b\n---\n", ParseError{Line: 4, Field: "tags", Reason: ReasonUnsupported, Value: "- a: b"}, nil},
		{"duplicate user ignores case", ok + "visibility: restricted\nusers: [a@x.example, A@X.example]\n---\n", ParseError{Line: 4, Field: "users", Reason: ReasonDuplicateItem, Value: "A@X.example"}, nil},
		{"scalar for list", ok + "tags: vpn\n---\n", ParseError{Line: 3, Field: "tags", Reason: ReasonExpectedList}, nil},
		{"list for scalar", ok + "category: [a]\n---\n", ParseError{Line: 3, Field: "category", Reason: ReasonExpectedScalar}, nil},
		{"control character", ok + "category: a\x00b\n---\n", ParseError{Line: 3, Reason: ReasonControlChar}, nil},
		{"invalid utf8 in front matter", ok + "category: \xff\n---\n", ParseError{Line: 3, Reason: ReasonInvalidUTF8}, nil},
		{"invalid utf8 in body", ok + "---\nline\nbad \xff\n", ParseError{Line: 5, Field: "body", Reason: ReasonInvalidUTF8}, nil},
		{"missing title", "---\nid: kb-1\n---\n", ParseError{Line: 1, Field: "title", Reason: ReasonRequired}, nil},
		{"blank title", "---\ntitle: \"  \"\n---\n", ParseError{Line: 2, Field: "title", Reason: ReasonRequired}, nil},
		{"title too long", "---\ntitle: " + strings.Repeat("あ", 201) + "\n---\n", ParseError{Line: 2, Field: "title", Reason: ReasonTooLong, Value: strings.Repeat("あ", 26) + "…"}, nil},
		{"title with newline", "---\ntitle: \"a\\nb\"\n---\n", ParseError{Line: 2, Field: "title", Reason: ReasonControlChar, Value: "a\nb"}, nil},
		{"bad id", "---\nid: kb 1\ntitle: T\n---\n", ParseError{Line: 2, Field: "id", Reason: ReasonInvalidID, Value: "kb 1"}, nil},
		{"bad type", ok + "type: howto\n---\n", ParseError{Line: 3, Field: "type", Reason: ReasonInvalidType, Value: "howto"}, nil},
		{"bad visibility", ok + "visibility: public\n---\n", ParseError{Line: 3, Field: "visibility", Reason: ReasonInvalidVisibility, Value: "public"}, nil},
		{"bad date", ok + "review_by: 2026-02-30\n---\n", ParseError{Line: 3, Field: "review_by", Reason: ReasonInvalidDate, Value: "2026-02-30"}, nil},
		{"bad email points at item", ok + "visibility: restricted\nusers:\n  - a@x.example\n  - taro\n---\n", ParseError{Line: 6, Field: "users", Reason: ReasonInvalidEmail, Value: "taro"}, nil},
		{"users without restricted", ok + "users: [a@x.example]\n---\n", ParseError{Line: 3, Field: "users", Reason: ReasonUsersNotRestricted}, nil},
		{"duplicate tag", ok + "tags: [VPN, vpn]\n---\n", ParseError{Line: 3, Field: "tags", Reason: ReasonDuplicateItem, Value: "vpn"}, nil},
		{"empty quoted tag", ok + "tags: [a, \"\"]\n---\n", ParseError{Line: 3, Field: "tags", Reason: ReasonEmptyItem}, nil},
		{"front matter too large", ok + "category: " + strings.Repeat("x", 100) + "\n---\n", ParseError{Line: 3, Reason: ReasonFrontMatterTooLarge}, &Limits{FrontMatterBytes: 50, BodyBytes: 10, TitleRunes: 10}},
		{"nesting too deep points at the line", ok + "---\nintro\n\n" + strings.Repeat("> ", MaxNesting+1) + "x\n", ParseError{Line: 6, Field: "body", Reason: ReasonTooDeep}, nil},
		{"body too large", ok + "---\n12345678901\n", ParseError{Line: 4, Field: "body", Reason: ReasonBodyTooLarge}, &Limits{FrontMatterBytes: 50, BodyBytes: 10, TitleRunes: 10}},
		{"title over custom limit", "---\ntitle: 12345678901\n---\n", ParseError{Line: 2, Field: "title", Reason: ReasonTooLong, Value: "12345678901"}, &Limits{FrontMatterBytes: 50, BodyBytes: 10, TitleRunes: 10}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			lim := DefaultLimits()
			if tt.limit != nil {
				lim = *tt.limit
			}
			_, err := ParseLimits([]byte(tt.src), lim)
			var got *ParseError
			if !errors.As(err, &got) {
				t.Fatalf("got error %v, want *ParseError %+v", err, tt.want)
			}
			if *got != tt.want {
				t.Errorf("got  %+v\nwant %+v", *got, tt.want)
			}
		})
	}
}

func TestParseErrorMessage(t *testing.T) {
	tests := []struct {
		err  ParseError
		want string
	}{
		{ParseError{Line: 3, Field: "tags", Reason: ReasonUnterminatedList, Value: "[a, b"},
			`markdown: line 3: tags: list has no closing ']' ("[a, b")`},
		{ParseError{Line: 1, Reason: ReasonNoFrontMatter}, `markdown: line 1: file must start with a '---' line`},
		{ParseError{Field: "title", Reason: ReasonRequired}, `markdown: title: value is required`},
		{ParseError{Reason: "new_reason"}, `markdown: new_reason`},
	}
	for _, tt := range tests {
		if got := tt.err.Error(); got != tt.want {
			t.Errorf("got  %s\nwant %s", got, tt.want)
		}
	}
}

// TestEveryReasonHasText keeps reasonText in step with the constants.
func TestEveryReasonHasText(t *testing.T) {
	for _, r := range []Reason{ReasonNoFrontMatter, ReasonUnclosed, ReasonFrontMatterTooLarge,
		ReasonBodyTooLarge, ReasonInvalidUTF8, ReasonControlChar, ReasonSyntax, ReasonIndent,
		ReasonUnsupported, ReasonInvalidKey, ReasonDuplicateKey, ReasonUnterminatedQuote,
		ReasonBadEscape, ReasonUnterminatedList, ReasonTrailingText, ReasonExpectedList,
		ReasonExpectedScalar, ReasonEmptyItem, ReasonDuplicateItem, ReasonTooMany, ReasonRequired,
		ReasonTooLong, ReasonInvalidID, ReasonInvalidType, ReasonInvalidVisibility,
		ReasonInvalidEmail, ReasonInvalidDate, ReasonUsersNotRestricted, ReasonTooDeep} {
		if reasonText[r] == "" {
			t.Errorf("reason %q has no English text", r)
		}
	}
}

func TestParseDate(t *testing.T) {
	tests := []struct {
		in      string
		want    Date
		wantErr bool
	}{
		{"2026-04-01", Date{2026, time.April, 1}, false},
		{"2028-02-29", Date{2028, time.February, 29}, false},
		{"2026-02-29", Date{}, true},
		{"2026-13-01", Date{}, true},
		{"2026-4-1", Date{}, true},
		{"+026-04-01", Date{}, true},
		{"0000-01-01", Date{}, true},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := ParseDate(tt.in)
			if (err != nil) != tt.wantErr || got != tt.want {
				t.Errorf("ParseDate(%q) = %v, %v; want %v, error %v", tt.in, got, err, tt.want, tt.wantErr)
			}
			if err == nil && got.String() != tt.in {
				t.Errorf("String() = %q, want %q", got.String(), tt.in)
			}
		})
	}
	jst := time.FixedZone("JST", 9*3600)
	if got, want := (Date{2026, time.April, 1}).Time(jst), time.Date(2026, 4, 1, 0, 0, 0, 0, jst); !got.Equal(want) {
		t.Errorf("Time = %v, want %v", got, want)
	}
}
