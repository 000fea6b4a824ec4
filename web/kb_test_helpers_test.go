package web

import (
	"context"
	"html"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"hitori"
)

// kbEnv is a test server with one user per kind of reader, each signed in.
type kbEnv struct {
	*env
	admin, tech, sato, suzuki *hitori.User
	as                        map[string]*client // by user name: "admin", "tech", "sato", "suzuki"
}

func newKBEnv(t *testing.T) *kbEnv {
	t.Helper()
	e := &kbEnv{env: newSQLiteEnv(t), as: map[string]*client{}}
	e.admin = e.mustUser("admin@example.com", hitori.RoleAdmin)
	e.tech = e.mustUser("tech@example.com", hitori.RoleTechnician)
	e.sato = e.mustUser("sato@example.com", hitori.RoleRequester)
	e.suzuki = e.mustUser("suzuki@example.com", hitori.RoleRequester)
	for _, name := range []string{"admin", "tech", "sato", "suzuki"} {
		c := e.client()
		c.login(name+"@example.com", "password123")
		e.as[name] = c
	}
	return e
}

// mustArticle stores an article as the administrator (through the service,
// so it is indexed too).
func (e *kbEnv) mustArticle(a *hitori.Article) *hitori.Article {
	e.t.Helper()
	ctx := hitori.NewContextWithUser(context.Background(), e.admin)
	if err := e.srv.kb.Create(ctx, a); err != nil {
		e.t.Fatal(err)
	}
	return a
}

// postJSON posts a form as kb.js does: CSRF in a header, JSON accepted.
func (c *client) postScript(path string, form url.Values) (int, string) {
	c.e.t.Helper()
	if c.cookie(csrfCookie) == "" {
		c.get("/login") // sets the CSRF cookie
	}
	req, _ := http.NewRequest("POST", c.e.ts.URL+path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Accept", "application/json")
	req.Header.Set("X-CSRF-Token", c.cookie(csrfCookie))
	status, _, body := c.do(req)
	return status, body
}

// postBody posts a JSON body with the CSRF header, as the chat script does.
func (c *client) postJSONBody(path, body string) (int, string) {
	c.e.t.Helper()
	if c.cookie(csrfCookie) == "" {
		c.get("/login") // sets the CSRF cookie
	}
	req, _ := http.NewRequest("POST", c.e.ts.URL+path, strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-CSRF-Token", c.cookie(csrfCookie))
	status, _, b := c.do(req)
	return status, b
}

// articleForm is a valid new-article form; pairs override fields.
func articleForm(pairs ...string) url.Values {
	f := url.Values{"title": {"VPN に接続できないとき"}, "kind": {"troubleshooting"}, "category": {"ネットワーク"},
		"tags": {"VPN、在宅勤務"}, "visibility": {"everyone"}, "body": {"## 症状\r\n\r\n接続できません。\r\n\r\n## 対処\r\n\r\n1. 再起動します。\r\n"}}
	for i := 0; i+1 < len(pairs); i += 2 {
		f.Set(pairs[i], pairs[i+1])
	}
	return f
}

var hiddenRevision = regexp.MustCompile(`name="revision" value="(\d+)"`)

// regexpFind returns the first group of pattern in s, or "".
func regexpFind(s, pattern string) string {
	m := regexp.MustCompile(pattern).FindStringSubmatch(s)
	if m == nil {
		return ""
	}
	return m[1]
}

func htmlUnescape(s string) string { return html.UnescapeString(s) }

func newTestRequest() *http.Request { return httptest.NewRequest("GET", "/help", nil) }
