package mail

import (
	"testing"
)

// TestDecodeHeader covers RFC 2047 as real mailers write it.
func TestDecodeHeader(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"plain", "Hello", "Hello"},
		{"b utf-8", "=?UTF-8?B?5ryi5a2X?=", "漢字"},
		{"q with underscore", "=?utf-8?q?a_b=E6=BC=A2?=", "a b漢"},
		{"utf-8 split across words", "=?utf-8?B?5ryi5Q==?= =?utf-8?B?rZc=?=", "漢字"},
		{"split folded q", "=?utf-8?Q?=E6=BC=A2=E5?=\r\n =?utf-8?Q?=AD=97?=", "漢字"},
		{"damaged utf-8 stays utf-8", "=?utf-8?B?5ryi5a2X5ryi5a2X5ryi5Q==?=", "漢字漢字漢\uFFFD"},
		{"space between words dropped", "=?utf-8?B?5ryi?=   =?utf-8?B?5a2X?=", "漢字"},
		{"space to text kept", "AutoCAD =?iso-2022-jp?B?TFQbJEIkLDUvGyhC?=", "AutoCAD LTが起"},
		{"us-ascii with jis", "=?us-ascii?B?GyRCQ2ZCPBsoQg==?= =?us-ascii?B?IBskQk1bO1IbKEI=?=", "中村 陽子"},
		{"jis split mid escape run", "=?iso-2022-jp?B?GyRCNEE=?= =?iso-2022-jp?B?O3obKEI=?=", "漢字"},
		{"different charsets", "=?utf-8?B?5ryi?= =?shift_jis?B?jpo=?=", "漢字"},
		{"shift_jis cp932 char", "=?Shift_JIS?B?7uCLtCCI6phZ?=", "髙橋 一郎"},
		{"unknown label detects cp932", "=?x-sjis-unknown?B?g2yDYoNng4+BW4NO?=", "ネットワーク"},
		{"language suffix", "=?utf-8*ja?B?5ryi?=", "漢"},
		{"glued to text", "a=?utf-8?B?5ryi?=b", "a漢b"},
		{"inside quotes", `"=?utf-8?B?5ryi?="`, `"漢"`},
		{"raw utf-8", "社内ポータル", "社内ポータル"},
		{"raw cp932", "\x8a\xbf\x8e\x9a", "漢字"},
		{"raw jis", "\x1b$B4A;z\x1b(B", "漢字"},
		{"malformed kept", "=?utf-8?X?abc?=", "=?utf-8?X?abc?="},
		{"unterminated kept", "=?utf-8?B?5ryi", "=?utf-8?B?5ryi"},
		{"space inside word kept", "=?utf-8?Q?a b?=", "=?utf-8?Q?a b?="},
		{"lone marker", "price =? 5", "price =? 5"},
		{"empty word", "=?utf-8?B??=", ""},
		{"bad base64 ignored", "=?utf-8?B?5r!yi?=", "漢"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := DecodeHeader(tt.in); got != tt.want {
				t.Errorf("DecodeHeader(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

// TestSplitHeader covers line endings, folding and junk lines.
func TestSplitHeader(t *testing.T) {
	raw := "From mbox-line\nSubject: a\r\n b\r\nX-Empty:\r\nnot a field\r\nBad Name: x\r\nTo : t@example.jp\r\n\r\nbody\r\n"
	h, body, dropped := splitHeader([]byte(raw))
	if dropped {
		t.Error("dropped: got true, want false")
	}
	if got, want := h.Get("subject"), "a b"; got != want {
		t.Errorf("Subject: got %q, want %q", got, want)
	}
	if !h.Has("X-Empty") || h.Get("X-Empty") != "" {
		t.Errorf("X-Empty: got %q, %v", h.Get("X-Empty"), h.Has("X-Empty"))
	}
	if got, want := h.Get("To"), "t@example.jp"; got != want {
		t.Errorf("To: got %q, want %q", got, want)
	}
	if len(h) != 3 {
		t.Errorf("fields: got %d (%q), want 3", len(h), h)
	}
	if got, want := string(body), "body\r\n"; got != want {
		t.Errorf("body: got %q, want %q", got, want)
	}
}
