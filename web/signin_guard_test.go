package web

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"hitori"
	"hitori/auth"
	"hitori/sqlstore"
	"hitori/sqlstore/storetest"
)

// signInFrom posts the sign-in form from a client address and returns the
// status and the page's error message.
func signInFrom(e *env, ip, email, password string) (int, string) {
	e.t.Helper()
	tok := strings.Repeat("c", 32)
	form := url.Values{"email": {email}, "password": {password}, "csrf": {tok}}
	req := httptest.NewRequest("POST", "/login", strings.NewReader(form.Encode()))
	req.RemoteAddr = ip + ":40000"
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.AddCookie(&http.Cookie{Name: csrfCookie, Value: tok})
	rec := httptest.NewRecorder()
	e.srv.ServeHTTP(rec, req)
	msg := regexpFind(rec.Body.String(), `class="error" role="alert">([^<]*)<`)
	return rec.Code, msg
}

// TestSigninNoEnumeration checks a stranger learns nothing from the answers
// (a real account and an unknown one answer the same statuses and
// messages) and cannot lock the owner out of another address.
func TestSigninNoEnumeration(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		e := newEnv(t, db)
		e.mustUser("admin@example.com", hitori.RoleAdmin)
		var got [2][]string
		for i, email := range []string{"admin@example.com", "nobody@example.com"} {
			for range hitori.DefaultLockoutPolicy.MaxFailures + 2 {
				status, msg := signInFrom(e, "203.0.113.9", email, "wrong-password")
				got[i] = append(got[i], http.StatusText(status)+": "+msg)
			}
		}
		for n := range got[0] {
			if got[0][n] != got[1][n] {
				t.Errorf("attempt %d: real account %q, unknown %q", n+1, got[0][n], got[1][n])
			}
		}
		if last := got[0][len(got[0])-1]; !strings.HasPrefix(last, "Too Many Requests") {
			t.Errorf("the stranger is not slowed down: %q", last)
		}
		if status, msg := signInFrom(e, "192.0.2.10", "admin@example.com", "password123"); status != http.StatusSeeOther {
			t.Fatalf("owner from the office: %d %q", status, msg)
		}
	})
}

// TestSecondFactorLock checks wrong codes are counted in the database: a
// second process (its own in-memory throttle) keeps refusing, even the
// right code, once the account's second factor is locked.
func TestSecondFactorLock(t *testing.T) {
	e := newSQLiteEnv(t)
	u := e.mustUser("a@example.com", hitori.RoleAdmin)
	key, err := auth.NewTOTPSecret("hitori", u.Email)
	if err != nil {
		t.Fatal(err)
	}
	secret := key.Secret()
	code, _ := auth.TOTPCode(secret, e.clock.Now())
	if err := e.db.Auth().BeginTOTP(t.Context(), u.ID, secret); err != nil {
		t.Fatal(err)
	}
	if _, err := e.db.Auth().EnableTOTP(t.Context(), u.ID, code); err != nil {
		t.Fatal(err)
	}
	c := e.client()
	c.post("/login", url.Values{"email": {u.Email}, "password": {"password123"}})
	for i := 1; i <= hitori.DefaultLockoutPolicy.MaxFailures; i++ {
		status, _, _ := c.post("/login/2fa", url.Values{"code": {"000000"}})
		if want := map[bool]int{true: 429, false: 422}[i == hitori.DefaultLockoutPolicy.MaxFailures]; status != want {
			t.Fatalf("wrong code %d: %d, want %d", i, status, want)
		}
	}
	other := newEnv(t, e.db) // another process on the same database
	other.clock.Add(time.Minute)
	c2 := other.client()
	c2.post("/login", url.Values{"email": {u.Email}, "password": {"password123"}})
	code, _ = auth.TOTPCode(secret, other.clock.Now())
	if status, _, body := c2.post("/login/2fa", url.Values{"code": {code}}); status != http.StatusTooManyRequests || !strings.Contains(body, "ロック") {
		t.Fatalf("right code while locked, other process: %d", status)
	}
}
