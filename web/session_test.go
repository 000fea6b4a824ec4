package web

import (
	"net/url"
	"strings"
	"testing"

	"hitori"
)

// evilDecoded is the form value a browser sends for next=%2F%09%2Fevil.example.
var evilDecoded, _ = url.QueryUnescape("%2F%09%2Fevil.example")

// redirectCases are next values and where safeNext must send the browser.
// Browsers strip tab, CR and LF from URLs and treat "\" as "/", so every
// refused case would otherwise land on evil.example.
var redirectCases = []struct{ name, next, want string }{
	{"root", "/", "/"},
	{"path", "/work", "/work"},
	{"path with query and fragment", "/work?q=a&state=open#top", "/work?q=a&state=open#top"},
	{"japanese path", "/kb?q=印刷", "/kb?q=印刷"},
	{"double slash inside the path", "/a//b", "/a//b"},
	{"empty", "", "/"},
	{"relative", "work", "/"},
	{"protocol-relative", "//evil.example", "/"},
	{"triple slash", "///evil.example", "/"},
	{"slash backslash", "/\\evil.example", "/"},
	{"backslash backslash", "\\\\evil.example", "/"},
	{"backslash inside", "/kb\\..\\\\evil.example", "/"},
	{"absolute https", "https://evil.example/", "/"},
	{"scheme without slashes", "http:evil.example", "/"},
	{"javascript", "javascript:alert(1)", "/"},
	{"slash tab slash", "/\t/evil.example", "/"},
	{"slash CR LF slash", "/\r\n/evil.example", "/"},
	{"slash LF slash", "/\n/evil.example", "/"},
	{"NUL", "/\x00/evil.example", "/"},
	{"DEL", "/\x7f/evil.example", "/"},
	{"leading space", " //evil.example", "/"},
	{"encoded form, decoded", evilDecoded, "/"},
	{"encoded form, raw", "/%2F%09%2Fevil.example", "/"},
	{"encoded slashes", "/%2F/evil.example", "/"},
	{"overlong", "/" + strings.Repeat("a", 3000), "/"},
}

// TestSafeNext: only a same-origin path survives.
func TestSafeNext(t *testing.T) {
	for _, tt := range redirectCases {
		t.Run(tt.name, func(t *testing.T) {
			if got := safeNext(tt.next); got != tt.want {
				t.Errorf("safeNext(%.80q) = %.80q, want %q", tt.next, got, tt.want)
			}
		})
	}
}

// TestRedirectTargets drives the handlers that take a next field and checks
// the Location the browser gets, not just the status.
func TestRedirectTargets(t *testing.T) {
	e := newSQLiteEnv(t)
	e.mustUser("a@example.com", hitori.RoleAdmin)
	c := e.client()
	for _, tt := range redirectCases {
		if tt.want != "/" || tt.next == "/" || len(tt.next) > 2048 {
			continue
		}
		t.Run(tt.name, func(t *testing.T) {
			status, loc, _ := c.post("/lang", url.Values{"lang": {"ja"}, "next": {tt.next}})
			if status != 303 || loc != "/" {
				t.Errorf("POST /lang next=%q: got %d %q, want 303 \"/\"", tt.next, status, loc)
			}
			c2 := e.client()
			status, loc, _ = c2.post("/login", url.Values{"email": {"a@example.com"}, "password": {"password123"}, "next": {tt.next}})
			if status != 303 || loc != "/" {
				t.Errorf("POST /login next=%q: got %d %q, want 303 \"/\"", tt.next, status, loc)
			}
		})
	}
}
