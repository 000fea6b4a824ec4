package kb

import (
	"context"
	"html"
	"strings"

	"hitori"
	"hitori/search"
)

// itemSnippetRunes is how much of an item's body a result shows.
const itemSnippetRunes = 120

// searchItems finds work items by substring through the store, which applies
// the caller's permissions (a requester finds only their own items). Items
// are not in the in-memory index: there can be a million of them, and the
// store's indexes already serve the lists.
func (s *Service) searchItems(ctx context.Context, q string, limit int) ([]search.Hit, error) {
	if s.Items == nil {
		return nil, nil
	}
	u := hitori.UserFromContext(ctx)
	if u != nil && u.Role == hitori.RoleViewer {
		return nil, nil // management reads reports, not tickets
	}
	// The page shows no total: list without counting every match.
	items, err := s.Items.ListItems(ctx, hitori.ItemFilter{Query: q, Sort: "updated", Limit: limit})
	if err != nil {
		return nil, err
	}
	hits := make([]search.Hit, 0, len(items))
	for i, it := range items {
		hits = append(hits, search.Hit{Kind: "item", ID: it.Key(), Title: it.Title, Snippet: markExcerpt(it.Body, q),
			Score: 1 / float64(i+2)}) // store order (most recently updated first), below a matching article
	}
	return hits, nil
}

// markExcerpt returns escaped text around the first occurrence of q with it marked.
func markExcerpt(body, q string) string {
	rs := []rune(body)
	i := strings.Index(strings.ToLower(body), strings.ToLower(q))
	if i < 0 {
		return html.EscapeString(string(rs[:min(len(rs), itemSnippetRunes)]))
	}
	start := len([]rune(body[:i]))
	from := max(0, start-20)
	to := min(len(rs), from+itemSnippetRunes)
	end := min(to, start+len([]rune(q)))
	return html.EscapeString(string(rs[from:start])) + "<mark>" + html.EscapeString(string(rs[start:end])) + "</mark>" + html.EscapeString(string(rs[end:to]))
}
