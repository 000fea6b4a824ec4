package web

import (
	"net/http"

	"hitori"
)

// setupForm is the first-run page: it exists only while there is no account,
// so there is never a default password to forget to change.
func (s *Server) setupForm(w http.ResponseWriter, r *http.Request) error {
	if n, err := s.stores.Users.CountUsers(r.Context()); err != nil {
		return err
	} else if n > 0 {
		http.Redirect(w, r, "/login", http.StatusSeeOther)
		return nil
	}
	p := s.newPage(r, "setup")
	p.Title = p.T("setup.title")
	s.render(w, http.StatusOK, "setup", p)
	return nil
}

func (s *Server) setupCreate(w http.ResponseWriter, r *http.Request) error {
	if n, err := s.stores.Users.CountUsers(r.Context()); err != nil {
		return err
	} else if n > 0 {
		return hitori.KeyError(hitori.EFORBIDDEN, "error.setup_done")
	}
	p := s.newPage(r, "setup")
	p.Title = p.T("setup.title")
	p.Form = r.PostForm
	if r.PostFormValue("password") != r.PostFormValue("password2") {
		return s.formError(w, "setup", p, hitori.FieldError("password2", "error.password_mismatch"))
	}
	u := &hitori.User{Email: r.PostFormValue("email"), Name: r.PostFormValue("name"), Role: hitori.RoleAdmin, Lang: s.langFor(r)}
	if err := s.stores.Users.CreateFirstUser(r.Context(), u, r.PostFormValue("password")); err != nil {
		return s.formError(w, "setup", p, err)
	}
	s.audit(r, u, hitori.AuditSetup, u.Email, hitori.DetailFirstAdmin)
	token, _, err := s.stores.Auth.CreateSession(r.Context(), u.ID, false, clientIP(r), r.UserAgent())
	if err != nil {
		return err
	}
	s.setSessionCookie(w, token)
	s.audit(r, u, hitori.AuditLogin, u.Email, hitori.DetailSetup)
	http.Redirect(w, r, "/", http.StatusSeeOther)
	return nil
}
