package web

import (
	"encoding/json"
	"io"
	"net/http"
	"strconv"
	"strings"

	"hitori"
	"hitori/kb"
)

// kbRoutes are the knowledge base's routes.
func (s *Server) kbRoutes() []route {
	return []route{
		{"GET /api/v1/search", signedIn, s.apiSearch, true},
		{"POST /api/v1/chat", signedIn, s.apiChat, true},
		{"GET /api/v1/kb/suggest", signedIn, s.apiSuggest, true},

		{"GET /kb", signedIn, s.kbList, false},
		{"GET /kb/new", staff, s.kbNew, false},
		{"POST /kb", staff, s.kbCreate, false},
		{"GET /kb/insights", staff, s.kbInsights, false},
		{"POST /kb/insights/dismiss", staff, s.kbDismiss, false},
		{"POST /kb/deflect", signedIn, s.kbDeflect, false},
		{"GET /kb/{id}", signedIn, s.kbView, false},
		{"GET /kb/{id}/edit", staff, s.kbEdit, false},
		{"POST /kb/{id}", staff, s.kbUpdate, false},
		{"POST /kb/{id}/delete", adminOnly, s.kbDelete, false},
		{"GET /kb/{id}/history", staff, s.kbHistory, false},
		{"GET /kb/{id}/diff", staff, s.kbDiff, false},
		{"POST /kb/{id}/restore", staff, s.kbRestore, false},

		{"POST /kb/{id}/files", staff, s.kbFileUpload, false},
		{"GET /kb/{id}/files/{fid}", signedIn, s.kbFile, false},
		{"POST /kb/{id}/files/{fid}/delete", staff, s.kbFileDelete, false},
		{"GET /kb/synonyms", adminOnly, s.kbSynonyms, false},
		{"POST /kb/synonyms", adminOnly, s.kbSynonymsSave, false},
		{"POST /work/items/{id}/faq", staff, s.kbFromItem, false},

		{"GET /help", signedIn, s.kbHelp, false},
		{"POST /help", signedIn, s.kbHelpAsk, false},
	}
}

// apiSearch is GET /api/v1/search?q=…&kind=article|item|asset&limit=…&all=1;
// all=1 keeps the weak matches left out by default ("more": true says so).
func (s *Server) apiSearch(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	var kinds []string
	if k := q.Get("kind"); k != "" {
		kinds = strings.Split(k, ",")
	}
	limit := 10
	if l := q.Get("limit"); l != "" {
		n, err := strconv.Atoi(l)
		if err != nil || n < 1 || n > kb.MaxSearchLimit {
			return hitori.FieldError("limit", "error.invalid")
		}
		limit = n
	}
	all := false
	switch q.Get("all") {
	case "", "0", "false":
	case "1", "true":
		all = true
	default:
		return hitori.FieldError("all", "error.invalid")
	}
	hits, more, err := s.kb.SearchAll(r.Context(), q.Get("q"), kinds, limit, all)
	if err != nil {
		return err
	}
	res := kb.SearchResponse(hits)
	res.More = more
	writeJSON(w, http.StatusOK, res)
	return nil
}

// apiChat is POST /api/v1/chat {"message": "…"}. Questions it cannot
// answer are logged for the insights page; cited articles carry their URL.
func (s *Server) apiChat(w http.ResponseWriter, r *http.Request) error {
	var in struct {
		Message string `json:"message"`
	}
	dec := json.NewDecoder(io.LimitReader(r.Body, 64<<10))
	if err := dec.Decode(&in); err != nil {
		return hitori.FieldError("message", "error.json_invalid")
	}
	ans, err := s.kb.Chat(r.Context(), in.Message)
	if err != nil {
		return err
	}
	s.recordUnanswered(r, in.Message, ans)
	writeJSON(w, http.StatusOK, s.kbChatReply(r, ans))
	return nil
}
