package web

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"hitori"
)

// TestErrorPageNamesTheErrorID: in hitori 「問い合わせ番号」 is a ticket
// number, so the error page must not call the request id that (issue 9).
func TestErrorPageNamesTheErrorID(t *testing.T) {
	e := newSQLiteEnv(t)
	c := e.client()
	c.setCookie(langCookie, "ja")
	status, _, body := c.get("/no-such-page")
	if status != http.StatusNotFound {
		t.Fatalf("status %d; want 404", status)
	}
	if strings.Contains(body, "問い合わせ番号") || !strings.Contains(body, "エラー ID") {
		t.Fatalf("error page should say エラー ID, not 問い合わせ番号:\n%s", body)
	}
	for _, key := range []string{"error.request_id", "error.internal"} {
		if m := e.srv.locales["ja"].msgs[key]; strings.Contains(m, "問い合わせ番号") {
			t.Errorf("%s = %q still says 問い合わせ番号", key, m)
		}
	}
}

// TestUnknownAPIPathIsNotFound: a valid token or session asking for an API
// path that does not exist gets 404 in the JSON error shape, not 403.
func TestUnknownAPIPathIsNotFound(t *testing.T) {
	e := newSQLiteEnv(t)
	u := e.mustUser("tech@example.com", hitori.RoleTechnician)
	token, _, err := e.db.Auth().CreateToken(context.Background(), u.ID, "test")
	if err != nil {
		t.Fatal(err)
	}
	session := e.client()
	session.login("tech@example.com", "password123")
	tests := []struct {
		name string
		get  func(path string) (int, string, string)
	}{
		{"bearer token", func(p string) (int, string, string) { return e.client().get(p, "Authorization", "Bearer "+token) }},
		{"session", func(p string) (int, string, string) { return session.get(p) }},
		{"anonymous", func(p string) (int, string, string) { return e.client().get(p) }},
	}
	for _, tt := range tests {
		for _, path := range []string{"/api/v1/nothing", "/api/v2/items", "/api/"} {
			t.Run(tt.name+path, func(t *testing.T) {
				status, _, body := tt.get(path)
				var got struct{ Error, Message string }
				if err := json.Unmarshal([]byte(body), &got); err != nil || status != http.StatusNotFound || got.Error != "not_found" || got.Message == "" {
					t.Fatalf("got %d %s; want 404 with a JSON not_found error", status, body)
				}
			})
		}
	}
}
