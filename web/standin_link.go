package web

import (
	"net/http"

	"hitori"
	"hitori/standin"
)

// standinIdentify admits a stand-in's session only while its grant is
// open. Once the grant is revoked or past its end, the session is deleted
// and the browser gets a plain page saying the access has ended, whatever
// it asked for; false means that page was written.
func (s *Server) standinIdentify(w http.ResponseWriter, r *http.Request, id *identity) bool {
	g, err := s.standin.Current(r.Context(), id.user)
	if err == nil {
		id.standin = g
		return true
	}
	if hitori.ErrorCode(err) != hitori.EUNAUTHORIZED {
		s.handleError(w, r, false, err)
		return false
	}
	_ = s.stores.Auth.DeleteSession(r.Context(), id.sessionToken)
	s.clearCookie(w, sessionCookie)
	id.user, id.session, id.sessionToken = nil, nil, ""
	s.standinEnded(w, r, g)
	return false
}

// standinEnded writes the page of an access that is over (or not begun).
func (s *Server) standinEnded(w http.ResponseWriter, r *http.Request, g *hitori.Standin) {
	p := s.newPage(r, "")
	p.User = nil
	p.Title = p.T("standin.ended.title")
	p.Data = map[string]any{"Grant": g, "NotYet": g != nil && g.RevokedAt == nil && s.now().Before(g.From)}
	s.render(w, http.StatusForbidden, "standin_ended", p)
}

// standinLinkConfirm is GET /standin/link/{token}: a button, so a mail
// scanner fetching the link does not spend it.
func (s *Server) standinLinkConfirm(w http.ResponseWriter, r *http.Request) error {
	p := s.newPage(r, "login")
	p.Title = p.T("standin.link.title")
	p.Data = r.PathValue("token")
	s.render(w, http.StatusOK, "standin_link", p)
	return nil
}

// standinLinkUse is POST /standin/link/{token}: spend the token inside the
// grant's window and start the stand-in's session.
func (s *Server) standinLinkUse(w http.ResponseWriter, r *http.Request) error {
	p := s.newPage(r, "login")
	p.Title = p.T("standin.link.title")
	p.Data = r.PathValue("token")
	ip := clientIP(r)
	if !s.throttle.allow(ip) {
		return s.formError(w, "standin_link", p, hitori.KeyError(hitori.ETOOMANY, "error.throttled"))
	}
	g, err := s.standin.SignIn(r.Context(), r.PathValue("token"))
	if err == standin.ErrEnded || hitori.ErrorMessage(err) == "error.standin_ended" {
		s.standinEnded(w, r, g)
		return nil
	}
	if err != nil {
		s.throttle.fail(ip)
		return s.formError(w, "standin_link", p, err)
	}
	if old := identityFrom(r).sessionToken; old != "" {
		_ = s.stores.Auth.DeleteSession(r.Context(), old)
	}
	token, _, err := s.stores.Auth.CreateSession(r.Context(), g.UserID, false, ip, r.UserAgent())
	if err != nil {
		return err
	}
	s.setSessionCookie(w, token)
	u := &hitori.User{ID: g.UserID, Email: g.Email, Name: g.Name, Role: hitori.RoleStandin}
	s.audit(r, u, hitori.AuditLogin, u.Email, hitori.DetailStandinLink)
	http.Redirect(w, r, "/standin", http.StatusSeeOther)
	return nil
}

// standinLogout is POST /standin/logout (the stand-in may not use /logout,
// which is a route of the department's accounts).
func (s *Server) standinLogout(w http.ResponseWriter, r *http.Request) error { return s.logout(w, r) }
