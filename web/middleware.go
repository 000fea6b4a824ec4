package web

import (
	"context"
	"crypto/subtle"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"runtime/debug"
	"strings"
	"time"

	"hitori"
	"hitori/auth"
)

// handlerFunc is a handler that returns its error to one place (handleError).
type handlerFunc func(w http.ResponseWriter, r *http.Request) error

// identity is who is calling: a session user, a token user, or nobody.
type identity struct {
	user         *hitori.User
	session      *hitori.Session
	sessionToken string
	bearer       bool
	standin      *hitori.Standin // the open grant of a stand-in's session
	csrf         string
}

type identityKey struct{}

func identityFrom(r *http.Request) *identity {
	id, _ := r.Context().Value(identityKey{}).(*identity)
	if id == nil {
		return &identity{}
	}
	return id
}

const (
	sessionCookie = "hitori_session"
	csrfCookie    = "hitori_csrf"
	langCookie    = "hitori_lang"
)

// identify resolves the bearer token or session cookie into a user.
func (s *Server) identify(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id := &identity{csrf: csrfToken(r)}
		ctx := r.Context()
		if h := r.Header.Get("Authorization"); h != "" {
			tok, ok := strings.CutPrefix(h, "Bearer ")
			u, err := s.stores.Auth.FindUserByToken(ctx, strings.TrimSpace(tok))
			if !ok || err != nil {
				s.handleError(w, r, true, hitori.KeyError(hitori.EUNAUTHORIZED, "error.token_invalid"))
				return
			}
			id.user, id.bearer = u, true
		} else if c, err := r.Cookie(sessionCookie); err == nil && c.Value != "" {
			sess, u, err := s.stores.Auth.FindSession(ctx, c.Value)
			if err == nil {
				id.session, id.sessionToken = sess, c.Value
				if !sess.Pending2FA {
					id.user = u
				}
			} else if hitori.ErrorCode(err) == hitori.EUNAUTHORIZED {
				s.clearCookie(w, sessionCookie)
			} else {
				s.handleError(w, r, false, err)
				return
			}
		}
		if id.user != nil && id.user.Role == hitori.RoleStandin && !s.standinIdentify(w, r, id) {
			return
		}
		if id.user != nil {
			ctx = hitori.NewContextWithUser(ctx, id.user)
		}
		next.ServeHTTP(w, r.WithContext(context.WithValue(ctx, identityKey{}, id)))
	})
}

// csrfToken returns the browser's CSRF cookie value, or "".
func csrfToken(r *http.Request) string {
	if c, err := r.Cookie(csrfCookie); err == nil && len(c.Value) >= 32 {
		return c.Value
	}
	return ""
}

// csrf rejects cross-site state changes twice over: the browser's
// Sec-Fetch-Site/Origin headers (http.CrossOriginProtection), and a
// double-submit token that every form carries. Bearer-token calls carry no
// cookies a forger could ride on, so they are exempt.
func (s *Server) csrf(next http.Handler) http.Handler {
	cop := http.NewCrossOriginProtection()
	cop.SetDenyHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.handleError(w, r, strings.HasPrefix(r.URL.Path, "/api/"), hitori.KeyError(hitori.EFORBIDDEN, "error.csrf"))
	}))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if csrfToken(r) == "" {
			tok := auth.RandomToken("", 24)
			http.SetCookie(w, &http.Cookie{Name: csrfCookie, Value: tok, Path: "/", HttpOnly: true,
				Secure: s.cfg.secureCookies(), SameSite: http.SameSiteStrictMode})
			r.AddCookie(&http.Cookie{Name: csrfCookie, Value: tok})
		}
		switch r.Method {
		case http.MethodGet, http.MethodHead, http.MethodOptions:
			next.ServeHTTP(w, r)
			return
		}
		if strings.HasPrefix(r.Header.Get("Authorization"), "Bearer ") {
			next.ServeHTTP(w, r)
			return
		}
		// limitBodies has already capped and parsed the form.
		sent := r.Header.Get("X-CSRF-Token")
		if sent == "" {
			sent = r.PostFormValue("csrf")
		}
		if subtle.ConstantTimeCompare([]byte(sent), []byte(csrfToken(r))) != 1 {
			s.handleError(w, r, strings.HasPrefix(r.URL.Path, "/api/"), hitori.KeyError(hitori.EFORBIDDEN, "error.csrf"))
			return
		}
		cop.Handler(next).ServeHTTP(w, r)
	})
}

// securityHeaders sets headers that make the pages harder to abuse.
func (s *Server) securityHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'")
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "same-origin")
		h.Set("X-Frame-Options", "DENY")
		if s.cfg.secureCookies() {
			h.Set("Strict-Transport-Security", "max-age=31536000")
		}
		next.ServeHTTP(w, r)
	})
}

// statusWriter remembers the status for logs and metrics.
type statusWriter struct {
	http.ResponseWriter
	status int
}

func (w *statusWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	return w.ResponseWriter.Write(b)
}

type requestIDKey struct{}

// logRequests assigns a request id, recovers panics, and logs one line per request.
func (s *Server) logRequests(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		rid := auth.RandomToken("", 6)
		sw := &statusWriter{ResponseWriter: w}
		r = r.WithContext(context.WithValue(r.Context(), requestIDKey{}, rid))
		defer func() {
			if p := recover(); p != nil {
				s.log.Error("panic", "request_id", rid, "panic", p, "stack", string(debug.Stack()))
				if sw.status == 0 {
					s.renderError(sw, r, false, http.StatusInternalServerError, "error.internal")
				}
			}
			level := slog.LevelInfo
			if r.URL.Path == "/healthz" || r.URL.Path == "/metrics" || strings.HasPrefix(r.URL.Path, "/static/") {
				level = slog.LevelDebug
			}
			s.log.Log(r.Context(), level, "request", "request_id", rid, "method", r.Method, "path", loggedPath(r.URL.Path),
				"status", sw.status, "duration_ms", float64(time.Since(start).Microseconds())/1000, "ip", clientIP(r))
		}()
		next.ServeHTTP(sw, r)
	})
}

// secretPaths are path prefixes whose next segment is a credential: an
// e-mail sign-in link's token, a heartbeat monitor's token. The access log
// keeps the prefix and hides the rest, so reading logs grants nothing.
var secretPaths = []string{"/login/link/", "/hb/"}

// loggedPath is the request path as the access log shows it.
func loggedPath(path string) string {
	for _, p := range secretPaths {
		if rest, ok := strings.CutPrefix(path, p); ok && rest != "" {
			return p + "…"
		}
	}
	return path
}

func requestID(r *http.Request) string { s, _ := r.Context().Value(requestIDKey{}).(string); return s }

// clientIP is the peer address; hitori does not trust X-Forwarded-For by default.
func clientIP(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

// wrap turns a route into an http.Handler: access control, metrics, errors.
func (s *Server) wrap(rt route) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		sw, ok := w.(*statusWriter)
		if !ok {
			sw = &statusWriter{ResponseWriter: w}
		}
		defer func() { s.metrics.observe(rt.pattern, sw.status, time.Since(start)) }()
		id := identityFrom(r)
		if id.bearer && !rt.api {
			s.handleError(sw, r, true, hitori.KeyError(hitori.EFORBIDDEN, "error.forbidden"))
			return
		}
		if err := s.authorize(rt.access, id); err != nil {
			if hitori.ErrorCode(err) == hitori.EUNAUTHORIZED && !rt.api && r.Method == http.MethodGet {
				target := "/login?next=" + url.QueryEscape(r.URL.RequestURI())
				if id.session != nil && id.session.Pending2FA {
					target = "/login/2fa"
				}
				http.Redirect(sw, r, target, http.StatusSeeOther)
				return
			}
			s.handleError(sw, r, rt.api, err)
			return
		}
		if s.checkQuery(sw, r, rt.api) {
			return
		}
		if err := rt.h(sw, r); err != nil {
			s.handleError(sw, r, rt.api, err)
		}
	})
}

// authorize decides whether id may use a route of the given access.
func (s *Server) authorize(a access, id *identity) error {
	if a == public {
		return nil
	}
	if a == pending2FA {
		if id.session != nil && id.session.Pending2FA {
			return nil
		}
		return hitori.KeyError(hitori.EUNAUTHORIZED, "error.signin_required")
	}
	if id.user == nil {
		return hitori.KeyError(hitori.EUNAUTHORIZED, "error.signin_required")
	}
	allowed := mayUse(a, id.user)
	if !allowed {
		return hitori.KeyError(hitori.EFORBIDDEN, "error.forbidden")
	}
	return nil
}
