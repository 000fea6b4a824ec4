package search

import (
	"math"
	"sort"
	"strings"
	"unicode"
)

// Query-term weights by shape. They encode how much a term of each shape
// tends to say about the topic, not any particular question.
const (
	wUnigram   = 0.2  // a kanji inside a compound: its bigrams say more
	wStem      = 0.6  // a single kanji word or stem (家, 遅くて)
	wOkurigana = 0.7  // kanji+kana (忘れ, 出て): the verb, but also its inflection
	wKana      = 0.4  // hiragana-only bigram next to other content: often grammar
	synScale   = 0.9  // a synonym counts slightly less than the user's own word
	fuzzyScale = 0.75 // a typo-corrected word counts less still
)

// qterm is one query term resolved against the index.
type qterm struct {
	id   uint32 // 0 when no document has ever contained it
	w    float64
	idf  float64
	gram uint64 // the term itself, for highlighting
	word string
}

// qalt is one wording of a clause: the user's, a synonym's or a typo fix.
type qalt struct {
	terms  []qterm
	scale  float64
	weight float64 // Σ w·idf: the most this wording can contribute
}

// clause is a part of the query that documents may match in any of several
// wordings; a document scores the best of them, never their sum, so
// synonyms widen recall without inflating scores.
type clause struct {
	alts []qalt
	sent int // the sentence of the question it comes from
	// named: the user's wording has a Latin word such as Teams, kintone or
	// Zoom, a name of the product or service the question is about.
	named bool
}

// plan is a query ready to run against a set of shards.
type plan struct {
	clauses  []clause
	shards   []*shard
	n        float64 // live documents in the searched shards
	kanaOnly bool    // the question is all hiragana, so kana bigrams are content
}

// buildPlan analyses the query text. The caller holds ix.mu for reading.
func (ix *Index) buildPlan(text string, kinds []string) *plan {
	p := &plan{}
	for _, sh := range ix.shards {
		if len(kinds) == 0 || containsStr(kinds, sh.kind) {
			p.shards = append(p.shards, sh)
			p.n += float64(sh.live)
		}
	}
	sort.Slice(p.shards, func(i, j int) bool { return p.shards[i].kind < p.shards[j].kind })
	nt := normalize(stripBoilerplate(text))
	p.kanaOnly = !hasContent(&nt)
	spans := ix.syn.match(&nt)
	sents := sentences(&nt)
	spanTerms := make([][]qterm, len(spans))
	var plain []qterm
	var plainSent []int
	qts := queryTerms(&nt)
	lastWord := "" // the word being typed when the question is still incomplete
	if n := len(qts); n > 0 && qts[n-1].gram == 0 && onlySeparators(&nt, qts[n-1].end) {
		lastWord = qts[n-1].word
	}
	for _, qt := range qts {
		if s := spanOf(spans, qt.pos, qt.end); s >= 0 {
			spanTerms[s] = addTerm(spanTerms[s], qt.qterm)
			continue
		}
		if n := len(plain); len(addTerm(plain[:n:n], qt.qterm)) > n {
			plain = append(plain, qt.qterm) // first occurrence: note its sentence
			plainSent = append(plainSent, sents[qt.pos])
		}
	}
	for i, sp := range spans {
		c := clause{alts: []qalt{{terms: spanTerms[i], scale: 1}}, sent: sents[sp.pos]}
		for _, a := range sp.alts {
			at := normalize(a)
			var terms []qterm
			for _, qt := range queryTerms(&at) {
				terms = addTerm(terms, qt.qterm)
			}
			c.alts = append(c.alts, qalt{terms: terms, scale: synScale})
		}
		p.clauses = append(p.clauses, c)
	}
	for i, t := range plain {
		p.clauses = append(p.clauses, clause{alts: []qalt{{terms: []qterm{t}, scale: 1}}, sent: plainSent[i]})
	}
	for ci := range p.clauses {
		c := &p.clauses[ci]
		alts := c.alts[:1]
		ix.resolve(p, &c.alts[0], false)
		for _, a := range c.alts[1:] {
			if ix.resolve(p, &a, true) {
				alts = append(alts, a)
			}
		}
		c.alts = alts
		c.named = hasName(c.alts[0].terms)
		if len(c.alts) == 1 && len(c.alts[0].terms) == 1 {
			t := c.alts[0].terms[0]
			c.alts = append(c.alts, ix.typoAlts(p, t, t.gram == 0 && t.word == lastWord)...)
		}
	}
	return p
}

// hasName reports a Latin word with a letter among terms: a product or
// service name (Teams, kintone), not a number or a unit.
func hasName(terms []qterm) bool {
	for _, t := range terms {
		if t.gram == 0 && len(t.word) >= 2 && strings.ContainsFunc(t.word, unicode.IsLetter) {
			return true
		}
	}
	return false
}

// resolve looks up term ids and IDF over the searched shards. It reports
// false for a synonym with a term no searched document contains: the phrase
// then occurs nowhere, and its remaining fragments (the ック of アウトルック)
// would only match unrelated words. The user's own unknown words stay, as
// evidence that the question is about something the documents do not cover.
func (ix *Index) resolve(p *plan, a *qalt, synonym bool) bool {
	a.weight = 0
	for i := range a.terms {
		t := &a.terms[i]
		if t.gram != 0 {
			t.id = ix.dict.grams[t.gram]
		} else {
			t.id = ix.dict.words[t.word]
		}
		df := p.df(t.id)
		if synonym && df == 0 {
			return false
		}
		t.idf = idf(p.n, df)
		a.weight += t.w * t.idf
	}
	return len(a.terms) > 0
}

// df sums a term's live document frequency over the searched shards.
func (p *plan) df(id uint32) float64 {
	if id == 0 {
		return 0
	}
	var df float64
	for _, sh := range p.shards {
		if pl := sh.terms[id]; pl != nil {
			df += float64(pl.df)
		}
	}
	return df
}

// idf is the BM25 inverse document frequency; a term no document contains
// gets the highest value, so an unknown word in the question lowers the
// coverage of every document (the question is probably about something
// else).
func idf(n, df float64) float64 {
	return math.Log(1 + (n-df+0.5)/(df+0.5))
}

func spanOf(spans []synSpan, pos, end int) int {
	for i, s := range spans {
		if pos >= s.pos && end <= s.end {
			return i
		}
	}
	return -1
}

// addTerm appends t unless the same term is present; then it keeps the
// larger weight, so repeating a word does not repeat its evidence.
func addTerm(list []qterm, t qterm) []qterm {
	for i := range list {
		if list[i].gram == t.gram && list[i].word == t.word {
			list[i].w = math.Max(list[i].w, t.w)
			return list
		}
	}
	return append(list, t)
}

func containsStr(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
