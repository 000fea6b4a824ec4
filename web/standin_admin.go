package web

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"hitori"
	"hitori/vault"
)

// standinForm is the layout of the datetime-local inputs (JST).
const standinForm = "2006-01-02T15:04"

// standinAdminData is what the administrator's page shows.
type standinAdminData struct {
	Grants  []*hitori.Standin
	Entries []*hitori.VaultEntry
	All     bool
	Link    string // a sign-in link just made: shown this once
	LinkFor *hitori.Standin
	Now     time.Time
}

// standinAdmin is GET /admin/standins: open grants (all with ?all=1) and
// the form for a new one.
func (s *Server) standinAdmin(w http.ResponseWriter, r *http.Request) error {
	p, _, err := s.standinAdminPage(r)
	if err != nil {
		return err
	}
	now := s.now().In(tokyo)
	p.Form = map[string][]string{"from": {now.Format(standinForm)}, "until": {now.Add(7 * 24 * time.Hour).Format(standinForm)}}
	if r.URL.Query().Get("revoked") != "" {
		p.Flash = p.T("standin.flash.revoked")
	}
	s.render(w, http.StatusOK, "admin_standins", p)
	return nil
}

func (s *Server) standinAdminPage(r *http.Request) (*page, *standinAdminData, error) {
	p := s.newPage(r, "standins")
	p.Title = p.T("standin.admin.title")
	d := &standinAdminData{All: r.URL.Query().Get("all") != "", Now: s.now()}
	var err error
	if d.Grants, err = s.stores.Standins.ListStandins(r.Context(), d.All, s.now()); err != nil {
		return nil, nil, err
	}
	// A locked vault lists no entries; the grant can still be made without.
	d.Entries, _ = s.vault.List(r.Context(), vaultActor(r))
	p.Data = d
	return p, d, nil
}

// standinGrant is POST /admin/standins: make the grant and show its
// sign-in link once.
func (s *Server) standinGrant(w http.ResponseWriter, r *http.Request) error {
	p, _, err := s.standinAdminPage(r)
	if err != nil {
		return err
	}
	p.Form = r.PostForm
	g := &hitori.Standin{Name: r.PostFormValue("name"), Email: r.PostFormValue("email"), Note: r.PostFormValue("note"),
		Entries: r.PostForm["entries"]}
	if g.From, err = parseStandinTime(r.PostFormValue("from"), "from"); err == nil {
		g.Until, err = parseStandinTime(r.PostFormValue("until"), "until")
	}
	if err != nil {
		return s.formError(w, "admin_standins", p, err)
	}
	token, err := s.standin.Grant(r.Context(), p.User, clientIP(r), g)
	if err != nil {
		if hitori.ErrorCode(err) == hitori.EFORBIDDEN && err == vault.ErrLocked {
			err = hitori.FieldError("entries", "error.vault_locked")
		}
		return s.formError(w, "admin_standins", p, err)
	}
	return s.standinShowLink(w, r, g.ID, token)
}

// standinNewLink is POST /admin/standins/{id}/link: a fresh link (the old
// one stops working), shown once.
func (s *Server) standinNewLink(w http.ResponseWriter, r *http.Request) error {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		return s.notFound(w, r)
	}
	token, err := s.standin.NewLink(r.Context(), identityFrom(r).user, clientIP(r), id)
	if err != nil {
		return err
	}
	return s.standinShowLink(w, r, id, token)
}

// standinShowLink renders the list with the new link. The page is not
// stored by the browser, and the link is built from the configured base
// URL only (never the request's Host header).
func (s *Server) standinShowLink(w http.ResponseWriter, r *http.Request, id int64, token string) error {
	p, d, err := s.standinAdminPage(r)
	if err != nil {
		return err
	}
	d.Link = strings.TrimRight(s.cfg.BaseURL, "/") + "/standin/link/" + token
	d.LinkFor, err = s.stores.Standins.FindStandin(r.Context(), id)
	if err != nil {
		return err
	}
	noStore(w)
	s.render(w, http.StatusOK, "admin_standins", p)
	return nil
}

// standinRevoke is POST /admin/standins/{id}/revoke: end a grant now.
func (s *Server) standinRevoke(w http.ResponseWriter, r *http.Request) error {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		return s.notFound(w, r)
	}
	if err := s.standin.Revoke(r.Context(), identityFrom(r).user, clientIP(r), id); err != nil {
		return err
	}
	http.Redirect(w, r, "/admin/standins?revoked=1", http.StatusSeeOther)
	return nil
}

// parseStandinTime reads a datetime-local value as Japan time.
func parseStandinTime(v, field string) (time.Time, error) {
	t, err := time.ParseInLocation(standinForm, strings.TrimSpace(v), tokyo)
	if err != nil {
		return time.Time{}, hitori.FieldError(field, "error.standin_time")
	}
	return t.UTC(), nil
}
