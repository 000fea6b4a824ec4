package vault

import (
	"strings"
	"testing"
)

// FuzzParseShareFile: a share file or typed code is outside data; the
// parser must never panic and must give back exactly what a valid code holds.
func FuzzParseShareFile(f *testing.F) {
	raw, _ := Split(NewKey(), 3, 2)
	sh := Share{VaultID: strings.Repeat("c3", 16), Generation: 1, Threshold: 2, Total: 3, RawShare: raw[0]}
	file, _ := sh.ShareFile("社長")
	code, _ := sh.Code()
	for _, seed := range []string{string(file), code, strings.ToLower(code), "", "code:", "code: AAAA-", "hitori vault share v1\ncode: ＡＢＣＤ"} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		got, err := ParseShareFile(b)
		if err != nil {
			return
		}
		again, err := got.Code()
		if err != nil {
			t.Fatalf("parsed share does not encode: %v", err)
		}
		if back, err := ParseShareCode(again); err != nil || back.X != got.X || back.VaultID != got.VaultID {
			t.Fatalf("round trip: %v", err)
		}
	})
}
