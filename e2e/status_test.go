package e2e

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"hitori/sqlstore"
	"hitori/sqlstore/storetest"
)

// statusTimeout bounds the status walk-through's browser: the monitor's
// checks run every 10 s (the shortest interval), and the test waits for an
// outage to open and to close again, in three roles.
const statusTimeout = 5 * time.Minute

// outageBound is how long the test waits for the scheduler: a check every
// 10 s, a batch written within a second, the incident's job on the engine
// — with room for a loaded, race-instrumented machine.
const outageBound = 60 * time.Second

// The monitored system, as the administrator names it: the name is what
// colleagues read in the banner and what their inquiries mention.
const (
	systemName = "勤怠システム (kintai.example.co.jp)"
	systemWord = "勤怠システム"
)

// TestStatusBannerAndAutoReply is issue 12's acceptance 3 in Chromium, on
// both databases: a real hitori serve watches a real loopback HTTP server;
// the server starts failing, the scheduler marks the monitor down and
// opens an incident (no database writes by the test). While it is open a
// colleague sees the banner on the portal — on a phone too, without
// sideways scrolling — and on the status page; an inquiry mentioning the
// system is linked to the incident and answered at once, and the colleague
// reads the answer on their item. An anonymous visitor learns nothing
// while the status page is private and reads it once the administrator
// makes it public. The server recovers, the incident resolves, and the
// banner goes.
func TestStatusBannerAndAutoReply(t *testing.T) {
	for _, dialect := range storetest.Dialects {
		t.Run(dialect, func(t *testing.T) {
			data := t.TempDir()
			flags := []string{"--data", data}
			if dialect == sqlstore.Postgres {
				flags = append(flags, "--db", storetest.DSN(t, dialect)) // skips without PostgreSQL
			}
			statusWalkthrough(t, data, flags)
		})
	}
}

// statusWalkthrough is TestStatusBannerAndAutoReply on one database.
func statusWalkthrough(t *testing.T, data string, flags []string) {
	target := newFlakyTarget(t)
	mustHitori(t, adminPassword+"\n", append([]string{"user", "create", "--email", adminEmail, "--name", adminName, "--role", "admin"}, flags...)...)
	mustHitori(t, colleaguePassword+"\n", append([]string{"user", "create", "--email", colleagueEmail, "--name", colleagueName, "--role", "requester"}, flags...)...)
	token := strings.TrimSpace(mustHitori(t, "", append([]string{"token", "create", "--email", adminEmail, "--name", "status-e2e"}, flags...)...))
	srv := startServer(t, data, flags[2:]...)
	api := &apiClient{t: t, base: srv.URL, token: token}
	var created struct{ ID int64 }
	api.do(http.MethodPost, "/api/v1/monitors", map[string]any{"name": systemName, "type": "http", "url": target.URL,
		"interval_s": 10, "timeout_s": 3}, &created)
	monitorPath := fmt.Sprintf("/api/v1/monitors/%d", created.ID)
	waitFor(t, "the monitor's first check to pass", func() bool { return api.monitorStatus(monitorPath) == "up" })

	b := newBrowserFor(t, statusTimeout)

	// The administrator: an outage counts as over as soon as the system
	// answers again (the default waits 5 quiet minutes).
	b.do("open the login page", chromedp.Navigate(srv.URL+"/login"), chromedp.WaitVisible(byTestID("login-form")))
	signIn(b, adminEmail, adminPassword)
	b.do("resolve at once on recovery",
		chromedp.Navigate(fmt.Sprintf("%s/monitors/%d/alerts", srv.URL, created.ID)),
		chromedp.WaitVisible(byTestID("alert-rule-form")),
		// A monitor follows the defaults until this box is cleared.
		chromedp.Evaluate[chromedp.Void](`(c => c.checked && c.click())(document.querySelector('[data-testid="alert-rule-form"] input[name="use_defaults"]'))`),
		chromedp.SetValue(byTestID("alert-rule-form", `input[name="resolve_min"]`), "0"),
		chromedp.Evaluate[chromedp.Void](`document.body.dataset.sent = "1"`),
		chromedp.Click(byTestID("alert-rule-save")),
		chromedp.WaitVisible(`body:not([data-sent]) [data-testid="alert-rule-form"]`),
	)
	if v := eval[string](b, "read the saved rule", `document.querySelector('[data-testid="alert-rule-form"] input[name="resolve_min"]').value`); v != "0" {
		t.Fatalf("after saving, the rule resolves after %q minutes, want 0:\n%s", v, b.text("main"))
	}
	signOut(b)

	// The system fails; the scheduler notices and opens the incident.
	target.fail.Store(true)
	waitFor(t, "the monitor to go down", func() bool { return api.monitorStatus(monitorPath) == "down" })

	// A stranger learns nothing while the status page is private: /status
	// asks for a sign-in, and the login page names no outage.
	b.do("open /status anonymously", chromedp.Navigate(srv.URL+"/status"), chromedp.WaitVisible(byTestID("login-form")))
	if n := eval[int](b, "look for the banner", `document.querySelectorAll('[data-testid="status-banner"]').length`); n != 0 {
		t.Errorf("the login page shows the outage banner to an anonymous visitor while the status page is private:\n%s", b.text(`[data-testid="status-banner"]`))
	}

	// The colleague, on a phone: the banner is on the portal's pages.
	b.do("a phone", chromedp.EmulateViewport(phoneWidth, phoneHeight, chromedp.EmulatePortrait, chromedp.EmulateMobile))
	signIn(b, colleagueEmail, colleaguePassword)
	b.do("open the portal", chromedp.Navigate(srv.URL+"/portal"), chromedp.WaitVisible(byTestID("status-banner")))
	wantContains(t, b, `[data-testid="status-banner"]`, systemName)
	fitsPhone(t, b, "portal with the outage banner")
	b.screenshot("portal-banner-phone")
	b.do("follow the banner to the status page",
		chromedp.Click(byTestID("status-banner", `a[href="/status"]`)),
		chromedp.WaitVisible(byTestID("status-incident")),
	)
	wantContains(t, b, `[data-testid="status-incident"]`, systemName)
	wantContains(t, b, `[data-testid="status-incident"]`, "障害が発生しています")
	fitsPhone(t, b, "status page")
	b.screenshot("status-page-phone")

	// An inquiry about the system is linked and answered at once.
	b.do("write an inquiry about the system",
		chromedp.Navigate(srv.URL+"/portal/new"),
		chromedp.WaitVisible(byTestID("portal-form")),
		chromedp.WaitVisible(byTestID("status-banner")),
		chromedp.SendKeys(byTestID("portal-title"), systemWord+"に打刻できません"),
		chromedp.SendKeys(byTestID("portal-body"), "朝から出勤の打刻ボタンを押してもエラーになります。"),
	)
	fitsPhone(t, b, "new inquiry with the banner")
	b.do("send it", chromedp.Click(byTestID("portal-submit")), chromedp.WaitVisible(byTestID("portal-reply")))
	wantContains(t, b, `[data-testid="portal-reply"]`, "障害が発生していることを把握しており")
	wantContains(t, b, `[data-testid="portal-reply"]`, systemName)
	wantContains(t, b, `[data-testid="portal-reply"] .portal-msg-head`, "ITサポート（自動返信）")
	fitsPhone(t, b, "inquiry with the automatic reply")
	b.screenshot("auto-reply-phone")
	itemID := strings.TrimPrefix(pagePath(b), "/portal/items/")
	b.do("write an unrelated inquiry",
		chromedp.Navigate(srv.URL+"/portal/new"),
		chromedp.WaitVisible(byTestID("portal-form")),
		chromedp.SendKeys(byTestID("portal-title"), "マウスの電池が切れました"),
		chromedp.Click(byTestID("portal-submit")),
		chromedp.WaitVisible(byTestID("portal-thread")),
	)
	if n := eval[int](b, "count replies", `document.querySelectorAll('[data-testid="portal-reply"]').length`); n != 0 {
		t.Errorf("an inquiry that does not mention the system got %d replies:\n%s", n, b.text(`[data-testid="portal-thread"]`))
	}
	signOut(b)

	// The staff side: the inquiry carries the incident's tag, and the
	// administrator makes the status page public.
	var item struct{ Tags []string }
	api.do(http.MethodGet, "/api/v1/items/"+itemID, nil, &item)
	if len(item.Tags) != 1 || !strings.HasPrefix(item.Tags[0], "incident-") {
		t.Errorf("the inquiry's tags are %q, want the incident's (incident-N)", item.Tags)
	}
	b.do("a desk", chromedp.EmulateViewport(1280, 900))
	signIn(b, adminEmail, adminPassword)
	b.do("open the inquiry as staff",
		chromedp.Navigate(srv.URL+"/work/items/"+itemID),
		chromedp.WaitVisible(byTestID("event-note")),
	)
	wantContains(t, b, `[data-testid="event-note"]`, systemName)
	b.do("make the status page public",
		chromedp.Navigate(srv.URL+"/admin/status"),
		chromedp.WaitVisible(byTestID("status-settings")),
		chromedp.Click(byTestID("status-settings", `input[name="public"]`)),
		chromedp.Click(byTestID("status-save")),
		chromedp.WaitVisible(`.flash`),
	)
	signOut(b)

	// Anyone may now read it.
	b.do("open the public status page", chromedp.Navigate(srv.URL+"/status"), chromedp.WaitVisible(byTestID("status-incident")))
	wantContains(t, b, `[data-testid="status-incident"]`, systemName)
	b.screenshot("public-status-desktop")

	// The system answers again: the incident resolves and the banner goes.
	target.fail.Store(false)
	waitFor(t, "the monitor to recover", func() bool { return api.monitorStatus(monitorPath) == "up" })
	waitFor(t, "the public status page to say all is well", func() bool {
		b.do("reload the status page", chromedp.Navigate(srv.URL+"/status"), chromedp.WaitVisible(`h1`))
		return eval[int](b, "look for all-ok", `document.querySelectorAll('[data-testid="status-ok"]').length`) == 1
	})
	b.do("back to a phone", chromedp.EmulateViewport(phoneWidth, phoneHeight, chromedp.EmulatePortrait, chromedp.EmulateMobile))
	b.do("open the login page", chromedp.Navigate(srv.URL+"/login"), chromedp.WaitVisible(byTestID("login-form")))
	signIn(b, colleagueEmail, colleaguePassword)
	b.do("open the portal", chromedp.Navigate(srv.URL+"/portal"), chromedp.WaitVisible(byTestID("portal-list")))
	if n := eval[int](b, "look for the banner", `document.querySelectorAll('[data-testid="status-banner"]').length`); n != 0 {
		t.Errorf("the banner stays after the incident resolved: %s", b.text(`[data-testid="status-banner"]`))
	}
	fitsPhone(t, b, "portal after the outage")
}

// flakyTarget is the monitored system: a loopback HTTP server that answers
// 200, or 503 while fail is set.
type flakyTarget struct {
	URL  string
	fail atomic.Bool
}

func newFlakyTarget(t *testing.T) *flakyTarget {
	t.Helper()
	f := &flakyTarget{}
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		if f.fail.Load() {
			http.Error(w, "maintenance gone wrong", http.StatusServiceUnavailable)
			return
		}
		_, _ = io.WriteString(w, "ok")
	}))
	t.Cleanup(ts.Close)
	f.URL = ts.URL + "/health"
	return f
}

// waitFor polls cond every 500 ms and fails the test unless it holds
// within outageBound.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	start := time.Now()
	for !cond() {
		if time.Since(start) > outageBound {
			t.Fatalf("waited %s for %s", outageBound, what)
		}
		time.Sleep(500 * time.Millisecond)
	}
	t.Logf("%s took %s", what, time.Since(start).Round(time.Millisecond))
}

// apiClient calls the JSON API with a bearer token, as a script would.
type apiClient struct {
	t           *testing.T
	base, token string
}

// do sends body (if any) as JSON and decodes the answer into out; any
// status of 300 or more fails the test.
func (c *apiClient) do(method, path string, body, out any) {
	c.t.Helper()
	var rd io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			c.t.Fatal(err)
		}
		rd = bytes.NewReader(b)
	}
	req, err := http.NewRequest(method, c.base+path, rd)
	if err != nil {
		c.t.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer "+c.token)
	req.Header.Set("Content-Type", "application/json")
	resp, err := httpClient(nil).Do(req)
	if err != nil {
		c.t.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	if resp.StatusCode >= 300 {
		c.t.Fatalf("%s %s: %d %s", method, path, resp.StatusCode, raw)
	}
	if err := json.Unmarshal(raw, out); err != nil {
		c.t.Fatalf("%s %s: %v in %s", method, path, err, raw)
	}
}

// monitorStatus is the monitor's current state as the API reports it.
func (c *apiClient) monitorStatus(path string) string {
	c.t.Helper()
	var m struct{ Status string }
	c.do(http.MethodGet, path, nil, &m)
	return m.Status
}
