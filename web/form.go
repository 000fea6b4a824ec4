package web

import "strings"

// splitList reads a list typed into one field — tags, addresses — split at
// commas, semicolons and line breaks, including the Japanese 、 and the
// full-width ， an IME produces; entries are trimmed and empty ones dropped.
// Every area's forms use it, so "a、b" means the same everywhere.
func splitList(v string) []string {
	f := strings.FieldsFunc(v, func(r rune) bool {
		return r == ',' || r == '、' || r == '，' || r == '；' || r == ';' || r == '\n' || r == '\r'
	})
	out := f[:0]
	for _, x := range f {
		if x = strings.TrimSpace(x); x != "" {
			out = append(out, x)
		}
	}
	return out
}
