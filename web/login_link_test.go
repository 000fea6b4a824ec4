package web

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"hitori"
	"hitori/intake"
	"hitori/mail"
)

// chanSender hands each message to the test.
type chanSender chan *mail.OutgoingMessage

func (c chanSender) Send(_ context.Context, m *mail.OutgoingMessage) error { c <- m; return nil }

func (c chanSender) next(t *testing.T) *mail.OutgoingMessage {
	t.Helper()
	select {
	case m := <-c:
		return m
	case <-time.After(5 * time.Second):
		t.Fatal("no mail was sent")
		return nil
	}
}

func (c chanSender) none(t *testing.T) {
	t.Helper()
	select {
	case m := <-c:
		t.Fatalf("unexpected mail to %v", m.To)
	case <-time.After(200 * time.Millisecond):
	}
}

var linkRE = regexp.MustCompile(`https://hd\.example\.jp(/login/link/[a-z0-9]+)`)

func TestLoginLinkOffWithoutMail(t *testing.T) {
	e := newSQLiteEnv(t)
	e.mustUser("sato@example.com", hitori.RoleRequester)
	c := e.client()
	if _, _, body := c.get("/login"); strings.Contains(body, "/login/link") {
		t.Error("the login page offers an e-mail link without mail")
	}
	if status, _, _ := c.get("/login/link"); status != http.StatusNotFound {
		t.Errorf("GET /login/link without mail: %d, want 404", status)
	}
	if status, _, _ := c.post("/login/link", url.Values{"email": {"sato@example.com"}}); status != http.StatusNotFound {
		t.Errorf("POST /login/link without mail: %d, want 404", status)
	}
}

func TestLoginLink(t *testing.T) {
	e := newSQLiteEnv(t)
	sent := make(chanSender, 10)
	e.srv.cfg.BaseURL = "https://hd.example.jp/"
	e.srv.cfg.Mailer = &intake.Mailer{Sender: sent, From: mail.Address{Name: "IT", Email: "help@example.jp"}}
	e.mustUser("admin@example.com", hitori.RoleAdmin)
	sato := e.mustUser("sato@example.com", hitori.RoleRequester)

	c := e.client()
	if _, _, body := c.get("/login"); !strings.Contains(body, `href="/login/link"`) {
		t.Fatal("the login page does not offer the e-mail link")
	}
	if status, _, body := c.get("/login/link"); status != http.StatusOK || !strings.Contains(body, "login-link-form") {
		t.Fatalf("GET /login/link: %d", status)
	}
	ask := func(email string) string {
		t.Helper()
		status, _, body := c.post("/login/link", url.Values{"email": {email}})
		if status != http.StatusOK || !strings.Contains(body, `data-testid="login-link-sent"`) {
			t.Fatalf("ask for %s: %d\n%.400s", email, status, body)
		}
		e.runJobs(jobLoginLink, e.srv.loginLinkJob) // the mail goes out through the job queue
		return body
	}

	// Unknown addresses and administrators get the same page and no mail.
	ask("nobody@example.com")
	ask("admin@example.com")
	sent.none(t)

	ask(sato.Email)
	m := sent.next(t)
	if len(m.To) != 1 || m.To[0].Email != sato.Email || m.From.Email != "help@example.jp" || m.Subject == "" {
		t.Fatalf("mail To %v From %v Subject %q", m.To, m.From, m.Subject)
	}
	found := linkRE.FindStringSubmatch(m.Text)
	if found == nil {
		t.Fatalf("no link in the mail:\n%s", m.Text)
	}
	link := found[1]

	// Fetching the link (as a mail scanner would) signs nobody in and spends nothing.
	if status, _, body := c.get(link); status != http.StatusOK || !strings.Contains(body, `action="`+link+`"`) {
		t.Fatalf("GET link: %d", status)
	}
	if status, loc, _ := c.get("/portal"); status != http.StatusSeeOther || !strings.HasPrefix(loc, "/login") {
		t.Fatalf("signed in by a GET: %d %s", status, loc)
	}
	status, loc, _ := c.post(link, nil)
	if status != http.StatusSeeOther || loc != "/portal" {
		t.Fatalf("POST link: %d %q, want 303 to /portal", status, loc)
	}
	if status, _, _ := c.get("/portal"); status != http.StatusOK {
		t.Fatalf("portal after the link: %d", status)
	}
	entries, _, err := e.db.Audit().FindAuditEvents(context.Background(), hitori.AuditFilter{Action: hitori.AuditLogin})
	if err != nil || len(entries) != 1 || entries[0].Detail != hitori.DetailEmailLink || entries[0].Target != sato.Email {
		t.Errorf("audit: %d entries, %v; want one login with detail %q", len(entries), err, hitori.DetailEmailLink)
	}

	// A second use is refused.
	other := e.client()
	if status, _, body := other.post(link, nil); status == http.StatusSeeOther || !strings.Contains(body, "無効") {
		t.Fatalf("reuse: %d", status)
	}

	// An expired link is refused.
	ask(sato.Email)
	expired := linkRE.FindStringSubmatch(sent.next(t).Text)[1]
	e.clock.Add(16 * time.Minute)
	if status, _, _ := other.post(expired, nil); status == http.StatusSeeOther {
		t.Fatal("an expired link signed in")
	}
}
