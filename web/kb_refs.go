package web

import (
	"html"
	"html/template"
	"regexp"
	"strings"

	"hitori/markdown"
)

// kbRefText finds cross-references ([kb-040]) in plain text such as a chat
// answer; markdown's parser does the same for article bodies.
var kbRefText = regexp.MustCompile(`\[([A-Za-z]{1,10}-[0-9]{1,6})\]`)

// kbTextWithRefs escapes plain text and links each reference refs
// resolves to its article, shown by title.
func kbTextWithRefs(s string, refs markdown.RefResolver) template.HTML {
	var b strings.Builder
	last := 0
	for _, m := range kbRefText.FindAllStringSubmatchIndex(s, -1) {
		url, title, ok := refs(s[m[2]:m[3]])
		if !ok {
			continue
		}
		b.WriteString(html.EscapeString(s[last:m[0]]))
		b.WriteString(`<a href="` + html.EscapeString(url) + `">` + html.EscapeString(title) + `</a>`)
		last = m[1]
	}
	b.WriteString(html.EscapeString(s[last:]))
	return template.HTML(b.String())
}

// kbRefLinks lists the references in s that refs resolves, for the page
// script to link the same way (kb.js).
func kbRefLinks(s string, refs markdown.RefResolver) map[string]kbLink {
	var out map[string]kbLink
	for _, m := range kbRefText.FindAllStringSubmatch(s, -1) {
		if url, title, ok := refs(m[1]); ok {
			if out == nil {
				out = map[string]kbLink{}
			}
			out[m[1]] = kbLink{Title: title, URL: url}
		}
	}
	return out
}
