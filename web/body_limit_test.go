package web

import (
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"strings"
	"testing"
)

// zeros is an endless body, so a test can send 40 MB without holding it.
type zeros struct{}

func (zeros) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = 'x'
	}
	return len(p), nil
}

// TestBodyLimitMultipart sends a stranger's large multipart post, the CSRF
// token in the header so nothing in the form is needed: it must be refused
// 413 and leave no multipart-* file behind, whether the client announces
// the length or streams it.
func TestBodyLimitMultipart(t *testing.T) {
	e := newSQLiteEnv(t)
	const size = 40 << 20
	head := "--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.bin\"\r\nContent-Type: application/octet-stream\r\n\r\n"
	tail := "\r\n--b--\r\n"
	for _, tc := range []struct {
		name   string
		path   string
		length int64
	}{
		{"login, length announced", "/login", int64(len(head) + size + len(tail))},
		{"login, streamed", "/login", -1},
		{"lang, streamed", "/lang", -1},
		{"unknown route, streamed", "/nowhere", -1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tmp := t.TempDir()
			t.Setenv("TMPDIR", tmp)
			body := io.MultiReader(strings.NewReader(head), io.LimitReader(zeros{}, size), strings.NewReader(tail))
			req := httptest.NewRequest("POST", tc.path, body)
			req.ContentLength = tc.length
			tok := strings.Repeat("t", 32)
			req.Header.Set("Content-Type", "multipart/form-data; boundary=b")
			req.Header.Set("X-CSRF-Token", tok)
			req.AddCookie(&http.Cookie{Name: csrfCookie, Value: tok})
			rec := httptest.NewRecorder()
			e.srv.ServeHTTP(rec, req)
			if got, want := rec.Code, http.StatusRequestEntityTooLarge; got != want {
				t.Errorf("status %d, want %d", got, want)
			}
			left, _ := filepath.Glob(filepath.Join(tmp, "multipart-*"))
			if len(left) > 0 {
				t.Errorf("temporary files left: %v", left)
			}
		})
	}
}

// TestBodyLimitArticle saves a long Japanese article from the editor (its
// form is three times its text once url-encoded) and refuses one past the
// limit with 413 and a message saying why, never as a CSRF failure.
func TestBodyLimitArticle(t *testing.T) {
	e := newKBEnv(t)
	admin := e.as["admin"]
	long := strings.Repeat("あ", 126_000) // 378 KB
	status, loc, body := admin.post("/kb", articleForm("body", long))
	if status != http.StatusSeeOther || !strings.HasPrefix(loc, "/kb/") {
		t.Fatalf("378 KB article: status %d location %q body %.300s", status, loc, body)
	}
	tooLong := strings.Repeat("あ", 450_000) // 1.35 MB, 4 MB url-encoded
	status, _, body = admin.post("/kb", articleForm("body", tooLong))
	if status != http.StatusRequestEntityTooLarge {
		t.Fatalf("over-limit article: status %d, want 413", status)
	}
	if want := "送信された内容が大きすぎます"; !strings.Contains(body, want) {
		t.Errorf("over-limit article: body lacks %q: %.300s", want, body)
	}
}

// TestBodyLimitSmallForms keeps strangers' forms small and checks an
// in-limit form still works once the middleware has parsed it.
func TestBodyLimitSmallForms(t *testing.T) {
	e := newSQLiteEnv(t)
	c := e.client()
	status, _, _ := c.post("/lang", url.Values{"lang": {"en"}, "pad": {strings.Repeat("x", 100<<10)}})
	if status != http.StatusRequestEntityTooLarge {
		t.Errorf("100 KB language form: status %d, want 413", status)
	}
	if status, loc, _ := c.post("/lang", url.Values{"lang": {"en"}, "next": {"/login"}}); status != http.StatusSeeOther || loc != "/login" {
		t.Errorf("language form: status %d location %q", status, loc)
	}
}

// TestBodyLimitsNameRoutes keeps bodyLimits in step with the route table.
func TestBodyLimitsNameRoutes(t *testing.T) {
	e := newSQLiteEnv(t)
	known := map[string]bool{}
	for _, rt := range e.srv.routes() {
		known[rt.pattern] = true
	}
	for p := range bodyLimits {
		if !known[p] {
			t.Errorf("bodyLimits names %q, which is not a route", p)
		}
	}
}
