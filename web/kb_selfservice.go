package web

import (
	"net/http"
	"strconv"

	"hitori/kb"
)

// apiSuggest is GET /api/v1/kb/suggest?q=…: up to five articles the user
// may read, for the portal's new-item form as the title is typed.
func (s *Server) apiSuggest(w http.ResponseWriter, r *http.Request) error {
	sugg, err := s.kb.Suggest(r.Context(), r.URL.Query().Get("q"))
	if err != nil {
		return err
	}
	for i := range sugg {
		sugg[i].Snippet = kbSnippetJSON(sugg[i].Snippet)
	}
	writeJSON(w, http.StatusOK, kb.Suggestions{Articles: sugg})
	return nil
}

// kbDeflectReply is the JSON answer to a scripted "this solved it".
type kbDeflectReply struct {
	OK      bool   `json:"ok"`
	Message string `json:"message"`
	URL     string `json:"url"`
}

// kbDeflect is POST /kb/deflect (article=key or id, q=what was typed): a
// colleague says an article solved their problem, so no item is needed.
// kb.js posts it with Accept: application/json; a plain form post is sent
// on to next (a page of this site) or to the article.
func (s *Server) kbDeflect(w http.ResponseWriter, r *http.Request) error {
	a, err := s.kb.Deflect(r.Context(), r.PostFormValue("article"), r.PostFormValue("q"))
	if err != nil {
		if kbWantsJSON(r) {
			s.handleError(w, r, true, err)
			return nil
		}
		return err
	}
	msg := s.localeFor(r).T("kb.deflect.thanks")
	if kbWantsJSON(r) {
		writeJSON(w, http.StatusOK, kbDeflectReply{OK: true, Message: msg, URL: kbURL(a.ID)})
		return nil
	}
	next := kbURL(a.ID) + "?solved=" + strconv.FormatInt(a.ID, 10)
	if n := r.PostFormValue("next"); n != "" {
		next = safeNext(n)
	}
	http.Redirect(w, r, next, http.StatusSeeOther)
	return nil
}
