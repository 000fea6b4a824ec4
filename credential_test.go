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
