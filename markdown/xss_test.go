package markdown

import (
	"strings"
	"testing"
)

// TestRenderNeutralisesXSS feeds classic attacks through Render. Each must
// come out safe (AssertSafeHTML) and keep the harmless text around it.
func TestRenderNeutralisesXSS(t *testing.T) {
	tests := []struct {
		name     string
		body     string
		mustHave string // proof the rest of the document still renders
	}{
		{"script block", "before\n\n<script>alert(1)</script>\n\nafter", "after"},
		{"inline script", "a <script>alert(1)</script> b", "b"},
		{"script split across lines", "<script\n>alert(1)</script\n>", ""},
		{"img onerror", `<img src=x onerror="alert(1)">`, `<img src="x">`},
		{"img onerror unquoted", "<img src=x onerror=alert(1)//>", ""},
		{"markdown javascript link", "[x](javascript:alert(1))", ">x</a>"},
		{"markdown javascript link with entity", "[x](jav&#x61;script:alert(1))", ">x</a>"},
		{"markdown javascript link mixed case", "[x](JaVaScRiPt:alert(1))", ">x</a>"},
		{"markdown javascript image", "![x](javascript:alert(1))", ""},
		{"autolink javascript", "<javascript:alert(1)>", ""},
		{"raw anchor javascript", `<a href="JaVaScRiPt:alert(1)">click</a>`, "click"},
		{"raw anchor tab in scheme", "<a href=\"java\tscript:alert(1)\">click</a>", "click"},
		{"raw anchor entity scheme", `<a href="&#106;avascript:alert(1)">click</a>`, "click"},
		{"iframe block", `<iframe src="https://evil.example/"></iframe>`, ""},
		{"iframe inline", `text <iframe src="https://evil.example/"></iframe> more`, "more"},
		{"svg onload", `<svg onload="alert(1)"><circle r="1"/></svg>`, ""},
		{"svg inline script", `<svg><script>alert(1)</script></svg>`, ""},
		{"math href", `<math><a xlink:href="javascript:alert(1)">x</a></math>`, ""},
		{"data url link", "[d](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)", ">d</a>"},
		{"data url image", "![i](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)", ""},
		{"vbscript link", "[v](vbscript:msgbox(1))", ">v</a>"},
		{"style attribute", `<p style="background:url(javascript:alert(1))">s</p>`, "s"},
		{"style element", "<style>body{display:none}</style>", ""},
		{"object", `<object data="x.swf"></object>`, ""},
		{"form and input", `<form action="https://evil.example"><input name=p><button>go</button></form>`, ""},
		{"fake checkbox", `<input type="checkbox" onclick="alert(1)">`, ""},
		{"fake heading id", `<h2 id="csrf_token">x</h2>`, "<h2>x</h2>"},
		{"meta refresh", `<meta http-equiv="refresh" content="0;url=javascript:alert(1)">`, ""},
		{"base href", `<base href="https://evil.example/">`, ""},
		{"event handler on allowed tag", `<details open ontoggle="alert(1)"><summary>s</summary></details>`, "<summary>s</summary>"},
		{"html comment trick", "<!-- --><script>alert(1)</script> -->", ""},
		{"attribute breakout in link title", `[x](https://example.com "a\" onmouseover=\"alert(1)")`, "https://example.com"},
		{"attribute breakout in image alt", `![a" onerror="alert(1)](x.png)`, "x.png"},
		{"code fence language breakout", "```go\" onclick=\"alert(1)\nx\n```", "<pre>"},
		{"heading with html", "## <img src=x onerror=alert(1)> 見出し", "見出し</h2>"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, _, err := Render(tt.body)
			if err != nil {
				t.Fatal(err)
			}
			AssertSafeHTML(t, string(out))
			if !strings.Contains(string(out), tt.mustHave) {
				t.Errorf("output lost %q:\n%s", tt.mustHave, out)
			}
		})
	}
}

// TestSafeHTMLCheckerCatchesAttacks makes sure the checker itself is not
// vacuous: each sample must be rejected.
func TestSafeHTMLCheckerCatchesAttacks(t *testing.T) {
	for _, bad := range []string{
		`<script>x</script>`, `<img src=x onerror=alert(1)>`, `<a href="javascript:x" rel="nofollow noopener">`,
		`<a href=" JAVA&#x09;SCRIPT:x" rel="nofollow noopener">`, `<iframe src=x>`, `<svg onload=x>`,
		`<input type=checkbox>`, `<p id=x>`, `<a href="https://x">`, `<img src="data:image/png;base64,AA">`,
	} {
		ft := &fakeTB{TB: t}
		func() {
			defer func() { _ = recover() }()
			AssertSafeHTML(ft, bad)
		}()
		if !ft.failed {
			t.Errorf("checker accepted %q", bad)
		}
	}
}

// fakeTB records a failure instead of ending the real test.
type fakeTB struct {
	testing.TB
	failed bool
}

func (f *fakeTB) Helper() {}
func (f *fakeTB) Fatalf(string, ...any) {
	f.failed = true
	panic("fatal")
}
