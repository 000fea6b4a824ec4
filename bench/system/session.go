package main

import (
	"fmt"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"strings"
)

// session is a signed-in browser: its cookies and CSRF token.
type session struct {
	base   string
	cookie string // the Cookie header a browser sends
	csrf   string
}

// signIn does what a browser does: GET /login for the CSRF cookie, then
// posts the form with the token; the answer must set a session cookie.
func signIn(base, email, password string) (*session, error) {
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := c.Get(base + "/login")
	if err != nil {
		return nil, err
	}
	_, _ = io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	u, _ := url.Parse(base)
	csrf := cookieValue(jar.Cookies(u), "hitori_csrf")
	if csrf == "" {
		return nil, fmt.Errorf("GET /login set no hitori_csrf cookie")
	}
	form := url.Values{"email": {email}, "password": {password}, "csrf": {csrf}}
	resp, err = c.PostForm(base+"/login", form)
	if err != nil {
		return nil, err
	}
	_, _ = io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	sess := cookieValue(jar.Cookies(u), "hitori_session")
	if resp.StatusCode != http.StatusSeeOther || sess == "" {
		return nil, fmt.Errorf("sign-in as %s answered %d without a session (2FA or a wrong password?)", email, resp.StatusCode)
	}
	if loc := resp.Header.Get("Location"); strings.Contains(loc, "2fa") {
		return nil, fmt.Errorf("sign-in as %s asks for a second factor: use an account without 2FA", email)
	}
	return &session{base: base, cookie: "hitori_session=" + sess + "; hitori_csrf=" + csrf, csrf: csrf}, nil
}

func cookieValue(cs []*http.Cookie, name string) string {
	for _, c := range cs {
		if c.Name == name {
			return c.Value
		}
	}
	return ""
}

// get builds a GET of path with the session's cookies.
func (s *session) get(path string) (*http.Request, error) {
	req, err := http.NewRequest(http.MethodGet, s.base+path, nil)
	if err == nil {
		req.Header.Set("Cookie", s.cookie)
	}
	return req, err
}

// postForm builds a form post as the browser sends it, token in the form.
func (s *session) postForm(path string, form url.Values) (*http.Request, error) {
	form.Set("csrf", s.csrf)
	req, err := http.NewRequest(http.MethodPost, s.base+path, strings.NewReader(form.Encode()))
	if err == nil {
		req.Header.Set("Cookie", s.cookie)
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	return req, err
}

// postJSON builds a fetch() post of the page's script: JSON, token in the header.
func (s *session) postJSON(path, body string) (*http.Request, error) {
	req, err := http.NewRequest(http.MethodPost, s.base+path, strings.NewReader(body))
	if err == nil {
		req.Header.Set("Cookie", s.cookie)
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("X-CSRF-Token", s.csrf)
	}
	return req, err
}
