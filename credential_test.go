package hitori

import "testing"

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
