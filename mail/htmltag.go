package mail

import (
	"html"
	"regexp"
	"strings"
)

// readTag finds the tag starting at s[i] == '<': its lower-case name, whether
// it closes, and the index after '>' (or -1 when s[i] does not start a tag).
func readTag(s string, i int) (name string, closing bool, end int) {
	if strings.HasPrefix(s[i:], "<!--") {
		if j := strings.Index(s[i+4:], "-->"); j >= 0 {
			return "!", false, i + 4 + j + 3
		}
		return "!", false, len(s)
	}
	j := i + 1
	if j < len(s) && s[j] == '/' {
		closing = true
		j++
	}
	k := j
	for k < len(s) && (isAlnum(s[k]) || s[k] == ':' || s[k] == '-' || (k == j && (s[k] == '!' || s[k] == '?'))) {
		k++
	}
	if k == j {
		return "", false, -1
	}
	name = strings.ToLower(s[j:k])
	quote := byte(0)
	for ; k < len(s); k++ {
		switch c := s[k]; {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '>':
			return name, closing, k + 1
		}
	}
	// An unbalanced quote: end at the next '>' anyway, or, with none left,
	// treat '<' as text so a cut message does not hide its last words.
	if gt := strings.IndexByte(s[j:], '>'); gt >= 0 {
		return name, closing, j + gt + 1
	}
	return "", false, -1
}

// attrRe finds one attribute value in a tag.
var attrRe = regexp.MustCompile(`(?is)\s([a-z:-]+)\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)`)

// attr returns the unescaped value of the named attribute.
func attr(tag, name string) string {
	for _, m := range attrRe.FindAllStringSubmatch(tag, -1) {
		if strings.EqualFold(m[1], name) {
			return html.UnescapeString(strings.Trim(m[2], `"'`))
		}
	}
	return ""
}

// isAlnum reports an ASCII letter or digit.
func isAlnum(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}
