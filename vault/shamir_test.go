package vault

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"golang.org/x/text/width"

	"hitori"
)

func TestGFMul(t *testing.T) {
	// FIPS-197 section 4.2 examples.
	for _, tt := range []struct{ a, b, want byte }{{0x57, 0x83, 0xc1}, {0x57, 0x13, 0xfe}, {0x57, 0x02, 0xae}, {0x03, 0x03, 0x05}} {
		if got := gfMul(tt.a, tt.b); got != tt.want {
			t.Errorf("%#x·%#x = %#x, want %#x", tt.a, tt.b, got, tt.want)
		}
	}
	for a := 0; a < 256; a++ {
		for b := 0; b < 256; b++ {
			if gfMul(byte(a), byte(b)) != gfMulSlow(byte(a), byte(b)) {
				t.Fatalf("table and slow multiply differ at %d·%d", a, b)
			}
			if b != 0 && gfMul(gfDiv(byte(a), byte(b)), byte(b)) != byte(a) {
				t.Fatalf("(%d/%d)·%d ≠ %d", a, b, b, a)
			}
		}
	}
}

// TestShamirKnownVectors fixes the coefficients, so shares are computed by
// hand: f(x) = s ⊕ a1·x ⊕ a2·x² in GF(2^8).
func TestShamirKnownVectors(t *testing.T) {
	tests := []struct {
		name   string
		secret []byte
		coef   []byte // a1.. for each secret byte in turn
		k      int
		want   []RawShare
	}{
		{"k2", []byte{0x01}, []byte{0x02}, 2, []RawShare{{1, []byte{0x03}}, {2, []byte{0x05}}, {3, []byte{0x07}}}},
		{"k3", []byte{0x42}, []byte{0x01, 0x01}, 3, []RawShare{{1, []byte{0x42}}, {2, []byte{0x44}}, {3, []byte{0x44}}}},
		{"two bytes", []byte{0x00, 0xff}, []byte{0x57, 0x01}, 2, []RawShare{{1, []byte{0x57, 0xfe}}, {2, []byte{0xae, 0xfd}}, {3, []byte{0xf9, 0xfc}}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := splitWith(bytes.NewReader(tt.coef), tt.secret, 3, tt.k)
			if err != nil {
				t.Fatal(err)
			}
			for i := range tt.want {
				if got[i].X != tt.want[i].X || !bytes.Equal(got[i].Y, tt.want[i].Y) {
					t.Errorf("share %d = %d:%x, want %d:%x", i, got[i].X, got[i].Y, tt.want[i].X, tt.want[i].Y)
				}
			}
			if back, err := Combine(tt.want[:tt.k]); err != nil || !bytes.Equal(back, tt.secret) {
				t.Errorf("combine: %x, %v", back, err)
			}
		})
	}
}

// subsets calls fn with every subset of indexes 0…n-1 of size k.
func subsets(n, k int, fn func([]int)) {
	var rec func(start int, cur []int)
	rec = func(start int, cur []int) {
		if len(cur) == k {
			fn(append([]int(nil), cur...))
			return
		}
		for i := start; i < n; i++ {
			rec(i+1, append(cur, i))
		}
	}
	rec(0, nil)
}

func TestShamirEverySubset(t *testing.T) {
	secret := NewKey()
	for _, nk := range [][2]int{{2, 2}, {3, 2}, {5, 3}, {6, 4}, {7, 7}} {
		n, k := nk[0], nk[1]
		shares, err := Split(secret, n, k)
		if err != nil {
			t.Fatal(err)
		}
		count := 0
		subsets(n, k, func(idx []int) {
			count++
			pick := make([]RawShare, len(idx))
			for i, j := range idx {
				pick[i] = shares[j]
			}
			if got, err := Combine(pick); err != nil || !bytes.Equal(got, secret) {
				t.Errorf("%d of %d, shares %v: did not recover", k, n, idx)
			}
		})
		if k > 2 {
			subsets(n, k-1, func(idx []int) {
				pick := make([]RawShare, len(idx))
				for i, j := range idx {
					pick[i] = shares[j]
				}
				if got, _ := Combine(pick); bytes.Equal(got, secret) {
					t.Errorf("%d of %d, only %v: recovered with K−1 shares", k, n, idx)
				}
			})
		}
		t.Logf("%d of %d: %d subsets recover", k, n, count)
	}
	for _, bad := range [][2]int{{1, 1}, {3, 1}, {2, 3}, {256, 2}} {
		if _, err := Split(secret, bad[0], bad[1]); err == nil {
			t.Errorf("split %v: accepted", bad)
		}
	}
	one, _ := Split(secret, 3, 2)
	if _, err := Combine([]RawShare{one[0], one[0]}); err == nil {
		t.Error("same share twice: accepted")
	}
}

func TestShareCode(t *testing.T) {
	raw, _ := Split(NewKey(), 3, 2)
	sh := Share{VaultID: strings.Repeat("ab", 16), Generation: 7, Threshold: 2, Total: 3, RawShare: raw[1]}
	code, err := sh.Code()
	if err != nil {
		t.Fatal(err)
	}
	back, err := ParseShareCode(code)
	if err != nil || back.VaultID != sh.VaultID || back.Generation != 7 || back.X != 2 || !bytes.Equal(back.Y, sh.Y) {
		t.Fatalf("round trip: %+v, %v", back, err)
	}
	// People type in lower case, with spaces, full-width, without dashes.
	typed := strings.ToLower(strings.ReplaceAll(code, "-", " "))
	if _, err := ParseShareCode(typed); err != nil {
		t.Errorf("typed form: %v", err)
	}
	if _, err := ParseShareCode(width.Widen.String(code)); err != nil {
		t.Errorf("full-width form: %v", err)
	}
	groups := strings.Split(code, "-")
	for g := range groups {
		bad := append([]string(nil), groups...)
		c := bad[g][0]
		repl := byte('A')
		if c == 'A' {
			repl = 'B'
		}
		bad[g] = string(repl) + bad[g][1:]
		var typo ErrShareTypo
		_, err := ParseShareCode(strings.Join(bad, "-"))
		if !errors.As(err, &typo) || typo.Group != g+1 {
			// 1 in 32 typos passes a group check; the whole-code checksum catches it.
			if err == nil {
				t.Errorf("group %d mistyped: accepted", g+1)
			}
		}
	}
	file, _ := sh.ShareFile("社長")
	if got, err := ParseShareFile(file); err != nil || got.X != 2 {
		t.Fatalf("share file: %v", err)
	}
}

func TestCombineSharesErrors(t *testing.T) {
	key := NewKey()
	m := &hitori.VaultMeta{VaultID: strings.Repeat("01", 16), Generation: 2}
	m.Check, _ = seal(key, []byte(checkPlain), checkAD(m.VaultID))
	raw, _ := Split(key, 5, 3)
	share := func(i int) Share {
		return Share{VaultID: m.VaultID, Generation: 2, Threshold: 3, Total: 5, RawShare: raw[i]}
	}
	foreign := share(2)
	foreign.VaultID = strings.Repeat("02", 16)
	old := share(2)
	old.Generation = 1
	tests := []struct {
		name   string
		shares []Share
		want   string
	}{
		{"enough", []Share{share(0), share(2), share(4)}, ""},
		{"too few", []Share{share(0), share(1)}, "2 shares given, 3 needed"},
		{"foreign", []Share{share(0), share(1), foreign}, "belongs to another vault"},
		{"old kit", []Share{share(0), share(1), old}, "generation 1"},
		{"twice", []Share{share(0), share(1), share(1)}, "same share"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := combineShares(m, tt.shares)
			if tt.want == "" {
				if err != nil || !bytes.Equal(got, key) {
					t.Fatalf("got %v", err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err %v, want %q", err, tt.want)
			}
		})
	}
	// A K−1 forgery with a made-up third share is refused by the check value.
	fake := share(3)
	fake.Y = NewKey()
	if _, err := combineShares(m, []Share{share(0), share(1), fake}); err == nil || !strings.Contains(err.Error(), "do not open") {
		t.Fatalf("forged share: %v", err)
	}
}
