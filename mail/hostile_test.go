package mail

import (
	"strings"
	"testing"
	"time"
)

// TestHostileInputsAreLinear feeds shapes that make naive parsers quadratic
// and checks each finishes quickly; a regression shows up as a timeout here
// rather than as a stuck mail poller.
func TestHostileInputsAreLinear(t *testing.T) {
	const n = 200_000
	tests := []struct{ name, raw string }{
		{"stray encoded-word openers", "Subject: " + strings.Repeat("=?a?B?aaaa", n) + "?=\n\nx"},
		{"folded a hundred thousand times", "Subject: a" + strings.Repeat("\n b", n) + "\n\nx"},
		{"name-only address items", "From: " + strings.Repeat("a,", n) + "a@b\n\nx"},
		{"boundary repeated on one line", "Content-Type: multipart/mixed; boundary=b\n\n" + strings.Repeat("--b", n)},
		{"unclosed tags", "Content-Type: text/html\n\n" + strings.Repeat("<a", n) + ">"},
		{"unbalanced quotes in tags", "Content-Type: text/html\n\n" + strings.Repeat("<a \"", n) + ">"},
		{"many reply prefixes", "Subject: " + strings.Repeat("Re:", n) + "\n\nx"},
		{"many quoted lines", "Subject: x\n\n" + strings.Repeat("> q\n\n", n)},
		{"many ids", "References: " + strings.Repeat("<", n) + ">\n\nx"},
		{"many parameters", "Content-Type: text/plain" + strings.Repeat("; a*1*=%41", n) + "\n\nx"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			start := time.Now()
			m, err := Parse([]byte(tt.raw), DefaultLimits())
			if err != nil {
				t.Fatal(err)
			}
			StripQuoted(m.Text)
			NormalizeSubject(m.Subject)
			FindTicketTag(m.Subject, "HD")
			if d := time.Since(start); d > 10*time.Second { // generous for -race on a busy CI box; quadratic code takes minutes
				t.Errorf("took %v", d)
			}
		})
	}
}
