package search

import (
	"bufio"
	"fmt"
	"io"
	"strings"
)

// EvalQuery is one labelled question; Expected lists article IDs any of
// which answers it, and is empty when no article does.
type EvalQuery struct {
	Text     string
	Expected []string
}

// ReadQueriesTSV reads a question set: a header line "query\texpected_ids\tnote",
// then one question per line with comma-separated article IDs or "none".
func ReadQueriesTSV(r io.Reader) ([]EvalQuery, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64*1024), 1024*1024)
	var out []EvalQuery
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimRight(sc.Text(), "\r")
		if n == 1 {
			if !strings.HasPrefix(line, "query\texpected_ids") {
				return nil, fmt.Errorf("search: queries line 1: want header query\\texpected_ids\\tnote, got %q", line)
			}
			continue
		}
		if strings.TrimSpace(line) == "" {
			continue
		}
		cols := strings.Split(line, "\t")
		if len(cols) < 2 || strings.TrimSpace(cols[0]) == "" || strings.TrimSpace(cols[1]) == "" {
			return nil, fmt.Errorf("search: queries line %d: want query and expected_ids columns", n)
		}
		q := EvalQuery{Text: cols[0]}
		if ids := strings.TrimSpace(cols[1]); ids != "none" {
			for _, id := range strings.Split(ids, ",") {
				if id = strings.TrimSpace(id); id != "" {
					q.Expected = append(q.Expected, id)
				}
			}
		}
		out = append(out, q)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("search: queries: %w", err)
	}
	return out, nil
}

// EvalReport holds the measured rates, each in [0,1]. Search and chat hit
// rates are over answerable questions; CorrectAbstention is over
// unanswerable ones and WrongAbstention over answerable ones.
// WrongConfident is over all questions: a confident answer from an article
// that does not answer the question (any article, when none does), the
// worst a chat reply can do. WrongConfidentN counts them.
type EvalReport struct {
	Answerable, Unanswerable                   int
	SearchTop1, SearchTop3, ChatTop1, ChatTop3 float64
	CorrectAbstention, WrongAbstention         float64
	WrongConfident                             float64
	WrongConfidentN                            int
}

// Evaluate runs every question through Search (articles only) and Answer.
// A search or chat hit counts when any expected ID is among the first k
// articles; a chat reply abstains when it is neither confident nor asking
// to choose between articles.
func Evaluate(ix *Index, qs []EvalQuery) EvalReport {
	var r EvalReport
	for _, q := range qs {
		ans := ix.Answer(q.Text, nil)
		abstained := !ans.Confident && !ans.Clarify
		if ans.Confident && hitAt(ans.Articles, q.Expected, 1) == 0 {
			r.WrongConfidentN++
		}
		if len(q.Expected) == 0 {
			r.Unanswerable++
			if abstained {
				r.CorrectAbstention++
			}
			continue
		}
		r.Answerable++
		hits := ix.Search(Query{Text: q.Text, Kinds: []string{KindArticle}, Limit: 3})
		r.SearchTop1 += hitAt(hits, q.Expected, 1)
		r.SearchTop3 += hitAt(hits, q.Expected, 3)
		if abstained {
			r.WrongAbstention++
			continue
		}
		r.ChatTop1 += hitAt(ans.Articles, q.Expected, 1)
		r.ChatTop3 += hitAt(ans.Articles, q.Expected, 3)
	}
	if r.Answerable > 0 {
		a := float64(r.Answerable)
		r.SearchTop1, r.SearchTop3, r.ChatTop1, r.ChatTop3 = r.SearchTop1/a, r.SearchTop3/a, r.ChatTop1/a, r.ChatTop3/a
		r.WrongAbstention /= a
	}
	if r.Unanswerable > 0 {
		r.CorrectAbstention /= float64(r.Unanswerable)
	}
	if n := r.Answerable + r.Unanswerable; n > 0 {
		r.WrongConfident = float64(r.WrongConfidentN) / float64(n)
	}
	return r
}

// hitAt is 1 when one of the first k hits has an expected ID.
func hitAt(hits []Hit, expected []string, k int) float64 {
	for _, h := range hits[:min(k, len(hits))] {
		if containsStr(expected, h.ID) {
			return 1
		}
	}
	return 0
}

// String formats the report for logs and the CLI.
func (r EvalReport) String() string {
	return fmt.Sprintf("answerable=%d unanswerable=%d search top1=%.3f top3=%.3f chat top1=%.3f top3=%.3f abstention correct=%.3f wrong=%.3f wrong-confident=%d (%.3f)",
		r.Answerable, r.Unanswerable, r.SearchTop1, r.SearchTop3, r.ChatTop1, r.ChatTop3, r.CorrectAbstention, r.WrongAbstention, r.WrongConfidentN, r.WrongConfident)
}
