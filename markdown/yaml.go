package markdown

import (
	"regexp"
	"strings"
	"unicode/utf8"
)

// valueKind says what followed a key: nothing, one scalar, or a list.
type valueKind int

const (
	kindEmpty valueKind = iota
	kindScalar
	kindList
)

// entry is one top-level key of the front matter with its decoded value.
type entry struct {
	key       string
	line      int
	kind      valueKind
	scalar    string
	items     []string
	itemLines []int // per item, for block lists; nil for flow lists
}

// keyPattern is deliberately narrower than YAML: keys are identifiers,
// so a typo such as a full-width colon is caught rather than stored.
var keyPattern = regexp.MustCompile(`^[A-Za-z0-9_][A-Za-z0-9_.-]*$`)

// parseFrontMatter reads the lines between the delimiters; first is the
// file line number of lines[0].
func parseFrontMatter(lines []string, first int) ([]entry, *ParseError) {
	var entries []entry
	seen := map[string]bool{}
	cur := -1 // index of the entry that may still collect block items
	itemIndent := -1
	for i, raw := range lines {
		n := first + i
		field := ""
		if cur >= 0 {
			field = entries[cur].key
		}
		if !utf8.ValidString(raw) {
			return nil, &ParseError{Line: n, Field: field, Reason: ReasonInvalidUTF8}
		}
		if hasBadControl(raw) {
			return nil, &ParseError{Line: n, Field: field, Reason: ReasonControlChar}
		}
		trimmed := strings.TrimLeft(raw, " \t")
		if trimmed == "" || trimmed[0] == '#' {
			continue // blank lines and comments may sit anywhere, even inside a block list
		}
		indent := raw[:len(raw)-len(trimmed)]
		if isBlockItem(trimmed) {
			if cur < 0 { // an item must follow `key:` or another item
				return nil, &ParseError{Line: n, Field: field, Reason: ReasonSyntax}
			}
			if strings.ContainsRune(indent, '\t') || (itemIndent >= 0 && len(indent) != itemIndent) {
				return nil, &ParseError{Line: n, Field: field, Reason: ReasonIndent}
			}
			itemIndent = len(indent)
			item, r := parseItem(trimmed[1:])
			if r != "" {
				return nil, &ParseError{Line: n, Field: field, Reason: r, Value: quoteValue(trimmed)}
			}
			e := &entries[cur]
			e.kind = kindList
			e.items = append(e.items, item)
			e.itemLines = append(e.itemLines, n)
			continue
		}
		if indent != "" {
			// YAML would read this as a nested mapping or a folded
			// continuation line; both are outside the subset.
			return nil, &ParseError{Line: n, Field: field, Reason: ReasonIndent}
		}
		key, rest, ok := strings.Cut(raw, ":")
		if !ok {
			return nil, &ParseError{Line: n, Reason: ReasonSyntax, Value: quoteValue(raw)}
		}
		if !keyPattern.MatchString(key) {
			return nil, &ParseError{Line: n, Reason: ReasonInvalidKey, Value: quoteValue(key)}
		}
		if rest != "" && rest[0] != ' ' && rest[0] != '\t' {
			return nil, &ParseError{Line: n, Field: key, Reason: ReasonSyntax, Value: quoteValue(raw)}
		}
		if seen[key] {
			return nil, &ParseError{Line: n, Field: key, Reason: ReasonDuplicateKey}
		}
		seen[key] = true
		e, r := parseValue(key, n, rest)
		if r != "" {
			return nil, &ParseError{Line: n, Field: key, Reason: r, Value: quoteValue(strings.TrimSpace(rest))}
		}
		entries = append(entries, e)
		cur, itemIndent = len(entries)-1, -1
		if e.kind != kindEmpty {
			cur = -1 // only `key:` with nothing after it may open a block list
		}
	}
	return entries, nil
}

// hasBadControl reports control characters other than tab; a stray CR or
// NUL is almost always a paste accident that would corrupt the value.
func hasBadControl(s string) bool {
	for _, r := range s {
		if (r < 0x20 && r != '\t') || (r >= 0x7F && r <= 0x9F) {
			return true
		}
	}
	return false
}

// isBlockItem reports a `- item` line (a dash followed by a blank or EOL).
func isBlockItem(s string) bool {
	return s == "-" || strings.HasPrefix(s, "- ") || strings.HasPrefix(s, "-\t")
}

// parseValue decodes the text after `key:`.
func parseValue(key string, line int, s string) (entry, Reason) {
	e := entry{key: key, line: line}
	s = strings.TrimLeft(s, " \t")
	switch {
	case s == "" || s[0] == '#':
		return e, ""
	case s[0] == '[':
		items, rest, r := parseFlowList(s)
		if r != "" {
			return e, r
		}
		e.kind, e.items = kindList, items
		return e, checkTrailing(rest)
	}
	v, rest, r := parseScalar(s, false)
	if r != "" {
		return e, r
	}
	e.kind, e.scalar = kindScalar, v
	return e, checkTrailing(rest)
}

// parseItem decodes the text after the dash of a block list item.
func parseItem(s string) (string, Reason) {
	s = strings.TrimLeft(s, " \t")
	switch {
	case s == "" || s[0] == '#':
		return "", ReasonEmptyItem
	case s[0] == '[' || s[0] == '{' || isBlockItem(s):
		return "", ReasonUnsupported // nested lists and maps
	}
	v, rest, r := parseScalar(s, false)
	if r != "" {
		return "", r
	}
	return v, checkTrailing(rest)
}

// checkTrailing allows only blanks or a comment after a value; YAML needs
// a blank before '#', so `"a"#b` is an error here as there.
func checkTrailing(rest string) Reason {
	t := strings.TrimLeft(rest, " \t")
	if t == "" || (t[0] == '#' && len(t) < len(rest)) {
		return ""
	}
	return ReasonTrailingText
}

// parseFlowList decodes a one-line `[a, "b c", 'd']` list; s starts at '['.
func parseFlowList(s string) (items []string, rest string, r Reason) {
	i := 1
	for {
		i = skipBlanks(s, i)
		if i >= len(s) {
			return nil, "", ReasonUnterminatedList
		}
		switch s[i] {
		case ']':
			return items, s[i+1:], "" // also accepts a trailing comma, as YAML does
		case ',':
			return nil, "", ReasonEmptyItem
		case '#':
			if s[i-1] == ' ' || s[i-1] == '\t' {
				return nil, "", ReasonUnterminatedList // the comment swallowed the ']'
			}
			return nil, "", ReasonSyntax
		}
		v, after, r := parseScalar(s[i:], true)
		if r != "" {
			return nil, "", r
		}
		items = append(items, v)
		i = skipBlanks(s, len(s)-len(after))
		if i >= len(s) || s[i] == '#' {
			return nil, "", ReasonUnterminatedList
		}
		switch s[i] {
		case ',':
			i++
		case ']':
			return items, s[i+1:], ""
		default:
			return nil, "", ReasonTrailingText
		}
	}
}

func skipBlanks(s string, i int) int {
	for i < len(s) && (s[i] == ' ' || s[i] == '\t') {
		i++
	}
	return i
}
