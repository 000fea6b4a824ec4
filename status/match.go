package status

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/width"

	"hitori"
)

// minTerm is the shortest term that may match (in runes): one character
// ("メ", "a") would match nearly everything.
const minTerm = 2

// fold makes text comparable: full-width and half-width alike, lower case.
func fold(s string) string { return strings.ToLower(width.Fold.String(s)) }

// terms splits an incident title (the monitor's name) into the words an
// inquiry may mention: "メールサーバー (mail.example.co.jp)" gives
// メールサーバー and mail.example.co.jp.
func terms(title string) []string {
	var out []string
	for _, f := range strings.FieldsFunc(fold(title), func(r rune) bool {
		return unicode.IsSpace(r) || strings.ContainsRune("()[]{}<>「」『』【】、。,・/|:;\"'", r)
	}) {
		if utf8.RuneCountInString(f) >= minTerm {
			out = append(out, f)
		}
	}
	return out
}

// keywordsFor returns the configured extra words of a monitor name from
// the lines "monitor name: word, word" (full-width colon and 、 too).
func keywordsFor(config, name string) []string {
	name = fold(strings.TrimSpace(name))
	var out []string
	for line := range strings.SplitSeq(config, "\n") {
		k, v, ok := strings.Cut(strings.ReplaceAll(line, "：", ":"), ":")
		if !ok || fold(strings.TrimSpace(k)) != name {
			continue
		}
		for _, w := range strings.FieldsFunc(v, func(r rune) bool { return r == ',' || r == '、' || r == '，' }) {
			if w = fold(strings.TrimSpace(w)); utf8.RuneCountInString(w) >= minTerm {
				out = append(out, w)
			}
		}
	}
	return out
}

// Match returns the open incident an inquiry's text mentions, the newest
// first, or nil. An inquiry mentions an incident when its title or body
// contains a word of the incident's title (the monitor's name) or one of
// the keywords configured for that monitor.
func Match(incidents []*hitori.Incident, keywords, text string) *hitori.Incident {
	text = fold(text)
	for _, in := range incidents {
		if !in.Open() {
			continue
		}
		for _, t := range append(terms(in.Title), keywordsFor(keywords, in.Title)...) {
			if strings.Contains(text, t) {
				return in
			}
		}
	}
	return nil
}
