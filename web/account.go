package web

import (
	"net/http"
	"net/url"

	"hitori"
)

func urlEscape(s string) string { return url.QueryEscape(s) }

func (s *Server) home(w http.ResponseWriter, r *http.Request) error {
	// A colleague's home is the portal: their own inquiries.
	if u := identityFrom(r).user; u != nil && u.Role == hitori.RoleRequester {
		http.Redirect(w, r, "/portal", http.StatusSeeOther)
		return nil
	}
	// Management's home is the dashboard: it is all a viewer may see.
	if u := identityFrom(r).user; u != nil && u.Role == hitori.RoleViewer {
		http.Redirect(w, r, "/dashboard", http.StatusSeeOther)
		return nil
	}
	p := s.newPage(r, "home")
	p.Title = p.T("nav.home")
	// The administrator learns here that requesters get no mail at all.
	p.Data = map[string]any{"MailOff": p.User.Role == hitori.RoleAdmin && !s.mailConfigured(), "Expiring": s.homeExpiring(r),
		"FailingChannels": s.homeFailingChannels(r), "Readiness": s.homeReadiness(r)}
	s.render(w, http.StatusOK, "home", p)
	return nil
}

func (s *Server) accountPage(r *http.Request) (*page, error) {
	p := s.newPage(r, "account")
	p.Title = p.T("account.title")
	left, err := s.stores.Auth.RecoveryCodesLeft(r.Context(), p.User.ID)
	if err != nil {
		return nil, err
	}
	p.Data = map[string]any{"RecoveryLeft": left}
	return p, nil
}

func (s *Server) account(w http.ResponseWriter, r *http.Request) error {
	p, err := s.accountPage(r)
	if err != nil {
		return err
	}
	p.Flash = p.T(r.URL.Query().Get("flash"))
	if r.URL.Query().Get("flash") == "" {
		p.Flash = ""
	}
	s.render(w, http.StatusOK, "account", p)
	return nil
}

// accountPassword changes the signed-in user's password after re-checking the current one.
// All their sessions end; this one is replaced by a fresh session.
func (s *Server) accountPassword(w http.ResponseWriter, r *http.Request) error {
	id := identityFrom(r)
	p, err := s.accountPage(r)
	if err != nil {
		return err
	}
	if _, err := s.stores.Auth.Authenticate(r.Context(), id.user.Email, r.PostFormValue("current"), clientIP(r)); err != nil {
		return s.formError(w, "account", p, hitori.FieldError("current", "error.password_wrong"))
	}
	if r.PostFormValue("password") != r.PostFormValue("password2") {
		return s.formError(w, "account", p, hitori.FieldError("password2", "error.password_mismatch"))
	}
	if err := s.stores.Users.SetPassword(r.Context(), id.user.ID, r.PostFormValue("password")); err != nil {
		return s.formError(w, "account", p, err)
	}
	s.audit(r, id.user, hitori.AuditPasswordChange, id.user.Email, hitori.DetailSelf)
	token, _, err := s.stores.Auth.CreateSession(r.Context(), id.user.ID, false, clientIP(r), r.UserAgent())
	if err != nil {
		return err
	}
	s.setSessionCookie(w, token)
	http.Redirect(w, r, "/account?flash=flash.password_changed", http.StatusSeeOther)
	return nil
}

// apiMe returns the calling user: the smallest useful check that a token works.
func (s *Server) apiMe(w http.ResponseWriter, r *http.Request) error {
	u := identityFrom(r).user
	writeJSON(w, http.StatusOK, map[string]any{"id": u.ID, "email": u.Email, "name": u.Name, "role": u.Role, "lang": u.Lang})
	return nil
}
