package mail

import (
	"testing"
)

// TestDecodeISO2022JP covers CP50221 extensions and broken senders.
func TestDecodeISO2022JP(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"kanji", "\x1b$B4A;z\x1b(B", "漢字"},
		{"nec row 13", "\x1b$B-!-\"-j\x1b(B", "①②㈱"},
		{"nec selected ibm", "\x1b$B|b66\x1b(B", "髙橋"},
		{"wave dash as windows", "\x1b$B!A\x1b(B", "～"},
		{"minus as windows", "\x1b$B!]\x1b(B", "－"},
		{"esc $ @", "\x1b$@$\"\x1b(B", "あ"},
		{"jis roman", "a\x1b(Jb", "ab"},
		{"half-width kana", "\x1b(I12\x1b(B", "ｱｲ"},
		{"shift out", "A\x0e12\x0fB", "AｱｲB"},
		{"jis x 0212", "\x1b$(D0!\x1b(B", "丂"},
		{"missing reset before newline", "\x1b$B$\"\nabc", "あ\nabc"},
		{"odd byte", "\x1b$B$", "\uFFFD"},
		{"bad pair", "\x1b$B$\x01$\"", "\uFFFD\x01あ"},
		{"unknown escape dropped", "a\x1b%Gb", "a%Gb"},
		{"stray 8-bit kana", "a\xb1b", "aｱb"},
		{"announcer", "\x1b&@\x1b$B$\"\x1b(B", "あ"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := decodeISO2022JP([]byte(tt.in)); got != tt.want {
				t.Errorf("decodeISO2022JP(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

// TestDecodeText covers labels, aliases and detection fallbacks.
func TestDecodeText(t *testing.T) {
	sjis := "\x8a\xbf\x8e\x9a\x81\x60\x87\x40\xfb\xfc" // 漢字～①髙 in CP932
	euc := "\xb4\xc1\xbb\xfa"                          // 漢字 in EUC-JP
	jis := "\x1b$B4A;z\x1b(B"
	tests := []struct{ name, label, in, want string }{
		{"shift_jis is cp932", "Shift_JIS", sjis, "漢字～①髙"},
		{"windows-31j", "Windows-31J", sjis, "漢字～①髙"},
		{"x-sjis", "x-sjis", sjis, "漢字～①髙"},
		{"ms_kanji", "MS_Kanji", sjis, "漢字～①髙"},
		{"cp932", "cp932", sjis, "漢字～①髙"},
		{"quoted label", `"shift_jis"`, sjis, "漢字～①髙"},
		{"euc-jp", "EUC-JP", euc, "漢字"},
		{"utf-8", "UTF-8", "漢字", "漢字"},
		{"iso-2022-jp", "ISO-2022-JP", jis, "漢字"},
		{"rfc 2231 language", "iso-2022-jp*ja", jis, "漢字"},
		{"latin-1", "iso-8859-1", "caf\xe9", "café"},
		{"unknown label, cp932 bytes", "x-sjis-unknown", sjis, "漢字～①髙"},
		{"unknown label, euc bytes", "x-unknown", euc, "漢字"},
		{"unknown label, jis bytes", "x-unknown", jis, "漢字"},
		{"unknown label, utf-8", "x-unknown", "漢字", "漢字"},
		{"us-ascii holding jis", "us-ascii", jis, "漢字"},
		{"us-ascii holding utf-8", "us-ascii", "漢字", "漢字"},
		{"iso-2022-jp holding cp932", "iso-2022-jp", sjis, "漢字～①髙"},
		{"utf-8 label, cp932 bytes", "utf-8", sjis, "漢字～①髙"},
		{"utf-8 label, garbage", "utf-8", "a\xffb", "a\uFFFDb"},
		{"empty", "", "", ""},
		{"truncated cp932", "shift_jis", "\x8a", "\uFFFD"},
		// The iso-2022-jp label must reach the CP50221 decoder, not x/text's strict table.
		{"iso-2022-jp label, SO/SI kana", "iso-2022-jp", "A\x0e12\x0fB", "AｱｲB"},
		{"iso-2022-jp label, ESC & @ announcer", "iso-2022-jp", "\x1b&@\x1b$B$\"\x1b(B", "あ"},
		{"iso-2022-jp label, ESC $ ( Q", "iso-2022-jp", "\x1b$(Q4A;z\x1b(B", "漢字"},
		{"iso-2022-jp label, nec row 13", "ISO-2022-JP", "\x1b$B-!-j\x1b(B", "①㈱"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := decodeText(tt.label, []byte(tt.in)); got != tt.want {
				t.Errorf("decodeText(%q, %q) = %q, want %q", tt.label, tt.in, got, tt.want)
			}
		})
	}
}

// TestJISToSJIS checks the row/cell arithmetic at the edges of both halves.
func TestJISToSJIS(t *testing.T) {
	tests := []struct{ j1, j2, s1, s2 byte }{
		{0x21, 0x21, 0x81, 0x40},
		{0x21, 0x5F, 0x81, 0x7E},
		{0x21, 0x60, 0x81, 0x80},
		{0x22, 0x21, 0x81, 0x9F},
		{0x22, 0x7E, 0x81, 0xFC},
		{0x5E, 0x7E, 0x9F, 0xFC},
		{0x5F, 0x21, 0xE0, 0x40},
		{0x7C, 0x62, 0xEE, 0xE0},
		{0x7E, 0x7E, 0xEF, 0xFC},
	}
	for _, tt := range tests {
		if s1, s2 := jisToSJIS(tt.j1, tt.j2); s1 != tt.s1 || s2 != tt.s2 {
			t.Errorf("jisToSJIS(%#x, %#x) = %#x %#x, want %#x %#x", tt.j1, tt.j2, s1, s2, tt.s1, tt.s2)
		}
	}
}

// TestReplacementLabelDetects keeps ISO-2022-KR labelled text readable instead of one U+FFFD.
func TestReplacementLabelDetects(t *testing.T) {
	if got := decodeText("iso-2022-kr", []byte("hello")); got != "hello" {
		t.Errorf("got %q, want %q", got, "hello")
	}
}
