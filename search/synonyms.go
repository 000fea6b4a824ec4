package search

import (
	_ "embed"
	"fmt"
	"strings"
	"sync"
)

// Synonyms is a parsed synonym list, applied at query time: when a phrase of
// the query matches a rule, documents may match either the user's wording or
// one of the alternatives (whichever scores better).
type Synonyms struct {
	alts   map[string][]string // normalised phrase -> alternatives as written
	maxLen int                 // longest phrase in runes
	rules  int
}

// Len returns the number of rules.
func (s *Synonyms) Len() int {
	if s == nil {
		return 0
	}
	return s.rules
}

//go:embed synonyms_ja.txt
var defaultSynonymsText string

// DefaultSynonymsText returns the starter list an installation seeds its
// admin-editable synonym list with (general IT helpdesk vocabulary).
func DefaultSynonymsText() string { return defaultSynonymsText }

var defaultSynonyms = sync.OnceValue(func() *Synonyms {
	s, err := ParseSynonyms(defaultSynonymsText)
	if err != nil {
		panic("search: built-in synonyms: " + err.Error()) // caught by TestDefaultSynonyms
	}
	return s
})

// DefaultSynonyms returns the parsed DefaultSynonymsText (shared, read-only).
func DefaultSynonyms() *Synonyms { return defaultSynonyms() }

// ParseSynonyms reads one rule per line: "PW, パスワード" makes the phrases
// equivalent, "複合機 => プリンター" also searches the right side when the
// left side is typed (the left side is kept). Blank lines and lines starting
// with # are ignored; Japanese commas (、) and arrows (→, ⇒) are accepted.
func ParseSynonyms(text string) (*Synonyms, error) {
	s := &Synonyms{alts: map[string][]string{}}
	for n, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		from, to, err := parseRule(strings.NewReplacer("⇒", "=>", "→", "=>").Replace(line))
		if err != nil {
			return nil, fmt.Errorf("search: synonyms line %d: %w", n+1, err)
		}
		// Alternatives keep their written form: re-normalising them at query
		// time keeps the scripts that decide which bigrams exist.
		for _, f := range from {
			for _, t := range to {
				if t.norm != f.norm && !s.has(f.norm, t.norm) {
					s.alts[f.norm] = append(s.alts[f.norm], t.raw)
				}
			}
			s.maxLen = max(s.maxLen, len([]rune(f.norm)))
		}
		s.rules++
	}
	return s, nil
}

// phrase is one side's entry: as written and normalised.
type phrase struct{ raw, norm string }

// parseRule splits one rule into trigger and target phrases.
func parseRule(line string) (from, to []phrase, err error) {
	left, right, arrow := strings.Cut(line, "=>")
	if arrow && strings.Contains(right, "=>") {
		return nil, nil, fmt.Errorf("more than one =>")
	}
	if from, err = phrases(left); err != nil {
		return nil, nil, err
	}
	if !arrow {
		if len(from) < 2 {
			return nil, nil, fmt.Errorf("%q: an equivalence needs two or more phrases separated by commas", line)
		}
		return from, from, nil
	}
	if to, err = phrases(right); err != nil {
		return nil, nil, err
	}
	return from, to, nil
}

// phrases splits a comma list into normalised phrases, rejecting empty ones
// and ones with nothing searchable (such as a lone particle).
func phrases(list string) ([]phrase, error) {
	var out []phrase
	for _, p := range strings.FieldsFunc(list, func(r rune) bool { return r == ',' || r == '、' || r == '，' }) {
		p = strings.TrimSpace(p)
		n := Normalize(p)
		if n == "" {
			continue
		}
		nt := normalize(p)
		found := false
		walkTerms(&nt, func(tok) { found = true })
		if !found {
			return nil, fmt.Errorf("%q has no searchable characters", p)
		}
		out = append(out, phrase{raw: p, norm: n})
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("empty side in %q", list)
	}
	return out, nil
}

// has reports whether from already lists an alternative normalising to to.
func (s *Synonyms) has(from, to string) bool {
	for _, x := range s.alts[from] {
		if Normalize(x) == to {
			return true
		}
	}
	return false
}

// synSpan is a phrase of the query that matched a rule.
type synSpan struct {
	pos, end int
	alts     []string
}

// match finds rule phrases in normalised query text, longest first and not
// overlapping. A phrase starting or ending in Latin letters or katakana must
// not continue a word there, so ワード does not fire inside パスワード.
func (s *Synonyms) match(t *normText) []synSpan {
	if s == nil || len(s.alts) == 0 {
		return nil
	}
	var spans []synSpan
	n := len(t.r)
	for i := 0; i < n; {
		found := false
		for l := min(s.maxLen, n-i); l >= 1; l-- {
			alts, ok := s.alts[string(t.r[i:i+l])]
			if !ok || !wordEdge(t, i-1, i) || !wordEdge(t, i+l-1, i+l) {
				continue
			}
			spans = append(spans, synSpan{pos: i, end: i + l, alts: alts})
			i += l
			found = true
			break
		}
		if !found {
			i++
		}
	}
	return spans
}

// wordEdge reports whether a phrase may begin or end between runes a and b.
func wordEdge(t *normText, a, b int) bool {
	if a < 0 || b >= len(t.r) {
		return true
	}
	sa, sb := t.sc[a], t.sc[b]
	return !(sa == sb && (sa == scLatin || sa == scKata))
}
