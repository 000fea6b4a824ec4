package hitori

import "testing"

// TestNormalizeCode: codes typed through a Japanese IME or copied with
// spacing still match (issue 9).
func TestNormalizeCode(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"ascii", "877794", "877794"},
		{"full-width digits", "８７７７９４", "877794"},
		{"spaces", " 877 794 ", "877794"},
		{"ideographic space", "８７７\u3000７９４", "877794"},
		{"tab and newline", "877\t794\n", "877794"},
		{"mixed widths", "8７7７94", "877794"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := NormalizeCode(tt.in); got != tt.want {
				t.Fatalf("NormalizeCode(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestNormalizeRecoveryCode(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"as shown", "abcd-2345", "abcd-2345"},
		{"upper, no dash", "ABCD2345", "abcd-2345"},
		{"spaces", "abcd 2345", "abcd-2345"},
		{"full-width", "ＡＢＣＤ－２３４５", "abcd-2345"},
		{"long-vowel mark as dash", "abcdー2345", "abcd-2345"},
		{"ideographic space", "ａｂｃｄ\u3000２３４５", "abcd-2345"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := NormalizeRecoveryCode(tt.in); got != tt.want {
				t.Fatalf("NormalizeRecoveryCode(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

// TestHashTokenKnownAnswer pins the token hash to full SHA-256 in lower-case
// hex: stored session, API-token and recovery-code hashes depend on it, and a
// shortened hash would make tokens guessable by collision.
func TestHashTokenKnownAnswer(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"empty", "", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"},
		{"api token", "hit_ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", "c424c3b387c5c7421095534de3117e3ac9dfc53a75e341dd1e4126346282a1d8"},
		{"utf-8", "パスワード", "d8b076148c939d9d2d6eb60458969c486794a4c0fcf0632be58fa5bf6d15aafa"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := HashToken(tt.in); got != tt.want {
				t.Errorf("HashToken(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}
