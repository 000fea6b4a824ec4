package mail

import (
	"testing"
)

// TestHTMLToText covers the HTML that Outlook, Gmail and web forms send.
func TestHTMLToText(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"paragraphs", "<p>一行目</p><p>二行目</p>", "一行目\n二行目"},
		{"br", "a<br>b<br/>c<BR >d", "a\nb\nc\nd"},
		{"gmail divs", "<div>a</div><div><br></div><div>b</div>", "a\n\nb"},
		{"script and style dropped", "<style>p{color:red}</style><script>alert(1)</script>本文", "本文"},
		{"head dropped", "<html><head><title>t</title><meta charset=utf-8></head><body>本文</body></html>", "本文"},
		{"head never closed", "<html><head><meta charset=utf-8><body>本文</body></html>", "本文"},
		{"comments dropped", "a<!-- [if mso]>x<![endif] -->b", "ab"},
		{"named entities", "&lt;tag&gt; &amp; &quot;q&quot;", `<tag> & "q"`},
		{"numeric refs", "助かります&#x1f64f; &#12354;", "助かります🙏 あ"},
		{"nbsp", "a&nbsp;&nbsp;b", "a  b"},
		{"source whitespace collapsed", "<p>a\r\n   b\tc</p>", "a b c"},
		{"pre kept", "<pre>a\n  b</pre>", "a\n  b"},
		{"list items", "<ul><li>一</li><li>二</li></ul>", "・一\n・二"},
		{"table cells", "<table><tr><td>a</td><td>b</td></tr><tr><td>c</td></tr></table>", "a b\nc"},
		{"link target shown", `<a href="https://evil.example/login">Microsoft</a>`, "Microsoft <https://evil.example/login>"},
		{"link text is url", `<a href="https://a.example/">https://a.example/</a>`, "https://a.example/"},
		{"mailto not shown", `<a href="mailto:a@b">a@b</a>`, "a@b"},
		{"img alt", `<img src="cid:1" alt="スクショ">`, "[スクショ]"},
		{"gt in attribute", `<a title="a>b" href="http://x/">t</a>`, "t <http://x/>"},
		{"lone lt", "1 < 2", "1 < 2"},
		{"unclosed tag", "a<b", "a<b"},
		{"blank lines limited", "<p>a</p><br><br><br><br><p>b</p>", "a\n\nb"},
		{"full-width indent kept", "<p>\u3000字下げ</p>", "\u3000字下げ"},
		{"empty", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := htmlToText(tt.in); got != tt.want {
				t.Errorf("htmlToText(%q)\n got %q\nwant %q", tt.in, got, tt.want)
			}
		})
	}
}

// TestHTMLMetaCharset finds a charset when the MIME part has none.
func TestHTMLMetaCharset(t *testing.T) {
	for in, want := range map[string]string{
		`<meta http-equiv="Content-Type" content="text/html; charset=Shift_JIS">`: "shift_jis",
		`<meta charset="utf-8">`: "utf-8",
		`<p>none</p>`:            "",
	} {
		if got := htmlMetaCharset([]byte(in)); got != want {
			t.Errorf("htmlMetaCharset(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestUnflow joins format=flowed soft breaks.
func TestUnflow(t *testing.T) {
	tests := []struct {
		name, in string
		delsp    bool
		want     string
	}{
		{"soft break", "長い行の \n続き\n次の段落", false, "長い行の 続き\n次の段落"},
		{"delsp", "長い行の\u3042 \n続き", true, "長い行のあ続き"},
		{"signature kept", "本文\n-- \n署名", false, "本文\n-- \n署名"},
		{"space stuffed", " From here", false, "From here"},
		{"quoted", "> a \n> b\nc", false, "> a b\nc"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := unflow(tt.in, tt.delsp); got != tt.want {
				t.Errorf("unflow(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}
