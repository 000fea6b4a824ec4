package web

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"hitori"
	"hitori/app"
	"hitori/sqlstore"
	"hitori/sqlstore/storetest"
)

// clock is a settable fake clock.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) Add(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

// env is one running test server with its database and clock.
type env struct {
	t     testing.TB
	db    *sqlstore.DB
	srv   *Server
	ts    *httptest.Server
	clock *clock
}

func newEnv(t testing.TB, db *sqlstore.DB) *env {
	t.Helper()
	c := &clock{t: time.Date(2026, 11, 25, 1, 0, 0, 0, time.UTC)}
	db.Now = c.Now
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	srv, err := New(Config{Database: db.Dialect}, mustServices(t, db), log)
	if err != nil {
		t.Fatal(err)
	}
	srv.now = c.Now
	srv.standin.Now = c.Now
	srv.throttle.now = c.Now
	ts := httptest.NewServer(srv)
	t.Cleanup(ts.Close)
	return &env{t: t, db: db, srv: srv, ts: ts, clock: c}
}

func newSQLiteEnv(t testing.TB) *env { return newEnv(t, storetest.Open(t, sqlstore.SQLite)) }

// client is a browser: a cookie jar that does not follow redirects.
type client struct {
	e   *env
	jar *cookiejar.Jar
	c   *http.Client
}

func (e *env) client() *client {
	jar, _ := cookiejar.New(nil)
	return &client{e: e, jar: jar, c: &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error {
		return http.ErrUseLastResponse
	}}}
}

func (c *client) cookie(name string) string {
	u, _ := url.Parse(c.e.ts.URL)
	for _, k := range c.jar.Cookies(u) {
		if k.Name == name {
			return k.Value
		}
	}
	return ""
}

func (c *client) setCookie(name, value string) {
	u, _ := url.Parse(c.e.ts.URL)
	c.jar.SetCookies(u, []*http.Cookie{{Name: name, Value: value, Path: "/"}})
}

// get fetches path and returns status, Location and body.
func (c *client) get(path string, hdr ...string) (int, string, string) {
	c.e.t.Helper()
	req, _ := http.NewRequest("GET", c.e.ts.URL+path, nil)
	for i := 0; i+1 < len(hdr); i += 2 {
		req.Header.Set(hdr[i], hdr[i+1])
	}
	return c.do(req)
}

// post submits a form with the CSRF token the page would carry.
func (c *client) post(path string, form url.Values) (int, string, string) {
	c.e.t.Helper()
	if c.cookie(csrfCookie) == "" {
		c.get("/login") // sets the CSRF cookie
	}
	if form == nil {
		form = url.Values{}
	}
	if _, ok := form["csrf"]; !ok {
		form.Set("csrf", c.cookie(csrfCookie))
	}
	req, _ := http.NewRequest("POST", c.e.ts.URL+path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return c.do(req)
}

func (c *client) do(req *http.Request) (int, string, string) {
	c.e.t.Helper()
	resp, err := c.c.Do(req)
	if err != nil {
		c.e.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, resp.Header.Get("Location"), string(b)
}

// mustUser creates a user whose password is "password123".
func (e *env) mustUser(email string, role hitori.Role) *hitori.User {
	e.t.Helper()
	u := &hitori.User{Email: email, Name: strings.Split(email, "@")[0], Role: role}
	if err := e.db.Users().CreateUser(context.Background(), u, "password123"); err != nil {
		e.t.Fatal(err)
	}
	return u
}

// login signs c in and fails the test unless it lands on want.
func (c *client) login(email, password string) {
	c.e.t.Helper()
	status, loc, body := c.post("/login", url.Values{"email": {email}, "password": {password}, "next": {"/"}})
	if status != http.StatusSeeOther || loc != "/" {
		c.e.t.Fatalf("login %s: status %d location %q body %.300s", email, status, loc, body)
	}
}

// mustServices builds the services on db the way cmd/hitori does (app.Build).
func mustServices(tb testing.TB, db *sqlstore.DB) *app.Services {
	tb.Helper()
	svc, err := app.Build(context.Background(), db.Stores(), app.Options{VaultKeys: db.Sealer})
	if err != nil {
		tb.Fatal(err)
	}
	return svc
}

// runJobs runs the queued jobs of kind with h, as the engine would, and
// records them done: tests need no engine running in the background.
func (e *env) runJobs(kind string, h func(context.Context, *hitori.Job) error) {
	e.t.Helper()
	ctx := context.Background()
	claimed, err := e.db.Jobs().Claim(ctx, "test", []string{kind}, 100, time.Minute)
	if err != nil {
		e.t.Fatal(err)
	}
	for _, j := range claimed {
		if err := h(ctx, j); err != nil {
			e.t.Fatalf("job %s #%d: %v", kind, j.ID, err)
		}
		if err := e.db.Jobs().Complete(ctx, "test", j.ID); err != nil {
			e.t.Fatal(err)
		}
	}
}
