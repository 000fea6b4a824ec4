package kb

import "hitori/search"

// SearchResult is one hit in the JSON API and `hitori search --json`.
type SearchResult struct {
	Kind    string  `json:"kind"`
	ID      string  `json:"id"`
	Title   string  `json:"title"`
	Snippet string  `json:"snippet"`
	Score   float64 `json:"score"`
}

// SearchResults is the JSON body of GET /api/v1/search. More is true when
// weak matches were left out; all=1 asks for them.
type SearchResults struct {
	Results []SearchResult `json:"results"`
	More    bool           `json:"more,omitempty"`
}

// SearchResponse converts hits into the API shape (an empty list, never null).
func SearchResponse(hits []search.Hit) SearchResults {
	out := SearchResults{Results: make([]SearchResult, 0, len(hits))}
	for _, h := range hits {
		out.Results = append(out.Results, SearchResult{Kind: h.Kind, ID: h.ID, Title: h.Title, Snippet: h.Snippet, Score: h.Score})
	}
	return out
}

// ChatArticle is an article cited by a chat answer.
type ChatArticle struct {
	ID    string  `json:"id"`
	Title string  `json:"title"`
	Score float64 `json:"score"`
}

// ChatReply is the JSON body of POST /api/v1/chat.
type ChatReply struct {
	Answer    string        `json:"answer"`
	Articles  []ChatArticle `json:"articles"`
	Confident bool          `json:"confident"`
	Clarify   bool          `json:"clarify"`
}

// ChatResponse converts an answer into the API shape.
func ChatResponse(a search.Answer) ChatReply {
	out := ChatReply{Answer: a.Text, Confident: a.Confident, Clarify: a.Clarify, Articles: make([]ChatArticle, 0, len(a.Articles))}
	for _, h := range a.Articles {
		out.Articles = append(out.Articles, ChatArticle{ID: h.ID, Title: h.Title, Score: h.Score})
	}
	return out
}
