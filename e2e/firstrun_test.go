package e2e

import (
	"encoding/json"
	"net/url"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"hitori/sqlstore"
	"hitori/sqlstore/storetest"
)

// The first administrator, as a Japanese office would type it.
const (
	adminName     = "山田 花子"
	adminEmail    = "admin@example.com"
	adminPassword = "correct-horse-battery"
)

// byTestID is the CSS selector for a data-testid attribute, optionally
// narrowed by a descendant selector.
func byTestID(id string, within ...string) chromedp.CSS {
	return chromedp.CSS(strings.TrimSpace(`[data-testid="` + id + `"] ` + strings.Join(within, " ")))
}

// TestFirstRunLoginLanguageLogout walks the first minutes of a new install
// in a real browser, once per database: the setup page is the only way in,
// it signs the new administrator in, the language switch sticks to the
// account, and signing out and in again works.
func TestFirstRunLoginLanguageLogout(t *testing.T) {
	for _, dialect := range storetest.Dialects {
		t.Run(dialect, func(t *testing.T) {
			var extra []string
			if dialect == sqlstore.Postgres {
				// DSN skips (or fails under REQUIRE_ALL) without a server,
				// and drops its schema after the server below has stopped.
				extra = []string{"--db", storetest.DSN(t, dialect)}
			}
			srv := startServer(t, t.TempDir(), extra...)
			b := newBrowser(t)
			firstRun(t, b, srv, dialect)
		})
	}
}

func firstRun(t *testing.T, b *browser, srv *server, dialect string) {
	// An empty install sends every page to the setup form, in Japanese first.
	b.do("open / on an empty install",
		chromedp.Navigate(srv.URL+"/"),
		chromedp.WaitVisible(byTestID("setup-form")),
	)
	if got := pagePath(b); got != "/setup" {
		t.Errorf("empty install: / led to %s, want /setup", got)
	}
	wantText(t, b, "h1", "初期設定")

	completeSetup(b)
	if got := pagePath(b); got != "/" {
		t.Errorf("after setup: at %s, want home /", got)
	}
	wantText(t, b, `[data-testid="account-link"]`, adminName)
	wantContains(t, b, "h1", adminName)
	wantText(t, b, `[data-testid="logout"]`, "ログアウト")
	b.screenshot("home")

	// The language button reloads the same page in English and stores the
	// choice on the account (checked after signing in again, below).
	b.do("switch to English",
		chromedp.Click(byTestID("lang-en")),
		chromedp.WaitVisible(byTestID("lang-ja")),
	)
	wantText(t, b, `[data-testid="logout"]`, "Sign out")
	if got := eval[string](b, "read <html lang>", `document.documentElement.lang`); got != "en" {
		t.Errorf("<html lang> = %q after switching, want en", got)
	}

	b.do("sign out",
		chromedp.Click(byTestID("logout")),
		chromedp.WaitVisible(byTestID("login-form")),
	)
	// Signed out, the language comes from the cookie the switch also set.
	wantText(t, b, "h1", "Sign in")

	signIn(b, adminEmail, adminPassword)
	if got := pagePath(b); got != "/" {
		t.Errorf("after sign-in: at %s, want home /", got)
	}
	wantContains(t, b, "h1", "Welcome, "+adminName)

	b.do("open /healthz", chromedp.Navigate(srv.URL+"/healthz"))
	body := eval[string](b, "read /healthz", `document.body.innerText`)
	var health struct{ Status, Database string }
	if err := json.Unmarshal([]byte(body), &health); err != nil {
		t.Fatalf("/healthz: %v in %q", err, body)
	}
	if health.Status != "ok" || health.Database != dialect {
		t.Errorf("/healthz = %s, want status ok and database %s", body, dialect)
	}
}

// completeSetup fills the setup form the browser shows and waits for home.
func completeSetup(b *browser) {
	b.t.Helper()
	b.do("create the first administrator",
		chromedp.SendKeys(byTestID("setup-form", `input[name="name"]`), adminName),
		chromedp.SendKeys(byTestID("setup-form", `input[name="email"]`), adminEmail),
		chromedp.SendKeys(byTestID("setup-form", `input[name="password"]`), adminPassword),
		chromedp.SendKeys(byTestID("setup-form", `input[name="password2"]`), adminPassword),
		chromedp.Click(byTestID("setup-form", `button[type="submit"]`)),
		chromedp.WaitVisible(byTestID("account-link")),
	)
}

// signIn fills the login form the browser shows and waits for a signed-in page.
func signIn(b *browser, email, password string) {
	b.t.Helper()
	b.do("sign in as "+email,
		chromedp.SendKeys(byTestID("login-form", `input[name="email"]`), email),
		chromedp.SendKeys(byTestID("login-form", `input[name="password"]`), password),
		chromedp.Click(byTestID("login-form", `button[type="submit"]`)),
		chromedp.WaitVisible(byTestID("account-link")),
	)
}

// pagePath is the path of the page the browser shows.
func pagePath(b *browser) string {
	b.t.Helper()
	loc := eval[string](b, "read location", `location.href`)
	u, err := url.Parse(loc)
	if err != nil {
		b.t.Fatalf("location %q: %v", loc, err)
	}
	return u.Path
}

// wantText checks the visible text of the first element matching sel.
func wantText(t *testing.T, b *browser, sel, want string) {
	t.Helper()
	if got := b.text(sel); got != want {
		t.Errorf("%s text = %q, want %q", sel, got, want)
	}
}

// wantContains checks that the element's visible text contains want.
func wantContains(t *testing.T, b *browser, sel, want string) {
	t.Helper()
	if got := b.text(sel); !strings.Contains(got, want) {
		t.Errorf("%s text = %q, want it to contain %q", sel, got, want)
	}
}
