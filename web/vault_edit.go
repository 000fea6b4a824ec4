package web

import (
	"io"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"time"

	"hitori"
	"hitori/vault"
)

// vaultFormData is what the create and edit forms need besides the typed values.
type vaultFormData struct {
	Entry     *hitori.VaultEntry // nil when creating
	Generated string             // a fresh suggestion from the generator
	Users     []*hitori.User
	Roles     []hitori.Role
	Shared    map[string]bool // "u:ID" and "r:ROLE" already granted
}

func (s *Server) vaultForm(r *http.Request, p *page, e *hitori.VaultEntry) error {
	users, _, err := s.stores.Users.FindUsers(r.Context(), hitori.UserFilter{Limit: 500})
	if err != nil {
		return err
	}
	d := &vaultFormData{Entry: e, Users: users, Shared: map[string]bool{},
		Generated: vault.Generate(vault.GenerateOptions{Length: 20, Symbols: r.URL.Query().Get("symbols") != ""})}
	for _, role := range hitori.Roles {
		if role != hitori.RoleAdmin {
			d.Roles = append(d.Roles, role)
		}
	}
	if e != nil {
		for _, g := range e.Grants {
			if g.UserID != 0 {
				d.Shared["u:"+strconv.FormatInt(g.UserID, 10)] = true
			} else {
				d.Shared["r:"+string(g.Role)] = true
			}
		}
	}
	p.Data = d
	return nil
}

// vaultInput reads the form. On edit, an empty secret keeps the stored one.
func vaultInput(form url.Values, editing bool) (vault.EntryInput, error) {
	in := vault.EntryInput{System: form.Get("system"), URL: form.Get("url"), Username: form.Get("username")}
	secret := func(name string) *string {
		v := form.Get(name)
		if editing && v == "" && form.Get("clear_"+name) == "" {
			return nil
		}
		return &v
	}
	in.Password, in.TOTP, in.Notes = secret("password"), secret("totp"), secret("notes")
	if v := form.Get("rotate_by"); v != "" {
		t, err := time.ParseInLocation("2006-01-02", v, time.UTC)
		if err != nil {
			return in, hitori.FieldError("rotate_by", "error.vault_date")
		}
		in.RotateBy = &t
	}
	for _, v := range form["share_user"] {
		id, err := strconv.ParseInt(v, 10, 64)
		if err != nil || id <= 0 {
			return in, hitori.FieldError("grants", "error.vault_grant")
		}
		in.Grants = append(in.Grants, hitori.VaultGrant{UserID: id})
	}
	for _, v := range form["share_role"] {
		if !slices.Contains(hitori.Roles, hitori.Role(v)) {
			return in, hitori.FieldError("grants", "error.vault_grant")
		}
		in.Grants = append(in.Grants, hitori.VaultGrant{Role: hitori.Role(v)})
	}
	return in, nil
}

// vaultNew is GET /vault/new.
func (s *Server) vaultNew(w http.ResponseWriter, r *http.Request) error {
	p := s.vaultPage(r, "vault.new.title")
	if err := s.vaultForm(r, p, nil); err != nil {
		return err
	}
	p.Form = url.Values{"password": {p.Data.(*vaultFormData).Generated}}
	s.render(w, http.StatusOK, "vault_form", p)
	return nil
}

// vaultCreate is POST /vault.
func (s *Server) vaultCreate(w http.ResponseWriter, r *http.Request) error {
	p := s.vaultPage(r, "vault.new.title")
	if err := s.vaultForm(r, p, nil); err != nil {
		return err
	}
	p.Form = r.PostForm
	in, err := vaultInput(r.PostForm, false)
	if err != nil {
		return s.formError(w, "vault_form", p, err)
	}
	id, err := s.vault.Create(r.Context(), vaultActor(r), in)
	if err != nil {
		return s.formError(w, "vault_form", p, err)
	}
	http.Redirect(w, r, "/vault/"+id+"?saved=1", http.StatusSeeOther)
	return nil
}

// vaultEdit is GET /vault/{id}/edit: plain fields filled in, secrets blank
// (filling them would be an unrecorded reveal).
func (s *Server) vaultEdit(w http.ResponseWriter, r *http.Request) error {
	e, err := s.vault.Entry(r.Context(), vaultActor(r), r.PathValue("id"))
	if err != nil {
		return err
	}
	p := s.vaultPage(r, "vault.edit.title")
	if err := s.vaultForm(r, p, e); err != nil {
		return err
	}
	p.Form = url.Values{"system": {e.System}, "url": {e.URL}, "username": {e.Username}}
	if e.RotateBy != nil {
		p.Form.Set("rotate_by", e.RotateBy.Format("2006-01-02"))
	}
	s.render(w, http.StatusOK, "vault_form", p)
	return nil
}

// vaultUpdate is POST /vault/{id}.
func (s *Server) vaultUpdate(w http.ResponseWriter, r *http.Request) error {
	e, err := s.vault.Entry(r.Context(), vaultActor(r), r.PathValue("id"))
	if err != nil {
		return err
	}
	p := s.vaultPage(r, "vault.edit.title")
	if err := s.vaultForm(r, p, e); err != nil {
		return err
	}
	p.Form = r.PostForm
	in, err := vaultInput(r.PostForm, true)
	if err == nil {
		err = s.vault.Update(r.Context(), vaultActor(r), e.ID, in)
	}
	if err != nil {
		return s.formError(w, "vault_form", p, err)
	}
	http.Redirect(w, r, "/vault/"+e.ID+"?saved=1", http.StatusSeeOther)
	return nil
}

// vaultDeleteForm is GET /vault/{id}/delete: the confirmation step.
func (s *Server) vaultDeleteForm(w http.ResponseWriter, r *http.Request) error {
	p, _, err := s.vaultEntryPage(r, r.PathValue("id"))
	if err != nil {
		return err
	}
	s.render(w, http.StatusOK, "vault_delete", p)
	return nil
}

// vaultDelete is POST /vault/{id}/delete; without the confirmation box it
// shows the confirmation step again and deletes nothing.
func (s *Server) vaultDelete(w http.ResponseWriter, r *http.Request) error {
	if r.PostFormValue("confirm") != "yes" {
		p, _, err := s.vaultEntryPage(r, r.PathValue("id"))
		if err != nil {
			return err
		}
		p.Errors["confirm"] = p.T("vault.delete.confirm_required")
		s.render(w, http.StatusUnprocessableEntity, "vault_delete", p)
		return nil
	}
	if err := s.vault.Delete(r.Context(), vaultActor(r), r.PathValue("id")); err != nil {
		return err
	}
	http.Redirect(w, r, "/vault?deleted=1", http.StatusSeeOther)
	return nil
}

// vaultFileAdd is POST /vault/{id}/files: a small file, encrypted in the database.
func (s *Server) vaultFileAdd(w http.ResponseWriter, r *http.Request) error {
	if r.MultipartForm == nil || len(r.MultipartForm.File["file"]) == 0 {
		return hitori.FieldError("file", "error.vault_file_size")
	}
	fh := r.MultipartForm.File["file"][0]
	f, err := fh.Open()
	if err != nil {
		return err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, vault.MaxFile+1))
	if err != nil {
		return err
	}
	if err := s.vault.AddFile(r.Context(), vaultActor(r), r.PathValue("id"), fh.Filename, data); err != nil {
		return err
	}
	http.Redirect(w, r, "/vault/"+r.PathValue("id")+"?saved=1", http.StatusSeeOther)
	return nil
}

// vaultFileDelete is POST /vault/{id}/files/{fid}/delete.
func (s *Server) vaultFileDelete(w http.ResponseWriter, r *http.Request) error {
	fid, err := strconv.ParseInt(r.PathValue("fid"), 10, 64)
	if err != nil {
		return hitori.KeyError(hitori.ENOTFOUND, "error.not_found")
	}
	if err := s.vault.RemoveFile(r.Context(), vaultActor(r), r.PathValue("id"), fid); err != nil {
		return err
	}
	http.Redirect(w, r, "/vault/"+r.PathValue("id")+"?saved=1", http.StatusSeeOther)
	return nil
}
