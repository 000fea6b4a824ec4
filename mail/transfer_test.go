package mail

import (
	"testing"
)

// TestDecodeBase64 covers the damage base64 bodies arrive with.
func TestDecodeBase64(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"padded", "5ryi5a2X", "漢字"},
		{"line breaks", "5ryi\r\n5a2X\r\n", "漢字"},
		{"missing padding", "YWI", "ab"},
		{"padding", "YWI=", "ab"},
		{"concatenated chunks", "YWI=YWI=", "abab"},
		{"junk characters", "Y W*I=", "ab"},
		{"lone trailing char", "YWJjZ", "abc"},
		{"empty", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := string(decodeBase64([]byte(tt.in))); got != tt.want {
				t.Errorf("decodeBase64(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

// TestDecodeQP covers soft breaks and malformed escapes.
func TestDecodeQP(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"escape", "=E6=BC=A2", "漢"},
		{"lower-case hex", "=e6=bc=a2", "漢"},
		{"soft break crlf", "ab=\r\ncd", "abcd"},
		{"soft break lf", "ab=\ncd", "abcd"},
		{"soft break with padding", "ab= \t\r\ncd", "abcd"},
		{"soft break at end", "ab=", "ab"},
		{"escape split by soft break", "=E6=BC=\r\n=A2", "漢"},
		{"malformed kept", "a=ZZb", "a=ZZb"},
		{"hard break kept", "a\r\nb", "a\r\nb"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := string(decodeQP([]byte(tt.in))); got != tt.want {
				t.Errorf("decodeQP(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}
