package search

import (
	"html"
	"strings"
	"unicode/utf8"
)

const (
	snippetRunes   = 120 // about two lines of a result list
	snippetContext = 20  // runes shown before the first match
	maxWindowOccs  = 400 // bounds the window search in very long documents
	// maxSnippetSource is how many bytes of a body snippets are taken from.
	maxSnippetSource = 64 << 10
)

// snippet returns HTML-escaped text of about snippetRunes runes around the
// passage with the most distinct query weight, matches wrapped in <mark>.
func snippet(text string, h hlSet) string {
	if len(text) > maxSnippetSource {
		// A huge mail thread is searched whole but quoted from its start:
		// normalising megabytes for every hit would cost more than a search.
		cut := maxSnippetSource
		for cut > 0 && !utf8.RuneStart(text[cut]) {
			cut--
		}
		text = text[:cut]
	}
	nt := normalize(text)
	n := len(nt.r)
	if n == 0 {
		return ""
	}
	occs := h.find(&nt)
	ws := bestWindow(occs, snippetRunes)
	if len(occs) > 0 {
		ws = max(0, ws-snippetContext)
	}
	we := min(n, ws+snippetRunes)
	if we-ws < snippetRunes {
		ws = max(0, we-snippetRunes)
	}
	var b strings.Builder
	if ws > 0 {
		b.WriteString("…")
	}
	cursor := int(nt.start[ws])
	stop := int(nt.end[we-1])
	for _, m := range wholeWords(&nt, mergeOccs(occs, ws, we), ws, we) {
		lo, hi := int(nt.start[m[0]]), int(nt.end[m[1]-1])
		lo = max(lo, cursor) // two marks inside one expanded character (㈱)
		if hi <= lo {
			continue
		}
		b.WriteString(flatEscape(text[cursor:lo]))
		b.WriteString("<mark>")
		b.WriteString(flatEscape(text[lo:hi]))
		b.WriteString("</mark>")
		cursor = hi
	}
	b.WriteString(flatEscape(text[cursor:stop]))
	if we < n {
		b.WriteString("…")
	}
	return b.String()
}

// bestWindow returns the start of the window holding the most distinct
// query weight (a term repeated counts once, so one word cannot win alone).
func bestWindow(occs []occ, width int) int {
	occs = occs[:min(len(occs), maxWindowOccs)]
	best, bestStart := 0.0, 0
	for i := range occs {
		seen := map[occKey]bool{}
		sum := 0.0
		for j := i; j < len(occs) && occs[j].end-occs[i].pos <= width-snippetContext; j++ {
			k := occKey{occs[j].key, occs[j].word}
			if !seen[k] {
				seen[k] = true
				sum += occs[j].w
			}
		}
		if sum > best {
			best, bestStart = sum, occs[i].pos
		}
	}
	return bestStart
}

// mergeOccs merges overlapping occurrences inside [ws, we) into runs.
func mergeOccs(occs []occ, ws, we int) [][2]int {
	var out [][2]int
	for _, o := range occs {
		if o.pos < ws || o.end > we {
			continue
		}
		if k := len(out) - 1; k >= 0 && o.pos <= out[k][1] {
			out[k][1] = max(out[k][1], o.end)
			continue
		}
		out = append(out, [2]int{o.pos, o.end})
	}
	return out
}

// wholeWords widens each marked run to the katakana or kanji run it sits in,
// so a match shows as the word it is part of (<mark>プリンター</mark>, not
// <mark>プリン</mark>ター), and joins runs that then touch.
func wholeWords(nt *normText, runs [][2]int, ws, we int) [][2]int {
	word := func(i, j int) bool {
		sc := nt.sc[i]
		return (sc == scKata || sc == scHan) && nt.sc[j] == sc
	}
	out := runs[:0]
	for _, m := range runs {
		for m[0] > ws && word(m[0], m[0]-1) {
			m[0]--
		}
		for m[1] < we && word(m[1]-1, m[1]) {
			m[1]++
		}
		if k := len(out) - 1; k >= 0 && m[0] <= out[k][1] {
			out[k][1] = max(out[k][1], m[1])
			continue
		}
		out = append(out, m)
	}
	return out
}

// flatEscape escapes HTML and folds line breaks, as a snippet is one line.
func flatEscape(s string) string {
	var b strings.Builder
	space := false
	for _, r := range s {
		if r == '\n' || r == '\r' || r == '\t' || r == ' ' {
			space = true
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(r)
	}
	if space {
		b.WriteByte(' ')
	}
	return html.EscapeString(b.String())
}
