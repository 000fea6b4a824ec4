package mail

import (
	"strings"
)

// collapseSpace turns runs of ASCII white space and control characters into
// one space and trims the ends. Ideographic spaces (U+3000) are kept: in
// Japanese subjects they are deliberate.
func collapseSpace(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		if r <= ' ' || r == 0x7F {
			space = true
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(r)
	}
	return b.String()
}

// normalizeNewlines turns CRLF and lone CR into LF and removes NUL bytes,
// which PostgreSQL text columns reject.
func normalizeNewlines(s string) string {
	if strings.IndexByte(s, '\r') < 0 && strings.IndexByte(s, 0) < 0 {
		return s
	}
	return newlineReplacer.Replace(s)
}

// newlineReplacer is built once; building a Replacer costs more than using it.
var newlineReplacer = strings.NewReplacer("\r\n", "\n", "\r", "\n", "\x00", "")

// unflow joins the soft line breaks of format=flowed (RFC 3676), which
// Thunderbird and Apple Mail use, so paragraphs read as typed.
func unflow(s string, delsp bool) string {
	lines := strings.Split(normalizeNewlines(s), "\n")
	var b strings.Builder
	for i, l := range lines {
		depth := quoteDepth(l)
		l = strings.TrimPrefix(l[depth:], " ") // space stuffing
		soft := strings.HasSuffix(l, " ") && l != "-- " && i+1 < len(lines) && quoteDepth(lines[i+1]) == depth
		if soft && delsp {
			l = l[:len(l)-1]
		}
		if depth > 0 && (i == 0 || !isSoft(lines[i-1], depth)) {
			b.WriteString(strings.Repeat(">", depth) + " ")
		}
		b.WriteString(l)
		if !soft && i+1 < len(lines) {
			b.WriteByte('\n')
		}
	}
	return b.String()
}

// isSoft reports whether a flowed line at the given quote depth continues on the next line.
func isSoft(l string, depth int) bool {
	return quoteDepth(l) == depth && strings.HasSuffix(l, " ") && strings.TrimPrefix(l[depth:], " ") != "-- "
}

// quoteDepth counts leading '>' characters.
func quoteDepth(l string) int {
	n := 0
	for n < len(l) && l[n] == '>' {
		n++
	}
	return n
}
