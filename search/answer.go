package search

import (
	"fmt"
	"math"
	"slices"
	"strings"
)

// Answer is a chat reply grounded in the knowledge base. Exactly one of
// three cases holds: Confident (Text quotes Articles[0]), Clarify (Text asks
// which of Articles[0] and Articles[1] was meant), or neither: no article
// fits, Text says so and the caller offers to open an item; Articles then
// holds up to three weak matches the caller may show as "related".
type Answer struct {
	Text      string // plain text (not HTML) in Japanese
	Articles  []Hit
	Confident bool
	Clarify   bool
}

// Confidence thresholds on confidence(): the share of the question's
// informative weight an article matches, saturated by term frequency. The
// abstention threshold sits where, on the dev questions and on this
// package's held-out ones, wrongly refusing an answerable question and
// answering an unanswerable one are about equally far from the product
// targets (counted in standard errors, as there are far fewer of the
// latter). It assumes a knowledge base of tens to hundreds of articles;
// re-check it with Evaluate when that changes by an order of magnitude.
const (
	minConfidence = 0.35 // below: no article fits, say so
	clarifyRatio  = 0.92 // runner-up this close to the best: ask which one
	clarifySim    = 0.5  // unless the two titles mostly share their terms
)

// Answer replies to a colleague's question from the articles allow lets
// them see (nil allows all).
func (ix *Index) Answer(question string, allow func(kind, access string) bool) Answer {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	p := ix.buildPlan(question, []string{KindArticle})
	if len(p.clauses) == 0 {
		return Answer{Text: msgEmptyQuestion}
	}
	cs := ix.rank(p, allow, 3)
	// An article without the product the question names (Teams) answers
	// another question: prefer one that has it, and never be sure of one
	// that does not.
	slices.SortStableFunc(cs, func(a, b cand) int { return cmpBool(a.missed, b.missed) })
	h := p.highlights()
	var hits []Hit
	for _, c := range cs {
		if c.score > 0 {
			hits = append(hits, c.hit(h))
		}
	}
	if len(hits) == 0 || confidence(cs[0]) < minConfidence || cs[0].missed {
		return Answer{Text: msgNoAnswer, Articles: hits}
	}
	if len(hits) > 1 && confidence(cs[1]) >= minConfidence && cs[1].score >= clarifyRatio*cs[0].score &&
		titleSimilarity(cs[0].title(), cs[1].title()) < clarifySim {
		if hits[1].Score > hits[0].Score { // both are offered: the better match first
			hits[0], hits[1] = hits[1], hits[0]
		}
		return Answer{Text: fmt.Sprintf(msgClarify, hits[0].Title, hits[1].Title), Articles: hits[:2], Clarify: true}
	}
	d := cs[0].sh.docs[cs[0].doc]
	parts := []string{fmt.Sprintf(msgAnswerIntro, d.title), bestPassage(d.body, p.passageTerms()), msgAnswerOutro}
	if parts[1] == "" { // an article that is all title
		parts = slices.Delete(parts, 1, 2)
	}
	return Answer{Text: strings.Join(parts, "\n\n"), Articles: hits[:1], Confident: true}
}

// confidence is the principled abstention signal: the normalised BM25F
// score, i.e. how much of the question's informative (IDF-weighted) content
// the article matches, each term saturating with frequency. For a question
// of several sentences it is that of the main sentence the article answers
// best, so greetings and self-introductions in a ticket-style message
// (お疲れ様です。営業部の佐藤です。…) do not count as unanswered content.
func confidence(c cand) float64 { return c.core }

// cmpBool orders false before true.
func cmpBool(a, b bool) int {
	switch {
	case a == b:
		return 0
	case a:
		return 1
	}
	return -1
}

func (c cand) title() string { return c.sh.docs[c.doc].title }

// titleSimilarity is the Jaccard overlap of two titles' terms; near-equal
// titles are one topic, so there is nothing to ask.
func titleSimilarity(a, b string) float64 {
	ta, tb := termSet(a), termSet(b)
	inter := 0
	for k := range ta {
		if tb[k] {
			inter++
		}
	}
	union := len(ta) + len(tb) - inter
	if union == 0 {
		return 1
	}
	return float64(inter) / float64(union)
}

func termSet(s string) map[string]bool {
	nt := normalize(s)
	m := map[string]bool{}
	walkTerms(&nt, func(tk tok) {
		if tk.gram>>21 != 0 || tk.gram == 0 {
			m[fmt.Sprint(tk.gram, tk.word)] = true
		}
	})
	return m
}

// maxPassage caps a quoted passage; a long runbook list is cut at a line
// and the reader sent to the article for the rest.
const maxPassage = 700

// bestPassage picks the body block (paragraph, list or section under its
// heading) with the most distinct query weight; with no match in the body
// (the article matched on title or tags) it is the first block. Within one
// article a term found in every block (usually the article's topic) tells
// nothing about where the answer is, so each term also counts by how few
// blocks contain it.
func bestPassage(body string, h hlSet) string {
	bs := blocks(body)
	if len(bs) == 0 {
		return ""
	}
	found := make([]map[occKey]float64, len(bs))
	inBlocks := map[occKey]int{}
	for i, b := range bs {
		nt := normalize(b)
		found[i] = map[occKey]float64{}
		for _, o := range h.find(&nt) {
			k := occKey{o.key, o.word}
			if _, dup := found[i][k]; !dup {
				found[i][k] = o.w
				inBlocks[k]++
			}
		}
	}
	best, bestScore := 0, 0.0
	for i, b := range bs {
		s := 0.0
		for k, w := range found[i] {
			s += w * math.Log(1+float64(len(bs))/float64(inBlocks[k]))
		}
		if isHeading(b) {
			s *= 0.5 // a heading alone answers nothing; its section may
		}
		if s > bestScore {
			best, bestScore = i, s
		}
	}
	first, last := best, best
	switch {
	case isHeading(bs[best]) && best+1 < len(bs):
		last++
	case best > 0 && isHeading(bs[best-1]):
		first--
	}
	// A passage that introduces steps, a list or a table (以下の順に確認して
	// ください。) answers nothing without them: quote what it introduces, and
	// the introduction of a list chosen alone.
	if first > 0 && isList(bs[first]) && introduces(bs[first-1]) {
		first--
	}
	if introduces(bs[last]) || isList(bs[last]) {
		for last+1 < len(bs) && isList(bs[last+1]) {
			last++
		}
	}
	return capRunes(strings.Join(bs[first:last+1], "\n"), maxPassage)
}

// introduces reports whether a block's last line announces what follows:
// it ends with a colon, or points at 以下, 次, 下記 or an order of steps.
func introduces(b string) bool {
	line := b[strings.LastIndex(b, "\n")+1:]
	if strings.HasSuffix(line, "：") || strings.HasSuffix(line, ":") {
		return true
	}
	for _, w := range []string{"以下", "次の", "次を", "次に", "下記", "の順"} {
		if strings.Contains(line, w) {
			return true
		}
	}
	return false
}

// isList reports whether every line of a block is a list item, a numbered
// step or a table row (stripMarkdown turns rows into "a / b").
func isList(b string) bool {
	for _, line := range strings.Split(b, "\n") {
		if !strings.HasPrefix(line, "・") && !mdListNum.MatchString(line) && !strings.Contains(line, " / ") {
			return false
		}
	}
	return true
}

// isHeading guesses a heading: one short line without sentence punctuation.
func isHeading(b string) bool {
	return !strings.Contains(b, "\n") && len([]rune(b)) <= 40 && !strings.ContainsAny(b, "。．.？?！!")
}

// capRunes shortens s to at most n runes, cutting at a line break if it can.
func capRunes(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	cut := string(r[:n])
	if i := strings.LastIndex(cut, "\n"); i > len(cut)/2 {
		cut = cut[:i]
	}
	return cut + "\n" + msgContinued
}
