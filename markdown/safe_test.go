package markdown

import (
	"io"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// forbiddenTags can run script, load active content or restyle the page.
var forbiddenTags = map[string]bool{
	"script": true, "iframe": true, "frame": true, "frameset": true, "object": true,
	"embed": true, "applet": true, "svg": true, "math": true, "style": true, "link": true,
	"meta": true, "base": true, "form": true, "textarea": true, "button": true,
	"select": true, "template": true, "noscript": true,
}

// urlAttrs are attributes a browser may follow or fetch.
var urlAttrs = map[string]bool{
	"href": true, "src": true, "action": true, "formaction": true, "cite": true,
	"background": true, "poster": true, "srcset": true, "xlink:href": true, "longdesc": true,
}

// AssertSafeHTML fails if rendered HTML could run script. It tokenizes the
// output as a browser would instead of searching for substrings, because
// article text may legitimately say "javascript:" or " onload" as words;
// what must never appear is such a value inside a tag.
func AssertSafeHTML(tb testing.TB, out string) {
	tb.Helper()
	if strings.Contains(strings.ToLower(out), "<script") {
		tb.Fatalf("output contains <script:\n%s", out)
	}
	z := html.NewTokenizer(strings.NewReader(out))
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			if z.Err() != io.EOF {
				tb.Fatalf("tokenizer: %v", z.Err())
			}
			return
		}
		if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
			continue
		}
		tok := z.Token()
		if forbiddenTags[tok.Data] {
			tb.Fatalf("forbidden <%s> in output:\n%s", tok.Data, out)
		}
		checkAttrs(tb, tok, out)
	}
}

func checkAttrs(tb testing.TB, tok html.Token, out string) {
	tb.Helper()
	attrs := map[string]string{}
	for _, a := range tok.Attr {
		key := strings.ToLower(a.Key)
		attrs[key] = a.Val
		switch {
		case strings.HasPrefix(key, "on"):
			tb.Fatalf("event handler %s=%q on <%s>:\n%s", key, a.Val, tok.Data, out)
		case key == "style" || key == "class" && tok.Data != "code":
			tb.Fatalf("%s attribute on <%s>:\n%s", key, tok.Data, out)
		case key == "id" && !(len(tok.Data) == 2 && tok.Data[0] == 'h'):
			tb.Fatalf("id on <%s> (only our headings may have ids):\n%s", tok.Data, out)
		case urlAttrs[key] && dangerousURL(a.Val):
			tb.Fatalf("dangerous URL %s=%q on <%s>:\n%s", key, a.Val, tok.Data, out)
		}
	}
	if tok.Data == "input" {
		if _, ok := attrs["disabled"]; !ok || attrs["type"] != "checkbox" {
			tb.Fatalf("input that is not a disabled checkbox: %v\n%s", tok, out)
		}
	}
	if tok.Data == "a" && attrs["rel"] != linkRel {
		tb.Fatalf("link without rel=%q: %v\n%s", linkRel, tok, out)
	}
}

// dangerousURL reports script and data URLs, ignoring the whitespace and
// control characters that browsers strip from a scheme ("java\tscript:").
func dangerousURL(v string) bool {
	v = strings.Map(func(r rune) rune {
		if r <= ' ' {
			return -1
		}
		return r
	}, strings.ToLower(v))
	for _, s := range []string{"javascript:", "vbscript:", "data:", "livescript:"} {
		if strings.HasPrefix(v, s) {
			return true
		}
	}
	return false
}
