package web

import (
	"net/http"

	"hitori"
)

func (s *Server) loginForm(w http.ResponseWriter, r *http.Request) error {
	if n, err := s.stores.Users.CountUsers(r.Context()); err != nil {
		return err
	} else if n == 0 {
		http.Redirect(w, r, "/setup", http.StatusSeeOther)
		return nil
	}
	if identityFrom(r).user != nil {
		http.Redirect(w, r, "/", http.StatusSeeOther)
		return nil
	}
	p := s.newPage(r, "login")
	p.Title = p.T("login.title")
	p.Form = r.URL.Query()
	p.Data = loginLinkData{LinkEnabled: s.loginLinks() != nil}
	s.render(w, http.StatusOK, "login", p)
	return nil
}

// loginCreate checks the password and starts a new session. A new token is
// issued on every sign-in and any earlier session cookie is ended, so a token
// planted before sign-in (session fixation) is worthless after it.
func (s *Server) loginCreate(w http.ResponseWriter, r *http.Request) error {
	p := s.newPage(r, "login")
	p.Title = p.T("login.title")
	p.Form = r.PostForm
	p.Data = loginLinkData{LinkEnabled: s.loginLinks() != nil}
	ip := clientIP(r)
	if !s.throttle.allow(ip) {
		return s.formError(w, "login", p, hitori.KeyError(hitori.ETOOMANY, "error.throttled"))
	}
	u, err := s.stores.Auth.Authenticate(r.Context(), r.PostFormValue("email"), r.PostFormValue("password"), ip)
	if err != nil {
		s.throttle.fail(ip)
		return s.formError(w, "login", p, err)
	}
	if old := identityFrom(r).sessionToken; old != "" {
		_ = s.stores.Auth.DeleteSession(r.Context(), old)
	}
	token, _, err := s.stores.Auth.CreateSession(r.Context(), u.ID, u.TOTPEnabled, ip, r.UserAgent())
	if err != nil {
		return err
	}
	s.setSessionCookie(w, token)
	next := safeNext(r.PostFormValue("next"))
	if u.TOTPEnabled {
		http.Redirect(w, r, "/login/2fa?next="+urlEscape(next), http.StatusSeeOther)
		return nil
	}
	s.audit(r, u, hitori.AuditLogin, u.Email, hitori.DetailPassword)
	http.Redirect(w, r, next, http.StatusSeeOther)
	return nil
}

func (s *Server) secondFactorForm(w http.ResponseWriter, r *http.Request) error {
	p := s.newPage(r, "login")
	p.Title = p.T("login.2fa_title")
	p.Form = r.URL.Query()
	s.render(w, http.StatusOK, "login_2fa", p)
	return nil
}

func (s *Server) secondFactorCheck(w http.ResponseWriter, r *http.Request) error {
	id := identityFrom(r)
	p := s.newPage(r, "login")
	p.Title = p.T("login.2fa_title")
	p.Form = r.PostForm
	ip := clientIP(r)
	if !s.throttle.allow(ip) {
		return s.formError(w, "login_2fa", p, hitori.KeyError(hitori.ETOOMANY, "error.throttled"))
	}
	if err := s.stores.Auth.CheckSecondFactor(r.Context(), id.session.UserID, r.PostFormValue("code"), ip); err != nil {
		s.throttle.fail(ip)
		u, _ := s.stores.Users.FindUserByID(r.Context(), id.session.UserID)
		s.audit(r, u, hitori.AuditLoginFailed, emailOf(u), hitori.DetailBadSecondFactor)
		return s.formError(w, "login_2fa", p, err)
	}
	token, _, err := s.stores.Auth.PromoteSession(r.Context(), id.sessionToken)
	if err != nil {
		return err
	}
	s.setSessionCookie(w, token)
	u, _ := s.stores.Users.FindUserByID(r.Context(), id.session.UserID)
	s.audit(r, u, hitori.AuditLogin, emailOf(u), hitori.DetailPasswordTOTP)
	http.Redirect(w, r, safeNext(r.PostFormValue("next")), http.StatusSeeOther)
	return nil
}

func (s *Server) logout(w http.ResponseWriter, r *http.Request) error {
	id := identityFrom(r)
	if err := s.stores.Auth.DeleteSession(r.Context(), id.sessionToken); err != nil {
		return err
	}
	s.clearCookie(w, sessionCookie)
	s.audit(r, id.user, hitori.AuditLogout, id.user.Email, "")
	http.Redirect(w, r, "/login", http.StatusSeeOther)
	return nil
}

// langSet switches the language: stored on the user when signed in, in a cookie otherwise.
func (s *Server) langSet(w http.ResponseWriter, r *http.Request) error {
	lang := r.PostFormValue("lang")
	if s.locales[lang] == nil {
		return hitori.FieldError("lang", "error.invalid")
	}
	http.SetCookie(w, &http.Cookie{Name: langCookie, Value: lang, Path: "/", MaxAge: 365 * 24 * 3600,
		HttpOnly: true, Secure: s.cfg.secureCookies(), SameSite: http.SameSiteLaxMode})
	if u := identityFrom(r).user; u != nil {
		if _, err := s.stores.Users.UpdateUser(r.Context(), u.ID, hitori.UserUpdate{Lang: &lang}); err != nil {
			return err
		}
	}
	http.Redirect(w, r, safeNext(r.PostFormValue("next")), http.StatusSeeOther)
	return nil
}

func emailOf(u *hitori.User) string {
	if u == nil {
		return ""
	}
	return u.Email
}
