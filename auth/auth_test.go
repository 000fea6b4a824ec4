package auth

import (
	"strings"
	"testing"
	"time"
)

func TestHashVerify(t *testing.T) {
	h := Hasher{TestParams}
	enc, err := h.Hash("correct horse battery")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, pw string
		want     bool
	}{
		{"right", "correct horse battery", true},
		{"wrong", "correct horse batterx", false},
		{"empty", "", false},
		{"japanese", "パスワード", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := h.Verify(enc, tt.pw)
			if err != nil || got != tt.want {
				t.Fatalf("Verify(%q) = %v, %v; want %v", tt.pw, got, err, tt.want)
			}
		})
	}
	if _, err := h.Verify("$bcrypt$x", "x"); err != ErrMalformedHash {
		t.Fatalf("malformed: got %v", err)
	}
}

func TestTOTPStep(t *testing.T) {
	key, err := NewTOTPSecret("hitori", "a@example.com")
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 11, 25, 10, 0, 0, 0, time.UTC)
	code, _ := TOTPCode(key.Secret(), now)
	if got := TOTPStep(key.Secret(), code, now); got != now.Unix()/30 {
		t.Fatalf("step = %d, want %d", got, now.Unix()/30)
	}
	if got := TOTPStep(key.Secret(), code, now.Add(31*time.Second)); got != now.Unix()/30 {
		t.Fatalf("skew: step = %d", got)
	}
	// A Japanese IME types full-width digits; people add spaces.
	wide := strings.Map(func(r rune) rune { return r - '0' + '０' }, code)
	for _, typed := range []string{wide, code[:3] + " " + code[3:], " " + wide[:9] + "\u3000" + wide[9:] + "\n"} {
		if got := TOTPStep(key.Secret(), typed, now); got != now.Unix()/30 {
			t.Fatalf("TOTPStep(%q) = %d, want %d", typed, got, now.Unix()/30)
		}
	}
	if got := TOTPStep(key.Secret(), code, now.Add(5*time.Minute)); got != -1 {
		t.Fatalf("old code accepted: %d", got)
	}
}

func TestRecoveryCodes(t *testing.T) {
	codes := RecoveryCodes(10)
	seen := map[string]bool{}
	for _, c := range codes {
		if len(c) != 9 || c[4] != '-' || seen[c] {
			t.Fatalf("bad code %q", c)
		}
		seen[c] = true
		if got := NormalizeRecoveryCode(strings.ToUpper(strings.ReplaceAll(c, "-", " "))); got != c {
			t.Fatalf("normalize = %q, want %q", got, c)
		}
	}
}
