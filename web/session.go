package web

import (
	"net/http"
	"net/url"
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

// safeNext keeps post-login and form redirects on this site: it returns next
// only when it is a path on this origin, and "/" otherwise. Browsers strip
// tabs and newlines from URLs and read a backslash as a slash, so "/\t/x" or
// "/\\x" would leave the site; such bytes are refused rather than cleaned.
func safeNext(next string) string {
	if !strings.HasPrefix(next, "/") || len(next) > 2048 {
		return "/"
	}
	for i := 0; i < len(next); i++ {
		if c := next[i]; c < 0x20 || c == 0x7f || c == '\\' {
			return "/"
		}
	}
	u, err := url.Parse(next)
	if err != nil || u.Scheme != "" || u.Host != "" || u.User != nil || u.Opaque != "" ||
		!strings.HasPrefix(u.Path, "/") || strings.HasPrefix(u.Path, "//") || strings.HasPrefix(next, "//") {
		return "/"
	}
	return next
}
