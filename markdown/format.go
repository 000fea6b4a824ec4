package markdown

import (
	"bytes"
	"fmt"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Format writes d in the file format Parse reads, so that for a valid d
// Parse(Format(d)) equals d. Keys come in a fixed order (known keys, then
// Extra sorted by key) and comments are not kept, so saving a hand-edited
// file normalises it. Format does not validate: call Doc.Validate first.
func Format(d Doc) []byte {
	var b bytes.Buffer
	b.WriteString("---\n")
	line := func(key, val string) {
		b.WriteString(key)
		b.WriteString(": ")
		b.WriteString(val)
		b.WriteByte('\n')
	}
	scalar := func(key, val string) {
		if val != "" {
			line(key, formatScalar(val, false))
		}
	}
	list := func(key string, items []string) {
		if len(items) > 0 {
			line(key, formatFlowList(items))
		}
	}
	scalar(FieldID, d.ID)
	// Titles are free text in which colons and brackets are common, and the
	// existing articles quote them, so they are always double-quoted.
	line(FieldTitle, doubleQuote(d.Title))
	scalar(FieldCategory, d.Category)
	list(FieldTags, d.Tags)
	scalar(FieldType, string(d.Type))
	scalar(FieldVisibility, string(d.Visibility))
	list(FieldUsers, d.Users)
	if !d.ReviewBy.IsZero() {
		line(FieldReviewBy, d.ReviewBy.String()) // plain, as YAML tools expect a date
	}
	keys := make([]string, 0, len(d.Extra))
	for k := range d.Extra {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		v := d.Extra[k]
		if isCanonicalFlowList(v) {
			line(k, v) // a list from another tool goes back out as a list
		} else {
			line(k, formatScalar(v, false))
		}
	}
	b.WriteString("---\n")
	b.WriteString(normalizeNewlines(d.Body))
	return b.Bytes()
}

// formatFlowList writes items as a one-line flow list: `[a, "b, c"]`.
func formatFlowList(items []string) string {
	parts := make([]string, len(items))
	for i, it := range items {
		parts[i] = formatScalar(it, true)
	}
	return "[" + strings.Join(parts, ", ") + "]"
}

// isCanonicalFlowList reports whether v is exactly what formatFlowList
// would write for some list, i.e. whether writing it raw round-trips.
func isCanonicalFlowList(v string) bool {
	if v == "" || v[0] != '[' {
		return false
	}
	items, rest, r := parseFlowList(v)
	return r == "" && rest == "" && formatFlowList(items) == v
}

// formatScalar writes s plain when our parser (and a real YAML parser)
// would read it back as the same string, and double-quoted otherwise.
func formatScalar(s string, flow bool) string {
	if needsQuote(s, flow) {
		return doubleQuote(s)
	}
	return s
}

// needsQuote is conservative: a needless quote costs nothing, a missing one
// turns "001" into a number or "yes" into a boolean for other YAML tools.
func needsQuote(s string, flow bool) bool {
	if s == "" || !utf8.ValidString(s) {
		return true
	}
	if strings.IndexByte("-?:,[]{}#&*!|>'\"%@`+.~ \t0123456789", s[0]) >= 0 {
		return true
	}
	if last := s[len(s)-1]; last == ' ' || last == ':' {
		return true
	}
	if strings.Contains(s, ": ") || strings.Contains(s, " #") || strings.ContainsRune(s, '\t') {
		return true
	}
	if flow && strings.ContainsAny(s, ",[]{}") {
		return true
	}
	for _, r := range s {
		if !unicode.IsGraphic(r) {
			return true
		}
	}
	switch strings.ToLower(s) {
	case "true", "false", "yes", "no", "on", "off", "y", "n", "null":
		return true
	}
	return false
}

// doubleQuote writes s as a YAML double-quoted scalar, escaping what could
// break the line or hide in an editor.
func doubleQuote(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\t':
			b.WriteString(`\t`)
		case r == '\r':
			b.WriteString(`\r`)
		case unicode.IsControl(r) || r == '\u2028' || r == '\u2029' || r == '\uFEFF':
			fmt.Fprintf(&b, `\u%04X`, r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}
