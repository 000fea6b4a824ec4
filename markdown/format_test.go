package markdown

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
	"time"
)

func TestFormat(t *testing.T) {
	d := Doc{
		ID: "kb-100", Title: `VPN: "接続できない"`, Category: "VPN・リモートワーク",
		Tags: []string{"VPN", "在宅 勤務", "a, b", "001", "yes"}, Type: KindTroubleshooting,
		Visibility: VisibilityRestricted, Users: []string{"taro@minato-seiko.example"},
		ReviewBy: Date{2026, time.April, 1},
		Extra:    map[string]string{"zeta": "#1", "alpha": "[a, b]", "note": "行1\n行2"},
		Body:     "## 症状\r\n\r\n接続できない。\n",
	}
	want := "---\n" +
		"id: kb-100\n" +
		"title: \"VPN: \\\"接続できない\\\"\"\n" +
		"category: VPN・リモートワーク\n" +
		"tags: [VPN, 在宅 勤務, \"a, b\", \"001\", \"yes\"]\n" +
		"type: troubleshooting\n" +
		"visibility: restricted\n" +
		"users: [taro@minato-seiko.example]\n" +
		"review_by: 2026-04-01\n" +
		"alpha: [a, b]\n" +
		"note: \"行1\\n行2\"\n" +
		"zeta: \"#1\"\n" +
		"---\n" +
		"## 症状\n\n接続できない。\n"
	if got := string(Format(d)); got != want {
		t.Errorf("Format\n got: %q\nwant: %q", got, want)
	}
}

// tricky holds runes that each break a naive YAML writer somewhere.
var tricky = []string{"a", "Z", "0", "9", " ", "　", ":", ": ", " #", "#", "'", "\"", "\\",
	"[", "]", "{", "}", ",", "-", "- ", "?", "&", "*", "!", "|", ">", "%", "@", "`", "~",
	"あ", "漢", "ｱ", "Ａ", "é", "😀", "\u200b", "yes", "null", "true", "1.5", "---"}

// randText returns a random string of up to n pieces from tricky, plus
// control characters when ctl is set (only Extra values may hold them).
func randText(r *rand.Rand, n int, ctl bool) string {
	var b strings.Builder
	for i := r.IntN(n + 1); i >= 0; i-- {
		if ctl && r.IntN(8) == 0 {
			b.WriteString([]string{"\n", "\t", "\r", "\x01", "\x7f", "\u2028", "\ufeff"}[r.IntN(7)])
			continue
		}
		b.WriteString(tricky[r.IntN(len(tricky))])
	}
	return b.String()
}

// randDoc builds a random valid Doc in canonical form (nil for empty lists
// and maps, "\n" line endings), the domain on which Format must invert Parse.
func randDoc(r *rand.Rand) Doc {
	var d Doc
	if r.IntN(2) == 0 {
		d.ID = fmt.Sprintf("kb-%03d", r.IntN(1000))
	}
	for strings.TrimSpace(d.Title) == "" {
		d.Title = randText(r, 12, false)
	}
	if r.IntN(2) == 0 {
		d.Category = randText(r, 8, false)
	}
	seen := map[string]bool{}
	for i := r.IntN(5); i > 0; i-- {
		tag := randText(r, 5, false)
		if strings.TrimSpace(tag) != "" && !seen[strings.ToLower(tag)] {
			seen[strings.ToLower(tag)] = true
			d.Tags = append(d.Tags, tag)
		}
	}
	if r.IntN(2) == 0 {
		d.Type = Kinds()[r.IntN(4)]
	}
	if r.IntN(3) == 0 {
		d.Visibility = VisibilityRestricted
		for i := r.IntN(3); i >= 0; i-- {
			d.Users = append(d.Users, fmt.Sprintf("user%d.%d@minato-seiko.example", i, r.IntN(100)))
		}
	} else if r.IntN(2) == 0 {
		d.Visibility = []Visibility{VisibilityEveryone, VisibilityStaff}[r.IntN(2)]
	}
	if r.IntN(2) == 0 {
		d.ReviewBy = Date{2000 + r.IntN(50), time.Month(1 + r.IntN(12)), 1 + r.IntN(28)}
	}
	for i := r.IntN(3); i > 0; i-- {
		if d.Extra == nil {
			d.Extra = map[string]string{}
		}
		d.Extra[fmt.Sprintf("x_%d", r.IntN(100))] = randText(r, 6, true)
	}
	if r.IntN(4) == 0 {
		d.Extra = map[string]string{"list": formatFlowList([]string{randText(r, 3, false) + "x", "z"})}
	}
	d.Body = strings.ReplaceAll(randText(r, 30, true), "\r", "\n")
	return d
}

// TestFormatRoundTrip is the property Parse(Format(d)) == d over random
// valid documents full of characters that need quoting or escaping.
func TestFormatRoundTrip(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	for i := 0; i < 5000; i++ {
		d := randDoc(r)
		if err := d.Validate(); err != nil {
			t.Fatalf("generator made an invalid doc %#v: %v", d, err)
		}
		src := Format(d)
		got, err := Parse(src)
		if err != nil {
			t.Fatalf("Parse(Format(d)) failed: %v\nd: %#v\nsrc:\n%s", err, d, src)
		}
		if !reflect.DeepEqual(got, d) {
			t.Fatalf("Parse(Format(d)) != d\n got: %#v\nwant: %#v\nsrc:\n%s", got, d, src)
		}
	}
}

func TestValidate(t *testing.T) {
	tests := []struct {
		name string
		doc  Doc
		want Reason // "" for valid
	}{
		{"minimal", Doc{Title: "T"}, ""},
		{"restricted without users is allowed", Doc{Title: "T", Visibility: VisibilityRestricted}, ""},
		{"bad kind", Doc{Title: "T", Type: "howto"}, ReasonInvalidType},
		{"impossible date", Doc{Title: "T", ReviewBy: Date{2026, time.February, 30}}, ReasonInvalidDate},
		{"too many tags", Doc{Title: "T", Tags: strings.Split(strings.Repeat("t,", maxTags)+"last", ",")}, ReasonTooMany},
		{"quoted local part", Doc{Title: "T", Visibility: VisibilityRestricted, Users: []string{`"a b"@x.example`}}, ReasonInvalidEmail},
		{"display name", Doc{Title: "T", Visibility: VisibilityRestricted, Users: []string{"Taro <taro@x.example>"}}, ReasonInvalidEmail},
		{"body with invalid utf8", Doc{Title: "T", Body: "\xff"}, ReasonInvalidUTF8},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.doc.Validate()
			var got Reason
			if perr, ok := err.(*ParseError); ok {
				got = perr.Reason
			} else if err != nil {
				t.Fatalf("got %T %v, want *ParseError", err, err)
			}
			if got != tt.want {
				t.Errorf("Validate() reason = %q, want %q (%v)", got, tt.want, err)
			}
		})
	}
}

func TestValidateRejectsBadExtra(t *testing.T) {
	tests := []struct {
		name  string
		extra map[string]string
	}{
		{"known key", map[string]string{"title": "x"}},
		{"bad key", map[string]string{"a b": "x"}},
		{"invalid utf8", map[string]string{"k": "\xff"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := (Doc{Title: "T", Extra: tt.extra}).Validate(); err == nil {
				t.Errorf("Validate accepted Extra %q", tt.extra)
			}
		})
	}
}
