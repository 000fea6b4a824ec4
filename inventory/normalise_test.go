package inventory

import (
	"strings"
	"testing"
)

// FuzzClean: clean's fast path for plain ASCII returns what the full
// cleaning does.
func FuzzClean(f *testing.F) {
	for _, s := range []string{"", "plain", " lead", "trail ", "tab\there", "ctl\x01", "日本語", "\xff\xfe",
		"ＡＢＣ", "a\u0085b", "\u00a0nbsp", strings.Repeat("x", maxText), strings.Repeat("x", maxText+1), "~\x7f"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := clean(s), cleanText(s); got != want {
			t.Errorf("clean(%q) = %q, want %q", s, got, want)
		}
	})
}
