package markdown

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// parseScalar decodes one scalar at the start of s and returns the text
// after it. In flow context (inside [...]) a plain scalar also ends at ','
// or ']'.
func parseScalar(s string, flow bool) (val, rest string, r Reason) {
	switch s[0] {
	case '"':
		return parseDoubleQuoted(s)
	case '\'':
		return parseSingleQuoted(s)
	}
	return parsePlain(s, flow)
}

// parsePlain reads an unquoted scalar. It refuses the YAML indicators that
// would give the text another meaning (anchors, tags, block scalars, nested
// maps) instead of silently storing them as text.
func parsePlain(s string, flow bool) (val, rest string, r Reason) {
	switch s[0] {
	case '&', '*', '!', '|', '>', '%', '@', '`', '{', '[':
		return "", "", ReasonUnsupported
	case ',', ']', '}', '#':
		return "", "", ReasonSyntax
	case '-', '?', ':':
		if len(s) == 1 || s[1] == ' ' || s[1] == '\t' {
			return "", "", ReasonUnsupported
		}
	}
	end := len(s)
scan:
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '#' && i > 0 && (s[i-1] == ' ' || s[i-1] == '\t'):
			end = i
			break scan
		case flow && (c == ',' || c == ']'):
			end = i
			break scan
		case flow && (c == '[' || c == '{' || c == '}'):
			return "", "", ReasonUnsupported
		}
	}
	val = strings.TrimRight(s[:end], " \t")
	if strings.Contains(val, ": ") || strings.Contains(val, ":\t") || strings.HasSuffix(val, ":") {
		return "", "", ReasonUnsupported // YAML would read a nested mapping here
	}
	return val, s[end:], ""
}

// parseSingleQuoted reads a single-quoted scalar, where a doubled quote
// stands for one quote (the only escape YAML allows there).
func parseSingleQuoted(s string) (val, rest string, r Reason) {
	var b strings.Builder
	for i := 1; i < len(s); i++ {
		if s[i] != '\'' {
			b.WriteByte(s[i])
			continue
		}
		if i+1 < len(s) && s[i+1] == '\'' {
			b.WriteByte('\'')
			i++
			continue
		}
		return b.String(), s[i+1:], ""
	}
	return "", "", ReasonUnterminatedQuote
}

// simpleEscapes are YAML's one-character escapes in double-quoted text.
var simpleEscapes = map[byte]string{
	'0': "\x00", 'a': "\a", 'b': "\b", 't': "\t", '\t': "\t", 'n': "\n",
	'v': "\v", 'f': "\f", 'r': "\r", 'e': "\x1b", ' ': " ", '"': `"`,
	'/': "/", '\\': `\`, 'N': "\u0085", '_': "\u00a0", 'L': "\u2028",
	'P': "\u2029",
}

// parseDoubleQuoted reads "..." with YAML's escapes, including \xXX,
// \uXXXX and \UXXXXXXXX. A line-folded (multi-line) string is not
// supported and reports an unterminated quote.
func parseDoubleQuoted(s string) (val, rest string, r Reason) {
	var b strings.Builder
	for i := 1; i < len(s); i++ {
		c := s[i]
		switch c {
		case '"':
			return b.String(), s[i+1:], ""
		case '\\':
			if i+1 >= len(s) {
				return "", "", ReasonUnterminatedQuote
			}
			e := s[i+1]
			if v, ok := simpleEscapes[e]; ok {
				b.WriteString(v)
				i++
				continue
			}
			width := 0
			switch e {
			case 'x':
				width = 2
			case 'u':
				width = 4
			case 'U':
				width = 8
			}
			if width == 0 || i+2+width > len(s) {
				return "", "", ReasonBadEscape
			}
			n, err := strconv.ParseUint(s[i+2:i+2+width], 16, 32)
			if err != nil || !utf8.ValidRune(rune(n)) {
				return "", "", ReasonBadEscape
			}
			b.WriteRune(rune(n))
			i += 1 + width
		default:
			b.WriteByte(c)
		}
	}
	return "", "", ReasonUnterminatedQuote
}
