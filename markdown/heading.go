package markdown

import (
	"strconv"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Heading is one Markdown heading, for a table of contents.
type Heading struct {
	Level int    // 1 for "#", up to 6
	Text  string // visible text, Markdown syntax removed
	ID    string // the id attribute Render gave the heading element
}

// maxIDRunes keeps fragment URLs short enough to paste into a chat message.
const maxIDRunes = 80

// slug turns heading text into an id that keeps Japanese readable in the
// URL (#前提条件 rather than #heading-3). NFKC folds full-width Latin and
// half-width kana so that ＶＰＮ and VPN link the same way; punctuation
// becomes a separator because Japanese headings often have no spaces
// between a bracket and the next word.
func slug(text string) string {
	s := strings.ToLower(norm.NFKC.String(text))
	var b strings.Builder
	sep := false
	for _, r := range s {
		switch {
		case r == '\'' || r == '’':
			// "don't" reads better as "dont" than "don-t".
		case unicode.IsLetter(r) || unicode.IsNumber(r) || unicode.IsMark(r) || r == '_':
			if sep && b.Len() > 0 {
				b.WriteByte('-')
			}
			sep = false
			b.WriteRune(r)
		default:
			sep = true
		}
	}
	if rs := []rune(b.String()); len(rs) > maxIDRunes {
		return strings.TrimRight(string(rs[:maxIDRunes]), "-")
	}
	if b.Len() == 0 {
		return "section" // headings of only symbols or emoji still need an anchor
	}
	return b.String()
}

// idSet hands out each id once, numbering repeats as GitHub does: the
// second "手順" becomes "手順-2".
type idSet map[string]bool

func newIDSet() idSet { return idSet{} }

func (s idSet) unique(base string) string {
	id := base
	for i := 2; s[id]; i++ {
		id = base + "-" + strconv.Itoa(i)
	}
	s[id] = true
	return id
}
