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
	// All keeps weak matches too (the "more results" link); by default the
	// long tail a common word brings (印刷 is in most articles) is cut.
	All bool
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

// Weak matches are cut unless Query.All: a hit must score at least
// minRelScore of the best, and, unless it scores strongRelScore of the best,
// match at least minRelCov of the query weight the best-covering hit
// matches. All are relative, so a question no document fully answers still
// lists its best partial matches.
const (
	minRelScore    = 0.25
	strongRelScore = 0.5
	minRelCov      = 0.7
)

// Search returns the documents best matching q, most relevant first.
func (ix *Index) Search(q Query) []Hit {
	hits, _ := ix.SearchCut(q)
	return hits
}

// SearchCut is Search that also tells whether weak matches were left out,
// so a caller can offer them (Query.All).
func (ix *Index) SearchCut(q Query) (hits []Hit, cut bool) {
	limit := q.Limit
	if limit <= 0 {
		limit = DefaultLimit
	}
	limit = min(limit, MaxLimit)
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	p := ix.buildPlan(q.Text, q.Kinds)
	if len(p.clauses) == 0 || p.n == 0 {
		return nil, false
	}
	k := limit
	if !q.All {
		k = MaxLimit // the cut needs the best coverage, which any hit may have
	}
	cs := ix.rank(p, q.Allow, k)
	bestCov := 0.0
	for _, c := range cs {
		bestCov = max(bestCov, c.cov)
	}
	h := p.highlights()
	hits = make([]Hit, 0, min(len(cs), limit))
	for _, c := range cs {
		if c.score <= 0 {
			continue
		}
		if !q.All && (c.score < minRelScore*cs[0].score || c.cov < minRelCov*bestCov && c.score < strongRelScore*cs[0].score) {
			cut = true
			continue
		}
		if len(hits) < limit {
			hits = append(hits, c.hit(h))
		}
	}
	return hits, cut
}

func (c cand) hit(h hlSet) Hit {
	d := c.sh.docs[c.doc]
	return Hit{Kind: c.sh.kind, ID: d.id, Title: d.title, Snippet: snippet(d.body, h), Score: c.score}
}
