package search

import (
	"cmp"
	"slices"
	"strings"
)

// BM25F parameters: the title says most about what a page is for, tags and
// category are short curated labels, the body is long and repetitive.
var (
	fieldWeight = [numFields]float64{fTitle: 3, fTags: 2, fBody: 1}
	fieldB      = [numFields]float64{fTitle: 0.3, fTags: 0.3, fBody: 0.75}
)

const (
	k1 = 1.2 // BM25's usual term-frequency saturation
	// covFloor is the share of the score kept by a document matching none of
	// the query's weight beyond its best term; the rest scales with coverage,
	// so documents answering the whole question beat ones repeating one word.
	covFloor = 0.3
	// candidates re-scored exactly after the fast pass.
	minCandidates = 64
)

// cand is a document being ranked.
type cand struct {
	sh     *shard
	nf     [][numFields]float32 // the shard's BM25F factors
	doc    uint32
	approx float64 // fast pass: sum over every wording
	score  float64 // final ranking score
	raw    float64 // BM25F with each clause's best wording
	norm   float64 // raw over the most the query could score, in [0,1)
	core   float64 // the same for the question's best-matched main sentence
	cov    float64 // share of the query's weight with any match
	// missed: a distinctive name of the question (see plan.distinctive)
	// that the document does not contain in any wording.
	missed bool
}

// sat is a term's saturated BM25F frequency in a document, in [0,1).
func sat(tf uint16, norm *[numFields]float32) float64 {
	x := float64(tf>>13)*float64(norm[fTitle]) + float64(tf>>10&7)*float64(norm[fTags]) +
		float64(tf&1023)*float64(norm[fBody])
	return x / (k1 + x)
}

// accumulate is the fast pass that picks candidates for exact scoring:
// each distinct term adds to the documents containing it, term at a time
// over the posting lists. A term shared by several wordings is read once,
// and kanji of a compound (weight wUnigram) are left to the exact pass,
// since their long posting lists barely change which documents qualify.
func (p *plan) accumulate(sh *shard, nf [][numFields]float32, acc []float32) {
	minW := p.fastPassFloor()
	coef := map[uint32]float64{}
	var terms []qterm
	for _, c := range p.clauses {
		cw := c.weight()
		for _, a := range c.alts {
			for _, t := range a.terms {
				if t.id == 0 || a.weight == 0 || t.w <= minW {
					continue
				}
				if _, seen := coef[t.id]; !seen {
					terms = append(terms, t)
				}
				coef[t.id] = max(coef[t.id], a.scale*t.w*t.idf/a.weight*cw)
			}
		}
	}
	// Add in an order fixed by the terms themselves, not by ids (which depend
	// on the order documents arrived), so float sums and ties reproduce.
	slices.SortFunc(terms, func(a, b qterm) int {
		if a.gram != b.gram {
			return cmp.Compare(a.gram, b.gram)
		}
		return strings.Compare(a.word, b.word)
	})
	for _, t := range terms {
		k := coef[t.id]
		pl := sh.terms[t.id]
		if pl == nil || pl.df == 0 {
			continue
		}
		for i, d := range pl.docs {
			if sh.docs[d] != nil {
				acc[d] += float32(k * sat(pl.tfs[i], &nf[d]))
			}
		}
	}
}

// fastPassFloor is the weight at or below which terms skip the fast pass:
// the kanji of compounds, unless nothing stronger occurs in any document
// (a mistyped two-kanji word), when they must find the candidates.
func (p *plan) fastPassFloor() float64 {
	for _, c := range p.clauses {
		for _, a := range c.alts {
			for _, t := range a.terms {
				if t.w > wUnigram && p.df(t.id) > 0 {
					return wUnigram
				}
			}
		}
	}
	return 0
}

// exact scores one candidate. A clause is one concept of the question with
// weight W; a document matches it to the degree of its best wording, that
// wording's saturated, IDF-weighted share in [0,1), so a synonym with more
// bigrams than the typed word neither inflates nor dilutes the match.
func (p *plan) exact(c *cand) {
	norm := &c.nf[c.doc]
	var raw, most, covered float64
	var sentRaw, sentMost [maxSentences]float64
	for _, cl := range p.clauses {
		best, bestCov := 0.0, 0.0
		for _, a := range cl.alts {
			if a.weight == 0 {
				continue
			}
			s, m := 0.0, 0.0
			for _, t := range a.terms {
				if tf := c.sh.tf(t.id, c.doc); t.id != 0 && tf != 0 {
					s += t.w * t.idf * sat(tf, norm)
					m += t.w * t.idf
				}
			}
			best = max(best, a.scale*s/a.weight)
			bestCov = max(bestCov, a.scale*m/a.weight)
		}
		if bestCov == 0 && p.distinctive(cl) {
			c.missed = true
		}
		w := cl.weight()
		raw += best * w
		most += w
		sentRaw[cl.sent] += best * w
		sentMost[cl.sent] += w
		covered += bestCov * w
	}
	if most == 0 {
		return
	}
	c.raw, c.norm, c.cov = raw, raw/most, covered/most
	c.score = raw * (covFloor + (1-covFloor)*c.cov)
	c.core = c.norm
	for s := range sentMost {
		// Only a sentence carrying a third of the question can stand for it.
		if sentMost[s] >= most/3 {
			c.core = max(c.core, sentRaw[s]/sentMost[s])
		}
	}
}

// weight is the clause's share of the question: the largest IDF mass among
// its wordings. Taking the largest keeps the weight the same whichever of
// two equivalent words the user typed, so PW and パスワード ask alike.
func (cl clause) weight() float64 {
	w := 0.0
	for _, a := range cl.alts {
		w = max(w, a.weight)
	}
	return w
}

// maxNameShare is the largest share of documents a name may occur in and
// still tell articles apart: Teams (18 of 80 articles) does, PC does not.
const maxNameShare = 0.25

// distinctive reports a clause naming a product or service that is rare
// in the searched documents (or in none): a document without it is about
// something else, however well it matches the rest (通知が来ない).
func (p *plan) distinctive(cl clause) bool {
	if !cl.named {
		return false
	}
	for _, t := range cl.alts[0].terms {
		if t.gram == 0 && p.df(t.id) <= maxNameShare*p.n {
			return true
		}
	}
	return false
}
