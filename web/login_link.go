package web

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"time"

	"hitori"
	"hitori/jobs"
	"hitori/mail"
)

// loginLinkData tells login.html whether to offer the e-mail link.
type loginLinkData struct{ LinkEnabled bool }

// loginLinks returns the login-link store when mail can be sent, else
// nil. The link is built from the configured base URL only, never from the
// request's Host header, which an attacker could set to their own site.
func (s *Server) loginLinks() hitori.LoginLinkService {
	if s.cfg.Mailer == nil || s.cfg.Mailer.Sender == nil || s.cfg.BaseURL == "" {
		return nil
	}
	return s.stores.LoginLinks
}

// loginLinkAllowed says who may sign in by e-mail: requesters and
// technicians. Administrators keep password and second factor, because a
// mailbox is a weaker key than the one to everything.
func loginLinkAllowed(u *hitori.User) bool {
	return u != nil && !u.Disabled && (u.Role == hitori.RoleRequester || u.Role == hitori.RoleTechnician)
}

// loginLinkForm is GET /login/link: the address form.
func (s *Server) loginLinkForm(w http.ResponseWriter, r *http.Request) error {
	if s.loginLinks() == nil {
		return s.notFound(w, r)
	}
	p := s.newPage(r, "login")
	p.Title = p.T("login_link.title")
	p.Form = r.URL.Query()
	s.render(w, http.StatusOK, "login_link", p)
	return nil
}

// loginLinkCreate is POST /login/link. Whatever the address, the answer is
// the same page, and the mail goes out after the response, so neither the
// text nor the timing says whether an account exists. Every request counts
// against the IP throttle, so the form cannot be used to flood a mailbox.
func (s *Server) loginLinkCreate(w http.ResponseWriter, r *http.Request) error {
	ll := s.loginLinks()
	if ll == nil {
		return s.notFound(w, r)
	}
	p := s.newPage(r, "login")
	p.Title = p.T("login_link.title")
	p.Form = r.PostForm
	ip := clientIP(r)
	if !s.throttle.allow(ip) {
		return s.formError(w, "login_link", p, hitori.KeyError(hitori.ETOOMANY, "error.throttled"))
	}
	s.throttle.fail(ip)
	email := strings.TrimSpace(r.PostFormValue("email"))
	if email == "" {
		return s.formError(w, "login_link", p, hitori.FieldError("email", "error.required"))
	}
	if u, err := s.stores.Users.FindUserByEmail(r.Context(), email); err == nil && loginLinkAllowed(u) {
		token, err := ll.CreateLoginLink(r.Context(), u.ID, ip)
		switch {
		case err == nil:
			s.sendLoginLink(r.Context(), u, token)
		case hitori.ErrorCode(err) == hitori.ECONFLICT:
			s.log.Info("login link: too many outstanding", "user", u.ID)
		default:
			s.log.Error("login link: create", "user", u.ID, "err", err)
		}
	}
	s.render(w, http.StatusOK, "login_link_sent", p)
	return nil
}

// jobLoginLink is the kind of the job that mails a sign-in link.
const jobLoginLink = "mail.login_link"

// loginLinkPayload is what a login-link job carries. The token is in the
// queue only until the mail is sent (done jobs are purged) and is useless
// after its 15 minutes or its first use.
type loginLinkPayload struct {
	UserID int64  `json:"user_id"`
	Token  string `json:"token"`
}

// sendLoginLink queues the mail, so the page answers at once and a slow or
// failing mail server is retried by the job engine instead of lost.
func (s *Server) sendLoginLink(ctx context.Context, u *hitori.User, token string) {
	p, _ := json.Marshal(loginLinkPayload{UserID: u.ID, Token: token})
	// Past the link's life a retry is pointless: give up with it.
	j := &hitori.Job{Kind: jobLoginLink, Payload: string(p), MaxAttempts: 4}
	if err := s.jobs.Enqueue(ctx, j); err != nil {
		s.log.Error("login link: queue mail", "user", u.ID, "err", err)
	}
}

// loginLinkJob mails a sign-in link in the user's language.
func (s *Server) loginLinkJob(ctx context.Context, j *hitori.Job) error {
	var p loginLinkPayload
	if err := json.Unmarshal([]byte(j.Payload), &p); err != nil || p.Token == "" {
		return jobs.Permanent(fmt.Errorf("web: login link payload: %v", err))
	}
	m := s.cfg.Mailer
	if m == nil || m.Sender == nil {
		return jobs.Permanent(fmt.Errorf("web: no mail server to send the sign-in link"))
	}
	u, err := s.stores.Users.FindUserByID(ctx, p.UserID)
	if err != nil {
		return jobs.Permanent(err)
	}
	base := strings.TrimRight(s.cfg.BaseURL, "/")
	loc := s.locales[u.Lang]
	if loc == nil {
		loc = s.locales["ja"]
	}
	now := s.now()
	msg := &mail.OutgoingMessage{From: m.From, To: []mail.Address{{Name: u.Name, Email: u.Email}},
		Subject: loc.T("login_link.mail_subject"), Date: now, AutoSubmitted: "auto-generated",
		Text: loc.T("login_link.mail_body", base+"/login/link/"+p.Token, int(loginLinkTTL/time.Minute))}
	_, domain, _ := strings.Cut(m.From.Email, "@")
	if m.Domain != "" {
		domain = m.Domain
	}
	if id, err := mail.NewMessageID(domain, now, nil); err == nil {
		msg.MessageID = id
	}
	if err := m.Sender.Send(ctx, msg); err != nil {
		return fmt.Errorf("web: send login link to user %d: %w", u.ID, err)
	}
	s.log.Info("login link: sent", "user", u.ID)
	return nil
}

// loginLinkTTL matches the store's expiry; shown in the mail.
const loginLinkTTL = 15 * time.Minute

// loginLinkConfirm is GET /login/link/{token}: a button, not a sign-in, so
// a mail scanner that fetches links does not spend the token.
func (s *Server) loginLinkConfirm(w http.ResponseWriter, r *http.Request) error {
	if s.loginLinks() == nil {
		return s.notFound(w, r)
	}
	p := s.newPage(r, "login")
	p.Title = p.T("login_link.title")
	p.Data = r.PathValue("token")
	s.render(w, http.StatusOK, "login_link_confirm", p)
	return nil
}

// loginLinkUse is POST /login/link/{token}: spend the token and start a
// new session. A technician with a second factor still owes it.
func (s *Server) loginLinkUse(w http.ResponseWriter, r *http.Request) error {
	ll := s.loginLinks()
	if ll == nil {
		return s.notFound(w, r)
	}
	p := s.newPage(r, "login")
	p.Title = p.T("login_link.title")
	ip := clientIP(r)
	if !s.throttle.allow(ip) {
		return s.formError(w, "login_link", p, hitori.KeyError(hitori.ETOOMANY, "error.throttled"))
	}
	u, err := ll.ConsumeLoginLink(r.Context(), r.PathValue("token"))
	if err == nil && !loginLinkAllowed(u) {
		err = hitori.KeyError(hitori.EUNAUTHORIZED, "error.login_link_invalid")
	}
	if err != nil {
		s.throttle.fail(ip)
		return s.formError(w, "login_link", p, err)
	}
	if old := identityFrom(r).sessionToken; old != "" {
		_ = s.stores.Auth.DeleteSession(r.Context(), old)
	}
	token, _, err := s.stores.Auth.CreateSession(r.Context(), u.ID, u.TOTPEnabled, ip, r.UserAgent())
	if err != nil {
		return err
	}
	s.setSessionCookie(w, token)
	next := "/portal"
	if u.Role != hitori.RoleRequester {
		next = "/"
	}
	if u.TOTPEnabled {
		http.Redirect(w, r, "/login/2fa?next="+urlEscape(next), http.StatusSeeOther)
		return nil
	}
	s.audit(r, u, hitori.AuditLogin, u.Email, hitori.DetailEmailLink)
	http.Redirect(w, r, next, http.StatusSeeOther)
	return nil
}
