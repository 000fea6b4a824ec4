package mail

import (
	"strings"
)

// maxAddresses bounds how many addresses one field yields; a From field never needs more.
const maxAddresses = 100

// parseAddressList reads a From/Reply-To style value leniently: raw UTF-8,
// encoded words inside quotes, unquoted commas in display names, comments
// as names ("user@host (Name)") and groups are all accepted.
func parseAddressList(v string) []Address {
	items := splitTopLevel(v)
	var out []Address
	for i := 0; i < len(items) && len(out) < maxAddresses; i++ {
		// "Yamamoto, Kenta <k@x>" arrives as two items; rejoin name-only pieces
		// with the address that follows them.
		j := i
		for j+1 < len(items) && nameOnly(items[j]) {
			j++
		}
		if a, ok := parseMailbox(strings.Join(items[i:j+1], ",")); ok {
			out = append(out, a)
		}
		i = j
	}
	return out
}

// nameOnly reports a list item that cannot be an address by itself.
func nameOnly(item string) bool {
	t := strings.TrimSpace(item)
	return t != "" && !strings.ContainsAny(t, "@<") && !strings.HasSuffix(t, ":")
}

// splitTopLevel splits at commas and semicolons outside quotes, angle
// brackets, comments and encoded words.
func splitTopLevel(s string) []string {
	var items []string
	start, quote, angle, paren := 0, false, false, 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '\\' && (quote || paren > 0):
			i++
		case c == '"' && paren == 0:
			quote = !quote
		case quote:
		case c == '=' && strings.HasPrefix(s[i:], "=?"):
			if _, _, n, ok := parseWord(s[i:]); ok {
				i += n - 1
			}
		case c == '(':
			paren++
		case c == ')' && paren > 0:
			paren--
		case paren > 0:
		case c == '<':
			angle = true
		case c == '>':
			angle = false
		case (c == ',' || c == ';') && !angle:
			items = append(items, s[start:i])
			start = i + 1
		}
	}
	return append(items, s[start:])
}

// parseMailbox reads one "Name <addr>" or "addr (Name)" item.
func parseMailbox(item string) (Address, bool) {
	s := strings.TrimSpace(item)
	if s == "" || strings.HasSuffix(s, ":") { // empty group such as "undisclosed-recipients:;"
		return Address{}, false
	}
	var name, email string
	if lt := lastTopLevel(s, '<'); lt >= 0 {
		end := strings.IndexByte(s[lt:], '>')
		if end < 0 {
			end = len(s) - lt
		}
		email = s[lt+1 : lt+end]
		name = strings.TrimSpace(s[:lt])
		if name == "" {
			name = commentText(s[lt+end:])
		}
	} else {
		name = commentText(s)
		email = stripComments(s)
	}
	a := Address{Name: displayName(name), Email: cleanEmail(email)}
	if a.Email == "" && a.Name == "" {
		return Address{}, false
	}
	return a, true
}

// lastTopLevel finds the last c outside quotes and comments, or -1.
func lastTopLevel(s string, c byte) int {
	pos, quote, paren := -1, false, 0
	for i := 0; i < len(s); i++ {
		switch {
		case s[i] == '\\' && (quote || paren > 0):
			i++
		case s[i] == '"' && paren == 0:
			quote = !quote
		case quote:
		case s[i] == '(':
			paren++
		case s[i] == ')' && paren > 0:
			paren--
		case paren == 0 && s[i] == c:
			pos = i
		}
	}
	return pos
}

// commentText returns the text of the first (comment) in s.
func commentText(s string) string {
	open := strings.IndexByte(s, '(')
	if open < 0 {
		return ""
	}
	end := strings.LastIndexByte(s, ')')
	if end < open {
		end = len(s)
	}
	return s[open+1 : end]
}

// stripComments removes (comments) so the address itself remains.
func stripComments(s string) string {
	var b strings.Builder
	depth := 0
	for i := 0; i < len(s); i++ {
		switch {
		case s[i] == '(':
			depth++
		case s[i] == ')' && depth > 0:
			depth--
		case depth == 0:
			b.WriteByte(s[i])
		}
	}
	return b.String()
}

// displayName unquotes and decodes a display name; quotes are removed
// before decoding because Outlook puts encoded words inside them.
func displayName(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		switch {
		case s[i] == '\\' && i+1 < len(s):
			i++
			b.WriteByte(s[i])
		case s[i] == '"':
		default:
			b.WriteByte(s[i])
		}
	}
	return collapseSpace(DecodeHeader(b.String()))
}

// cleanEmail trims an addr-spec, drops source routes and "mailto:", and
// lower-cases the domain, which is case-insensitive, for stable matching.
func cleanEmail(s string) string {
	s = strings.Map(func(r rune) rune {
		if r <= ' ' || r == 0x7F || r == '"' { // white space, quotes and control characters never belong
			return -1
		}
		return r
	}, s)
	s = strings.TrimPrefix(s, "mailto:")
	if i := strings.LastIndexByte(s, ':'); i >= 0 {
		s = s[i+1:] // source route "@relay:user@host", or a group "team:user@host"
	}
	s = decodeLiteral(s)
	if at := strings.LastIndexByte(s, '@'); at >= 0 {
		s = s[:at] + strings.ToLower(s[at:])
	}
	return s
}
