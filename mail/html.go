package mail

import (
	"bytes"
	"html"
	"regexp"
	"strings"
)

// blockTags start a new line when opened or closed.
var blockTags = map[string]bool{
	"p": true, "div": true, "tr": true, "table": true, "ul": true, "ol": true, "dl": true, "dt": true, "dd": true,
	"h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true, "blockquote": true, "pre": true,
	"hr": true, "section": true, "article": true, "header": true, "footer": true, "address": true, "center": true,
	"form": true, "fieldset": true, "nav": true, "aside": true, "main": true, "figure": true, "caption": true, "body": true,
}

// skipTags hide their content: it is code or metadata, not what the sender wrote.
var skipTags = map[string]bool{"script": true, "style": true, "head": true, "title": true, "xml": true, "template": true, "noscript": true}

// htmlToText renders HTML mail as text a person can read in a ticket:
// script and style dropped, block elements and <br> as line breaks, list
// items marked, entities (named and numeric) decoded, link targets shown
// after their text so a helpdesk can see where a link really goes.
func htmlToText(s string) string {
	var b strings.Builder
	b.Grow(len(s) / 2)
	skip, pre, href := "", 0, ""
	linkStart := 0
	lastGT := strings.LastIndexByte(s, '>') // past it no tag can close: keeps malformed input linear
	for i := 0; i < len(s); {
		if s[i] != '<' {
			j := strings.IndexByte(s[i:], '<')
			if j < 0 {
				j = len(s) - i
			}
			if skip == "" {
				writeHTMLText(&b, s[i:i+j], pre > 0)
			}
			i += j
			continue
		}
		name, closing, end := "", false, -1
		if i < lastGT {
			name, closing, end = readTag(s, i)
		}
		if end < 0 { // a lone '<' is text
			if skip == "" {
				b.WriteByte('<')
			}
			i++
			continue
		}
		tag := s[i:end]
		i = end
		switch {
		case skip != "":
			// Browsers end <head> at <body>; so must we, or a missing </head> hides the mail.
			if closing && name == skip || skip == "head" && name == "body" {
				skip = ""
			}
		case name == "" || name[0] == '!' || name[0] == '?':
		case skipTags[name] && !closing && !strings.HasSuffix(tag, "/>"):
			skip = name
		case name == "br":
			b.WriteByte('\n')
		case name == "li" && !closing:
			newline(&b)
			b.WriteString("・")
		case name == "td" || name == "th":
			if closing {
				b.WriteByte(' ')
			}
		case name == "pre":
			newline(&b)
			if closing {
				pre = max(pre-1, 0)
			} else {
				pre++
			}
		case name == "a" && !closing:
			href, linkStart = attr(tag, "href"), b.Len()
		case name == "a" && closing:
			text := b.String()[linkStart:]
			if strings.HasPrefix(href, "http") && !strings.Contains(text, href) {
				b.WriteString(" <" + href + ">")
			}
			href = ""
		case name == "img" && !closing:
			if alt := strings.TrimSpace(attr(tag, "alt")); alt != "" {
				b.WriteString("[" + alt + "]")
			}
		case blockTags[name] || name == "li":
			newline(&b)
		}
	}
	return tidyLines(b.String())
}

// writeHTMLText appends character data, collapsing source white space outside <pre>.
func writeHTMLText(b *strings.Builder, s string, pre bool) {
	if !pre {
		s = strings.Map(func(r rune) rune {
			if r == '\n' || r == '\r' || r == '\t' || r == '\f' {
				return ' '
			}
			return r
		}, s)
		for strings.Contains(s, "  ") {
			s = strings.ReplaceAll(s, "  ", " ")
		}
		if out := b.String(); s != "" && s[0] == ' ' && (out == "" || strings.HasSuffix(out, " ") || strings.HasSuffix(out, "\n")) {
			s = s[1:]
		}
	}
	b.WriteString(strings.ReplaceAll(html.UnescapeString(s), "\u00a0", " "))
}

// newline ends the current line unless it is already ended.
func newline(b *strings.Builder) {
	if b.Len() > 0 && !strings.HasSuffix(b.String(), "\n") {
		b.WriteByte('\n')
	}
}

// tidyLines trims line ends and allows at most one blank line in a row;
// leading spaces stay, as they come from <pre> or &nbsp; indentation.
func tidyLines(s string) string {
	lines := strings.Split(s, "\n")
	out := lines[:0]
	blank := 0
	for _, l := range lines {
		l = strings.TrimRight(l, " \t")
		if l == "" {
			if blank++; blank > 1 {
				continue
			}
		} else {
			blank = 0
		}
		out = append(out, l)
	}
	return strings.Trim(strings.Join(out, "\n"), "\n")
}

// metaCharsetRe finds a charset declared inside the HTML itself.
var metaCharsetRe = regexp.MustCompile(`(?i)<meta[^>]+charset\s*=\s*["']?([a-z0-9_:.-]+)`)

// htmlMetaCharset returns the <meta> charset from the first kilobytes, used
// when the MIME part does not declare one.
func htmlMetaCharset(b []byte) string {
	if m := metaCharsetRe.FindSubmatch(b[:min(len(b), 4096)]); m != nil {
		return string(bytes.ToLower(m[1]))
	}
	return ""
}
