package web

import (
	"net/http"
	"strings"

	"hitori"
)

func (s *Server) setSessionCookie(w http.ResponseWriter, token string) {
	http.SetCookie(w, &http.Cookie{Name: sessionCookie, Value: token, Path: "/", HttpOnly: true,
		Secure: s.cfg.secureCookies(), SameSite: http.SameSiteLaxMode})
}

func (s *Server) clearCookie(w http.ResponseWriter, name string) {
	http.SetCookie(w, &http.Cookie{Name: name, Value: "", Path: "/", MaxAge: -1, HttpOnly: true,
		Secure: s.cfg.secureCookies(), SameSite: http.SameSiteLaxMode})
}

// audit records an event for the request's user; failures are logged, not shown.
func (s *Server) audit(r *http.Request, actor *hitori.User, action, target, detail string) {
	e := &hitori.AuditEvent{Action: action, Target: target, Detail: detail, IP: clientIP(r)}
	if actor != nil {
		e.ActorID, e.ActorEmail = &actor.ID, actor.Email
	}
	if err := s.stores.Audit.RecordAudit(r.Context(), e); err != nil {
		s.log.Error("audit", "request_id", requestID(r), "action", action, "err", err)
	}
}

// safeNext keeps post-login redirects on this site.
func safeNext(next string) string {
	if !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || strings.HasPrefix(next, "/\\") || strings.ContainsAny(next, "\r\n") {
		return "/"
	}
	return next
}
