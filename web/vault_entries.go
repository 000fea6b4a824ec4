package web

import (
	"mime"
	"net/http"
	"strconv"
	"strings"

	"hitori"
	"hitori/vault"
)

// vaultRow is one line of the list: never a secret.
type vaultRow struct {
	Entry   *hitori.VaultEntry
	Overdue bool
	Shared  bool
}

// vaultList is GET /vault: the entries the user may see, and the vault's state.
func (s *Server) vaultList(w http.ResponseWriter, r *http.Request) error {
	p := s.vaultPage(r, "vault.title")
	st, err := s.vault.Status(r.Context())
	if err != nil {
		return err
	}
	list, err := s.vault.List(r.Context(), vaultActor(r))
	if err != nil {
		return err
	}
	q := strings.ToLower(strings.TrimSpace(r.URL.Query().Get("q")))
	now := s.now()
	var rows []vaultRow
	overdue := 0
	for _, e := range list {
		if q != "" && !strings.Contains(strings.ToLower(e.System+" "+e.URL+" "+e.Username), q) {
			continue
		}
		row := vaultRow{Entry: e, Overdue: vault.IsOverdue(e, now), Shared: len(e.Grants) > 0}
		if row.Overdue {
			overdue++
		}
		rows = append(rows, row)
	}
	p.Data = map[string]any{"Rows": rows, "Status": st, "Overdue": overdue, "Q": q,
		"IsAdmin": p.User.Role == hitori.RoleAdmin}
	s.render(w, http.StatusOK, "vault_list", p)
	return nil
}

// vaultEntryData is what the entry page shows.
type vaultEntryData struct {
	Entry   *hitori.VaultEntry
	Secret  *vault.Secret // only right after an audited reveal
	Overdue bool
	IsAdmin bool
	Grants  []string
}

func (s *Server) vaultEntryPage(r *http.Request, id string) (*page, *vaultEntryData, error) {
	e, err := s.vault.Entry(r.Context(), vaultActor(r), id)
	if err != nil {
		return nil, nil, err
	}
	p := s.vaultPage(r, "vault.entry.title")
	p.Title = e.System
	d := &vaultEntryData{Entry: e, Overdue: vault.IsOverdue(e, s.now()), IsAdmin: p.User.Role == hitori.RoleAdmin}
	for _, g := range e.Grants {
		d.Grants = append(d.Grants, s.grantLabel(r, p, g))
	}
	p.Data = d
	return p, d, nil
}

// grantLabel names a grant: the user's e-mail or the role's name.
func (s *Server) grantLabel(r *http.Request, p *page, g hitori.VaultGrant) string {
	if g.UserID == 0 {
		return p.T("vault.share.role", p.T("role."+string(g.Role)))
	}
	if u, err := s.stores.Users.FindUserByID(r.Context(), g.UserID); err == nil {
		return u.Email
	}
	return "#" + strconv.FormatInt(g.UserID, 10)
}

// vaultView is GET /vault/{id}: the entry without its secrets.
func (s *Server) vaultView(w http.ResponseWriter, r *http.Request) error {
	p, _, err := s.vaultEntryPage(r, r.PathValue("id"))
	if err != nil {
		return err
	}
	if r.URL.Query().Get("saved") != "" {
		p.Flash = p.T("vault.flash.saved")
	}
	s.render(w, http.StatusOK, "vault_entry", p)
	return nil
}

// vaultReveal is POST /vault/{id}/reveal: the server decrypts and records
// the reveal (action=reveal) or copy (action=copy). vault.js asks for
// JSON to put the password on the clipboard without showing it; without
// script the page shows it.
func (s *Server) vaultReveal(w http.ResponseWriter, r *http.Request) error {
	action := hitori.VaultAuditReveal
	if r.PostFormValue("action") == "copy" {
		action = hitori.VaultAuditCopy
	}
	sec, err := s.vault.Reveal(r.Context(), vaultActor(r), r.PathValue("id"), action)
	if err != nil {
		return err
	}
	noStore(w)
	if strings.Contains(r.Header.Get("Accept"), "application/json") {
		writeJSON(w, http.StatusOK, sec)
		return nil
	}
	p, d, err := s.vaultEntryPage(r, r.PathValue("id"))
	if err != nil {
		return err
	}
	d.Secret = sec
	s.render(w, http.StatusOK, "vault_entry", p)
	return nil
}

// vaultFileOpen is POST /vault/{id}/files/{fid}: an audited download.
func (s *Server) vaultFileOpen(w http.ResponseWriter, r *http.Request) error {
	fid, err := strconv.ParseInt(r.PathValue("fid"), 10, 64)
	if err != nil {
		return hitori.KeyError(hitori.ENOTFOUND, "error.not_found")
	}
	name, data, err := s.vault.OpenFile(r.Context(), vaultActor(r), r.PathValue("id"), fid)
	if err != nil {
		return err
	}
	noStore(w)
	w.Header().Set("Content-Type", "application/octet-stream")
	w.Header().Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": name}))
	w.Header().Set("X-Content-Type-Options", "nosniff")
	_, _ = w.Write(data)
	return nil
}
