package kb

import (
	"context"
	"strings"

	"hitori"
	"hitori/search"
)

// MaxSuggestions is how many articles appear under a title being typed:
// enough to catch the answer, few enough to read at a glance.
const MaxSuggestions = 5

// Suggestion is one article offered while a colleague types a question.
type Suggestion struct {
	ID      string `json:"id"` // the import id (slug) when there is one, as in search results
	Title   string `json:"title"`
	URL     string `json:"url"`
	Snippet string `json:"snippet"` // HTML-escaped with <mark> around matches
}

// Suggestions is the JSON body of GET /api/v1/kb/suggest.
type Suggestions struct {
	Articles []Suggestion `json:"articles"`
}

// Suggest returns up to MaxSuggestions articles the context's user may
// read for q. Typeahead sends every keystroke, so an empty query is an empty
// list and an over-long one is cut rather than refused.
func (s *Service) Suggest(ctx context.Context, q string) ([]Suggestion, error) {
	q = capRunes(strings.TrimSpace(q), MaxQueryLen)
	out := []Suggestion{}
	if q == "" {
		return out, nil
	}
	hits, err := s.Search(ctx, q, []string{search.KindArticle}, MaxSuggestions)
	if err != nil {
		return nil, err
	}
	for _, h := range hits {
		r, ok := s.Ref(h.ID)
		if !ok {
			continue // deleted between the search and now
		}
		out = append(out, Suggestion{ID: h.ID, Title: h.Title, URL: r.URL(), Snippet: h.Snippet})
	}
	return out, nil
}

// Related returns up to n other articles the context's user may read: the
// best hits for a's title.
func (s *Service) Related(ctx context.Context, a *hitori.Article, n int) ([]search.Hit, error) {
	q := capRunes(strings.TrimSpace(a.Title), MaxQueryLen)
	if q == "" || n <= 0 {
		return nil, nil
	}
	hits, err := s.Search(ctx, q, []string{search.KindArticle}, n+1)
	if err != nil {
		return nil, err
	}
	self := Key(a)
	out := make([]search.Hit, 0, n)
	for _, h := range hits {
		if h.ID != self && len(out) < n {
			out = append(out, h)
		}
	}
	return out, nil
}
