package web

import (
	"bytes"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"hitori"
	"hitori/intake"
	"hitori/mail"
	"hitori/sqlstore"
	"hitori/sqlstore/storetest"
)

// TestHealthzIsQuiet: a health probe every few seconds must not collect a
// cookie each time nor fill the log at info level (issue 9).
func TestHealthzIsQuiet(t *testing.T) {
	db := storetest.Open(t, sqlstore.SQLite)
	var logs bytes.Buffer
	srv, err := New(Config{Database: db.Dialect}, mustServices(t, db), slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelInfo})))
	if err != nil {
		t.Fatal(err)
	}
	for _, method := range []string{"GET", "HEAD"} {
		w := httptest.NewRecorder()
		srv.ServeHTTP(w, httptest.NewRequest(method, "/healthz", nil))
		if w.Code != http.StatusOK {
			t.Fatalf("%s /healthz: %d", method, w.Code)
		}
		if c := w.Result().Header.Values("Set-Cookie"); len(c) > 0 {
			t.Errorf("%s /healthz set cookies: %v", method, c)
		}
	}
	if strings.Contains(logs.String(), "/healthz") {
		t.Errorf("/healthz logged at info level:\n%s", logs.String())
	}
	w := httptest.NewRecorder()
	srv.ServeHTTP(w, httptest.NewRequest("GET", "/login", nil))
	if len(w.Result().Cookies()) == 0 {
		t.Error("the sign-in page no longer sets the CSRF cookie")
	}
}

// TestLoginSaysWhatToDoWhenPasswordIsForgotten (issue 9).
func TestLoginSaysWhatToDoWhenPasswordIsForgotten(t *testing.T) {
	tests := []struct {
		name, lang string
		mail       bool
		want       string
	}{
		{"ja without mail", "ja", false, "管理者に再設定を依頼"},
		{"en without mail", "en", false, "Ask your administrator"},
		{"ja with mail", "ja", true, "「メールでログイン」"},
		{"en with mail", "en", true, "Sign in by e-mail"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newSQLiteEnv(t)
			e.mustUser("admin@example.com", hitori.RoleAdmin) // else /login leads to first-run setup
			if tt.mail {
				e.srv.cfg.BaseURL = "https://hd.example.jp/"
				e.srv.cfg.Mailer = &intake.Mailer{Sender: chanSender(make(chan *mail.OutgoingMessage, 1)), From: mail.Address{Email: "help@example.jp"}}
			}
			c := e.client()
			c.setCookie(langCookie, tt.lang)
			_, _, body := c.get("/login")
			i := strings.Index(body, `data-testid="login-forgot"`)
			if i < 0 || !strings.Contains(body[i:], tt.want) {
				t.Fatalf("sign-in page does not say %q about a forgotten password:\n%s", tt.want, body)
			}
		})
	}
}
