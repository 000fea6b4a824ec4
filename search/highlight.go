package search

import "sort"

// hlSet is the set of query terms worth marking, with their weight.
type hlSet struct {
	grams map[uint64]hlGram
	words map[string]float64
}

type hlGram struct {
	w    float64
	solo bool // a katakana bigram that was a whole word of the query (ペン)
}

// highlights collects every wording's terms worth showing. Kanji compounds,
// stems and Latin words are marked; okurigana and grammar kana are not, and
// a katakana bigram only as part of a longer match, because marking the
// アイ of アイコン for a query about ワイファイ is noise.
func (p *plan) highlights() hlSet { return p.termSet(false) }

// passageTerms also keeps okurigana and kana bigrams: to choose a passage,
// the inflected verb (出ない, 映って) is what tells sections apart.
func (p *plan) passageTerms() hlSet { return p.termSet(true) }

func (p *plan) termSet(all bool) hlSet {
	h := hlSet{grams: map[uint64]hlGram{}, words: map[string]float64{}}
	for _, c := range p.clauses {
		for _, a := range c.alts {
			for _, t := range a.terms {
				if t.gram == 0 {
					h.words[t.word] = max(h.words[t.word], t.w*t.idf)
					continue
				}
				r1, r2 := gramRunes(t.gram)
				switch {
				case r1 == 0 && t.w < wStem, r1 != 0 && t.w < 1 && !p.kanaOnly && !all:
					continue
				}
				g := h.grams[t.gram]
				g.w = max(g.w, t.w*t.idf)
				g.solo = g.solo || isKatakana(r1) && isKatakana(r2) && len(a.terms) == 1
				h.grams[t.gram] = g
			}
		}
	}
	return h
}

func isKatakana(r rune) bool { return r >= 0x30A1 && r <= 0x30FA }

// occ is one matched term occurrence in normalised text.
type occ struct {
	pos, end int
	key      uint64 // gram, or 0 for words
	word     string
	w        float64
}

// find lists the occurrences of highlighted terms in nt, in text order.
func (h hlSet) find(nt *normText) []occ {
	var out []occ
	walkTerms(nt, func(tk tok) {
		if tk.gram != 0 {
			if g, ok := h.grams[tk.gram]; ok {
				out = append(out, occ{tk.pos, tk.end, tk.gram, "", g.w})
			}
		} else if w, ok := h.words[tk.word]; ok {
			out = append(out, occ{tk.pos, tk.end, 0, tk.word, w})
		}
	})
	sort.SliceStable(out, func(i, j int) bool { return out[i].pos < out[j].pos })
	kept := out[:0]
	for i, o := range out {
		if o.key != 0 && nt.sc[o.pos] == scKata && o.end-o.pos == 2 && !h.grams[o.key].solo &&
			!(i > 0 && out[i-1].end > o.pos) && !(i+1 < len(out) && out[i+1].pos < o.end) {
			continue // a lone katakana bigram inside some other word
		}
		kept = append(kept, o)
	}
	return kept
}

// occKey identifies a term in occurrence sets.
type occKey struct {
	key  uint64
	word string
}
