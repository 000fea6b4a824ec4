package web

import (
	"html/template"
	"net/http"
	"strconv"

	"hitori"
	"hitori/markdown"
	"hitori/vault"
)

// standinPage starts a page of the stand-in's room with their grant.
func (s *Server) standinPage(r *http.Request, title string) (*page, *hitori.Standin) {
	p := s.newPage(r, "standin")
	p.Title = p.T(title)
	return p, identityFrom(r).standin
}

// standinHome is GET /standin: the window, the runbooks and the granted
// credentials, all read-only.
func (s *Server) standinHome(w http.ResponseWriter, r *http.Request) error {
	p, g := s.standinPage(r, "standin.home.title")
	runbooks, err := s.standin.Runbooks(r.Context(), p.User)
	if err != nil {
		return err
	}
	entries, err := s.standin.Entries(r.Context(), p.User, g)
	if err != nil && hitori.ErrorCode(err) != hitori.EFORBIDDEN { // a locked vault lists nothing
		return err
	}
	systems, err := s.standin.Systems(r.Context())
	if err != nil {
		return err
	}
	vendors, err := s.standin.Vendors(r.Context())
	if err != nil {
		return err
	}
	readable := map[string]bool{}
	for _, a := range runbooks {
		readable[strconv.FormatInt(a.ID, 10)] = true
	}
	granted := map[string]bool{}
	for _, e := range entries {
		granted[e.ID] = true
	}
	p.Data = map[string]any{"Grant": g, "Runbooks": runbooks, "Entries": entries, "Systems": systems, "Vendors": vendors,
		"Readable": readable, "Granted": granted}
	s.render(w, http.StatusOK, "standin_home", p)
	return nil
}

// standinRunbook is GET /standin/kb/{id}: one runbook, rendered.
func (s *Server) standinRunbook(w http.ResponseWriter, r *http.Request) error {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		return s.notFound(w, r)
	}
	p, _ := s.standinPage(r, "standin.home.title")
	a, err := s.standin.Runbook(r.Context(), p.User, id)
	if err != nil {
		return err
	}
	p.Title = a.Title
	body, _, err := markdown.Render(kbDropTitle(a.Body, a.Title))
	d := map[string]any{"Article": a, "HTML": body}
	if err != nil { // shown as text rather than not at all: it may be the one that is needed
		d["HTML"], d["Source"] = template.HTML(""), a.Body
	}
	p.Data = d
	s.render(w, http.StatusOK, "standin_runbook", p)
	return nil
}

// standinEntry is GET /standin/vault/{id}: a granted entry, secrets hidden.
func (s *Server) standinEntry(w http.ResponseWriter, r *http.Request) error {
	return s.standinEntryPage(w, r, nil)
}

// standinReveal is POST /standin/vault/{id}/reveal: the vault decrypts and
// records the reveal under the stand-in's name and address.
func (s *Server) standinReveal(w http.ResponseWriter, r *http.Request) error {
	id := identityFrom(r)
	sec, err := s.standin.Reveal(r.Context(), id.user, id.standin, clientIP(r), r.PathValue("id"))
	if err != nil {
		return err
	}
	noStore(w)
	return s.standinEntryPage(w, r, sec)
}

func (s *Server) standinEntryPage(w http.ResponseWriter, r *http.Request, sec *vault.Secret) error {
	p, g := s.standinPage(r, "standin.home.title")
	e, err := s.standin.Entry(r.Context(), p.User, g, r.PathValue("id"))
	if err != nil {
		return err
	}
	p.Title = e.System
	p.Data = map[string]any{"Entry": e, "Secret": sec}
	s.render(w, http.StatusOK, "standin_entry", p)
	return nil
}
