package web

import (
	"net/http"
	"net/url"
)

// portalNewPrefill is POST /portal/new {title, body}: the new-item form
// filled in by the help chat with the question it could not answer. It
// only shows the form; the colleague reviews it and sends it to
// /portal/items. A POST carries the text in the body, not in the URL.
func (s *Server) portalNewPrefill(w http.ResponseWriter, r *http.Request) error {
	p, err := s.portalNewPage(r)
	if err != nil {
		return err
	}
	p.Form = url.Values{"title": {portalCut(r.PostFormValue("title"), portalPrefillTitle)},
		"body": {portalCut(r.PostFormValue("body"), portalPrefillBody)}}
	s.render(w, http.StatusOK, "portal_new", p)
	return nil
}
