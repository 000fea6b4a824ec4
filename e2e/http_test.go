package e2e

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"
)

// httpClient is a client for calls made without the browser; the timeout
// keeps a hung server from hanging the test. A nil jar means no cookies,
// as for a script holding a bearer token.
func httpClient(jar http.CookieJar) *http.Client {
	return &http.Client{Jar: jar, Timeout: 10 * time.Second}
}

// apiUser is the part of GET /api/v1/me the tests check.
type apiUser struct {
	Email string `json:"email"`
	Role  string `json:"role"`
}

// apiMe calls GET /api/v1/me with a bearer token, as a script would.
func apiMe(t *testing.T, base, token string) apiUser {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, base+"/api/v1/me", nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := httpClient(nil).Do(req)
	if err != nil {
		t.Fatalf("GET /api/v1/me: %v", err)
	}
	defer resp.Body.Close()
	var got apiUser
	if err := json.NewDecoder(resp.Body).Decode(&got); err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("GET /api/v1/me: status %d, decode: %v", resp.StatusCode, err)
	}
	return got
}

// csrfField finds the hidden CSRF token every hitori form carries.
var csrfField = regexp.MustCompile(`name="csrf" value="([^"]+)"`)

// signInHTTP signs in through the login form as a browser without
// JavaScript would: fetch the form (which sets the CSRF cookie), post it back
// with the token, and follow the redirect. It returns the home page's HTML.
func signInHTTP(t *testing.T, base, email, password string) string {
	t.Helper()
	jar, err := cookiejar.New(nil)
	if err != nil {
		t.Fatal(err)
	}
	c := httpClient(jar)
	form := fetch(t, c, "GET /login", func() (*http.Response, error) { return c.Get(base + "/login") })
	m := csrfField.FindStringSubmatch(form)
	if m == nil || !strings.Contains(form, `data-testid="login-form"`) {
		t.Fatalf("GET /login: no login form with a CSRF token:\n%s", truncate(form, 2000))
	}
	vals := url.Values{"csrf": {m[1]}, "email": {email}, "password": {password}, "next": {"/"}}
	home := fetch(t, c, "POST /login", func() (*http.Response, error) { return c.PostForm(base+"/login", vals) })
	if !strings.Contains(home, `data-testid="account-link"`) {
		t.Fatalf("POST /login as %s did not lead to a signed-in page:\n%s", email, truncate(home, 2000))
	}
	return home
}

// fetch runs one request, following redirects, and returns the final body;
// anything but a final 200 fails the test.
func fetch(t *testing.T, c *http.Client, what string, do func() (*http.Response, error)) string {
	t.Helper()
	resp, err := do()
	if err != nil {
		t.Fatalf("%s: %v", what, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("%s: read body: %v", what, err)
	}
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("%s: ended at %s with status %d:\n%s", what, resp.Request.URL, resp.StatusCode, truncate(string(b), 2000))
	}
	return string(b)
}
