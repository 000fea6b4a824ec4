package web

import (
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"

	"hitori"
	"hitori/sqlstore"
	"hitori/sqlstore/storetest"
)

func TestHealthzAndMetrics(t *testing.T) {
	e := newSQLiteEnv(t)
	c := e.client()
	status, _, body := c.get("/healthz")
	if status != http.StatusOK || !strings.Contains(body, `"status":"ok"`) || !strings.Contains(body, `"database":"sqlite"`) {
		t.Fatalf("healthz: %d %s", status, body)
	}
	c.get("/login")
	status, _, body = c.get("/metrics")
	for _, want := range []string{`hitori_http_requests_total{route="GET /login",status="303"} 1`, "hitori_http_request_duration_seconds_bucket", "hitori_database_up 1", "# TYPE hitori_goroutines gauge"} {
		if status != http.StatusOK || !strings.Contains(body, want) {
			t.Fatalf("metrics lacks %q:\n%s", want, body)
		}
	}
	if _, err := os.Stat("/proc/self/status"); err == nil {
		// Linux: the process's own memory beside what top shows (issue 14).
		for _, want := range []string{"hitori_resident_anon_bytes ", "hitori_resident_file_bytes ", "hitori_resident_total_bytes "} {
			if !strings.Contains(body, want) {
				t.Fatalf("metrics lacks %q:\n%s", want, body)
			}
		}
	}
	e.db.Close()
	if status, _, body := c.get("/healthz"); status != http.StatusServiceUnavailable || !strings.Contains(body, "unavailable") {
		t.Fatalf("healthz with the database gone: %d %s", status, body)
	}
}

func TestSecureCookiesUnderTLS(t *testing.T) {
	db := storetest.Open(t, sqlstore.SQLite)
	u := &hitori.User{Email: "a@example.com", Role: hitori.RoleAdmin}
	if err := db.Users().CreateUser(t.Context(), u, "password123"); err != nil {
		t.Fatal(err)
	}
	srv, err := New(Config{BaseURL: "https://hitori.example.co.jp", Database: db.Dialect}, mustServices(t, db), slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	w := httptest.NewRecorder()
	srv.ServeHTTP(w, httptest.NewRequest("GET", "/login", nil))
	cookies := w.Result().Cookies()
	if len(cookies) == 0 {
		t.Fatal("no CSRF cookie set")
	}
	for _, c := range cookies {
		if !c.Secure || !c.HttpOnly || c.SameSite == http.SameSiteDefaultMode {
			t.Fatalf("cookie %s: Secure=%v HttpOnly=%v SameSite=%v", c.Name, c.Secure, c.HttpOnly, c.SameSite)
		}
	}
	if hsts := w.Header().Get("Strict-Transport-Security"); hsts == "" {
		t.Fatal("no HSTS header under https")
	}
	if csp := w.Header().Get("Content-Security-Policy"); !strings.Contains(csp, "script-src 'self'") {
		t.Fatalf("CSP = %q", csp)
	}
}
