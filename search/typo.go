package search

import (
	"math/bits"
	"slices"
	"sort"
	"strings"
)

// typoAlts offers close spellings (OneDriev → onedrive) and completions
// (forti → forticlient, for colleagues who stop typing early) for a Latin
// word no searched document contains. Spellings are guessed for words of
// four letters or more and completions for three or more: shorter ones have
// too many neighbours to guess from. Close spellings rank before completions.
func (ix *Index) typoAlts(p *plan, t qterm, last bool) []qalt {
	if t.gram != 0 || p.df(t.id) > 0 {
		return nil
	}
	w := []rune(t.word)
	if len(w) < 3 {
		return nil
	}
	maxDist := 1
	if len(w) >= 8 {
		maxDist = 2
	}
	type cand struct {
		word string
		dist int
		df   float64
	}
	var cands []cand
	for l, words := range ix.dict.wordsBy {
		if !last || l <= len(w) { // only the last word can be unfinished
			continue
		}
		for _, e := range words {
			if strings.HasPrefix(e.w, t.word) {
				if df := p.df(ix.dict.words[e.w]); df > 0 {
					cands = append(cands, cand{e.w, maxDist + 1, df})
				}
			}
		}
	}
	if len(w) < 4 {
		maxDist = -1 // completions only
	}
	wm := runeMask(t.word)
	for l := len(w) - maxDist; l <= len(w)+maxDist; l++ {
		for _, e := range ix.dict.wordsBy[l] {
			// Each edit changes at most two letters of the letter set: a cheap
			// filter before the quadratic distance.
			if bits.OnesCount64(wm^e.mask) > 2*maxDist {
				continue
			}
			d := editDistance(w, []rune(e.w), maxDist)
			if d > maxDist {
				continue
			}
			if df := p.df(ix.dict.words[e.w]); df > 0 {
				cands = append(cands, cand{e.w, d, df})
			}
		}
	}
	sort.Slice(cands, func(i, j int) bool {
		if cands[i].dist != cands[j].dist {
			return cands[i].dist < cands[j].dist
		}
		if cands[i].df != cands[j].df {
			return cands[i].df > cands[j].df
		}
		return cands[i].word < cands[j].word
	})
	var alts []qalt
	for i, c := range cands {
		if len(alts) == 3 {
			break
		}
		if i > 0 && slices.ContainsFunc(cands[:i], func(x cand) bool { return x.word == c.word }) {
			continue // both a close spelling and a completion
		}
		a := qalt{terms: []qterm{{w: t.w, word: c.word}}, scale: fuzzyScale}
		if ix.resolve(p, &a, true) {
			alts = append(alts, a)
		}
	}
	return alts
}

// editDistance is the optimal-string-alignment distance (Levenshtein plus
// adjacent transpositions, the commonest typing slip), giving up early once
// every path exceeds limit.
func editDistance(a, b []rune, limit int) int {
	prev2 := make([]int, len(b)+1)
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		best := cur[0]
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
			best = min(best, cur[j])
		}
		if best > limit {
			return limit + 1
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(b)]
}

// runeMask is a 64-bit set of the word's characters (hashed by value).
func runeMask(s string) uint64 {
	var m uint64
	for _, r := range s {
		m |= 1 << (uint(r) % 64)
	}
	return m
}
