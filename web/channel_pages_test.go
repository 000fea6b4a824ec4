package web

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"hitori"
	"hitori/app"
	"hitori/jobs"
	"hitori/notify"
)

// hookReceiver is a generic-webhook receiver that verifies each request's
// signature and answers with status.
type hookReceiver struct {
	mu       sync.Mutex
	status   int
	verified int
	bodies   []string
}

func (h *hookReceiver) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	b, _ := io.ReadAll(r.Body)
	h.mu.Lock()
	defer h.mu.Unlock()
	if notify.Verify("receiver-secret-0123456789", r.Header.Get(notify.HeaderTimestamp), b, r.Header.Get(notify.HeaderSignature)) {
		h.verified++
	}
	h.bodies = append(h.bodies, string(b))
	w.WriteHeader(h.status)
}

// runEngine runs a job engine wired by app.Build, as hitori serve does,
// until the test ends.
func runEngine(t *testing.T, e *env) {
	t.Helper()
	eng := jobs.New(e.db.Jobs(), jobs.Config{Poll: 10 * time.Millisecond, BackoffBase: 10 * time.Millisecond, BackoffMax: 20 * time.Millisecond})
	if _, err := app.Build(context.Background(), e.db.Stores(), app.Options{Engine: eng, VaultKeys: e.db.Sealer}); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { eng.Run(ctx); close(done) }()
	t.Cleanup(func() { cancel(); <-done })
}

var testJobRE = regexp.MustCompile(`\?flash=test_queued&test=(\d+)`)

// sendTest presses the test button and waits until the page shows a final result.
func sendTest(t *testing.T, c *client, page string) string {
	t.Helper()
	status, loc, body := c.post(page+"/test", nil)
	m := testJobRE.FindStringSubmatch(loc)
	if status != http.StatusSeeOther || m == nil {
		t.Fatalf("test button: %d %q %.200s", status, loc, body)
	}
	for deadline := time.Now().Add(15 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		body := c.mustGet(page + "?test=" + m[1])
		if !strings.Contains(body, `data-state="waiting"`) && !strings.Contains(body, `data-state="retry"`) {
			// The page reads the channel's health before its attempts, so
			// the request that first sees the outcome may show the health
			// of a moment earlier; the next one shows both settled.
			return c.mustGet(page + "?test=" + m[1])
		}
	}
	t.Fatal("the test's result never showed")
	return ""
}

func TestChannelPagesEndToEnd(t *testing.T) {
	e := newSQLiteEnv(t)
	runEngine(t, e)
	e.mustUser("admin@example.com", hitori.RoleAdmin)
	admin := e.client()
	admin.login("admin@example.com", "password123")
	recv := &hookReceiver{status: 200}
	ts := httptest.NewServer(recv)
	t.Cleanup(ts.Close)
	hookURL := ts.URL + "/hooks/vendor-token-XYZ987"

	// The kinds first, then the form of one.
	if body := admin.mustGet("/admin/channels/new"); !strings.Contains(body, `data-testid="channel-kind-lineworks"`) {
		t.Fatalf("kind picker: %.300s", body)
	}
	if body := admin.mustGet("/admin/channels/new?kind=webhook"); !strings.Contains(body, `name="signing_secret"`) || !strings.Contains(body, `type="password"`) {
		t.Fatalf("webhook form: %.300s", body)
	}
	// Bad input comes back with the field marked and no secret echoed.
	bad := url.Values{"kind": {"webhook"}, "name": {"ベンダー"}, "lang": {"ja"}, "enabled": {"1"}, "url": {hookURL}, "signing_secret": {"short"}}
	status, _, body := admin.post("/admin/channels", bad)
	if status != http.StatusUnprocessableEntity || !strings.Contains(body, "16 文字以上") || strings.Contains(body, "vendor-token-XYZ987") {
		t.Fatalf("bad form: %d %.400s", status, body)
	}
	good := url.Values{"kind": {"webhook"}, "name": {"ベンダー"}, "lang": {"ja"}, "enabled": {"1"}, "url": {hookURL}, "signing_secret": {"receiver-secret-0123456789"}}
	status, loc, body := admin.post("/admin/channels", good)
	if status != http.StatusSeeOther || !strings.HasPrefix(loc, "/admin/channels/") {
		t.Fatalf("create: %d %q %.300s", status, loc, body)
	}
	page := strings.TrimSuffix(loc, "?flash=saved")
	body = admin.mustGet(page)
	if strings.Contains(body, "vendor-token-XYZ987") || strings.Contains(body, "receiver-secret") || !strings.Contains(body, "••••") {
		t.Errorf("the page shows a secret or no mask: %.600s", body)
	}
	if body := admin.mustGet(page + "/edit"); strings.Contains(body, "vendor-token-XYZ987") || strings.Contains(body, "receiver-secret") {
		t.Error("the edit form carries a secret")
	}
	for _, table := range []string{"channels", "jobs", "audit_events"} {
		vals, err := e.db.ScanTableForTest(context.Background(), table)
		if err != nil {
			t.Fatal(err)
		}
		for _, v := range vals {
			if strings.Contains(v, "vendor-token-XYZ987") || strings.Contains(v, "receiver-secret") {
				t.Errorf("%s holds a secret in the clear: %.100s", table, v)
			}
		}
	}

	// The test button goes through the job engine to the receiver.
	body = sendTest(t, admin, page)
	if !strings.Contains(body, `data-state="sent"`) || !strings.Contains(body, `data-testid="channel-ok"`) {
		t.Fatalf("after a good test: %.800s", body)
	}
	recv.mu.Lock()
	if recv.verified != 1 || !strings.Contains(recv.bodies[0], `"severity":"test"`) || !strings.Contains(recv.bodies[0], "hitori からのテスト通知") {
		t.Errorf("receiver: verified %d, bodies %q", recv.verified, recv.bodies)
	}
	recv.status = 404
	recv.mu.Unlock()

	// A 404 is permanent: one attempt, failed, and the channel is failing
	// on its page, on the list and on the home page.
	body = sendTest(t, admin, page)
	if !strings.Contains(body, `data-state="failed"`) || !strings.Contains(body, "HTTP 404") || !strings.Contains(body, `data-testid="channel-failing"`) {
		t.Fatalf("after a failing test: %.800s", body)
	}
	if body := admin.mustGet("/admin/channels"); !strings.Contains(body, "失敗中（1 回連続）") {
		t.Errorf("list does not show the failing channel: %.600s", body)
	}
	if body := admin.mustGet("/"); !strings.Contains(body, `data-testid="home-failing-channels"`) || !strings.Contains(body, "ベンダー") {
		t.Errorf("home does not show the failing channel: %.600s", body)
	}
	if body := admin.mustGet(page); strings.Count(body, `data-testid="attempt-`) != 2 {
		t.Errorf("history does not list both attempts: %.600s", body)
	}

	// Editing with the secrets left empty keeps them: the next test is signed as before.
	recv.mu.Lock()
	recv.status = 200
	recv.mu.Unlock()
	edit := url.Values{"name": {"ベンダー"}, "lang": {"en"}, "enabled": {"1"}, "url": {""}, "signing_secret": {""}}
	if status, _, body := admin.post(page, edit); status != http.StatusSeeOther {
		t.Fatalf("edit: %d %.300s", status, body)
	}
	if body := sendTest(t, admin, page); !strings.Contains(body, `data-state="sent"`) {
		t.Fatalf("after the edit: %.600s", body)
	}
	recv.mu.Lock()
	if recv.verified != 3 || !strings.Contains(recv.bodies[2], "Test alert from hitori") {
		t.Errorf("after the edit: verified %d, body %q", recv.verified, recv.bodies[2])
	}
	recv.mu.Unlock()
	if body := admin.mustGet("/"); strings.Contains(body, `data-testid="home-failing-channels"`) {
		t.Error("home still shows a channel that delivers again")
	}

	// Delete asks first, then removes.
	if body := admin.mustGet(page + "/delete"); !strings.Contains(body, `data-testid="channel-delete-confirm"`) {
		t.Fatalf("delete confirmation: %.300s", body)
	}
	if status, loc, _ := admin.post(page+"/delete", nil); status != http.StatusSeeOther || loc != "/admin/channels?flash=deleted" {
		t.Fatalf("delete: %d %q", status, loc)
	}
	if status, _, _ := admin.get(page); status != http.StatusNotFound {
		t.Errorf("deleted channel: %d", status)
	}
}

func TestChannelPagesEnglishAndEmpty(t *testing.T) {
	e := newSQLiteEnv(t)
	e.mustUser("admin@example.com", hitori.RoleAdmin)
	admin := e.client()
	admin.login("admin@example.com", "password123")
	admin.post("/lang", url.Values{"lang": {"en"}, "next": {"/"}})
	tests := []struct{ path, want string }{
		{"/admin/channels", "No alert channels yet"},
		{"/admin/channels?q=nothing", "No channel matches"},
		{"/admin/channels/new", "Choose the service"},
		{"/admin/channels/new?kind=lineworks", "Service Account"},
		{"/admin/channels/new?kind=teams", "Post to a channel when a webhook request is received"},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			if body := admin.mustGet(tt.path); !strings.Contains(body, tt.want) {
				t.Errorf("%s lacks %q: %.400s", tt.path, tt.want, body)
			}
		})
	}
}
