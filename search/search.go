package search

// Query is a search request.
type Query struct {
	Text  string
	Kinds []string // only these kinds; empty means all
	Limit int      // maximum hits; 0 means DefaultLimit
	// Allow decides visibility from a document's kind and Access value; nil
	// allows everything. It is called at most once per distinct pair per
	// query, with the index locked for reading, so it must not call back
	// into the Index.
	Allow func(kind, access string) bool
}

// Hit is one search result.
type Hit struct {
	Kind, ID string
	Title    string  // plain text, as given to Put (escape it when rendering)
	Snippet  string  // HTML-escaped body text, ~120 runes, <mark>…</mark> around matches
	Score    float64 // relevance; comparable within one result list only
}

// DefaultLimit and MaxLimit bound Query.Limit.
const (
	DefaultLimit = 10
	MaxLimit     = 200
)

// Search returns the documents best matching q, most relevant first.
func (ix *Index) Search(q Query) []Hit {
	limit := q.Limit
	if limit <= 0 {
		limit = DefaultLimit
	}
	limit = min(limit, MaxLimit)
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	p := ix.buildPlan(q.Text, q.Kinds)
	if len(p.clauses) == 0 || p.n == 0 {
		return nil
	}
	cs := ix.rank(p, q.Allow, limit)
	h := p.highlights()
	hits := make([]Hit, 0, len(cs))
	for _, c := range cs {
		if c.score <= 0 {
			continue
		}
		hits = append(hits, c.hit(h))
	}
	return hits
}

func (c cand) hit(h hlSet) Hit {
	d := c.sh.docs[c.doc]
	return Hit{Kind: c.sh.kind, ID: d.id, Title: d.title, Snippet: snippet(d.body, h), Score: c.score}
}
