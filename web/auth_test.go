package web

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"hitori"
	"hitori/auth"
	"hitori/sqlstore"
	"hitori/sqlstore/storetest"
)

func TestFirstRunSetup(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		e := newEnv(t, db)
		c := e.client()
		if status, loc, _ := c.get("/"); status != http.StatusSeeOther || !strings.HasPrefix(loc, "/login") {
			t.Fatalf("GET / = %d %q, want redirect to /login", status, loc)
		}
		if status, loc, _ := c.get("/login"); status != http.StatusSeeOther || loc != "/setup" {
			t.Fatalf("GET /login with no users = %d %q, want /setup", status, loc)
		}
		status, _, body := c.get("/setup")
		if status != http.StatusOK || !strings.Contains(body, "初期設定") {
			t.Fatalf("GET /setup = %d %.200s", status, body)
		}
		form := url.Values{"email": {"admin@minato-seiko.example"}, "name": {"情シス 太郎"}, "password": {"short"}, "password2": {"short"}}
		if status, _, body := c.post("/setup", form); status != http.StatusUnprocessableEntity || !strings.Contains(body, "10 文字以上") {
			t.Fatalf("short password: %d %.300s", status, body)
		}
		form.Set("password", "correct horse battery")
		form.Set("password2", "correct horse battery")
		if status, loc, _ := c.post("/setup", form); status != http.StatusSeeOther || loc != "/" {
			t.Fatalf("POST /setup = %d %q", status, loc)
		}
		if status, _, body := c.get("/"); status != http.StatusOK || !strings.Contains(body, "情シス 太郎") {
			t.Fatalf("home after setup: %d", status)
		}
		other := e.client()
		if status, _, _ := other.post("/setup", form); status != http.StatusForbidden {
			t.Fatalf("second setup = %d, want 403", status)
		}
		if status, loc, _ := other.get("/setup"); status != http.StatusSeeOther || loc != "/login" {
			t.Fatalf("GET /setup after setup = %d %q", status, loc)
		}
	})
}

func TestCSRFRejected(t *testing.T) {
	e := newSQLiteEnv(t)
	e.mustUser("a@example.com", hitori.RoleAdmin)
	c := e.client()
	c.get("/login")
	tests := []struct {
		name   string
		form   url.Values
		origin string
		want   int
	}{
		{"no token", url.Values{"csrf": {""}}, "", http.StatusForbidden},
		{"wrong token", url.Values{"csrf": {strings.Repeat("x", 40)}}, "", http.StatusForbidden},
		{"cross-site origin", url.Values{}, "https://evil.example", http.StatusForbidden},
		{"good", url.Values{}, "", http.StatusSeeOther},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.form.Set("email", "a@example.com")
			tt.form.Set("password", "password123")
			if _, ok := tt.form["csrf"]; !ok {
				tt.form.Set("csrf", c.cookie(csrfCookie))
			}
			req, _ := http.NewRequest("POST", e.ts.URL+"/login", strings.NewReader(tt.form.Encode()))
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			if tt.origin != "" {
				req.Header.Set("Origin", tt.origin)
				req.Header.Set("Sec-Fetch-Site", "cross-site")
			}
			if got, _, body := c.do(req); got != tt.want {
				t.Fatalf("status = %d, want %d (%.200s)", got, tt.want, body)
			}
		})
	}
}

func TestSessionFixationAndLogout(t *testing.T) {
	e := newSQLiteEnv(t)
	e.mustUser("a@example.com", hitori.RoleAdmin)
	c := e.client()
	c.login("a@example.com", "password123")
	first := c.cookie(sessionCookie)
	// An attacker who planted `first` in the victim's browser gains nothing:
	// signing in again issues a new token and ends the planted one.
	c.login("a@example.com", "password123")
	second := c.cookie(sessionCookie)
	if first == "" || first == second {
		t.Fatalf("session token not rotated on sign-in: %q → %q", first, second)
	}
	attacker := e.client()
	attacker.setCookie(sessionCookie, first)
	if status, _, _ := attacker.get("/"); status != http.StatusSeeOther {
		t.Fatalf("planted token still works: %d", status)
	}
	if status, loc, _ := c.post("/logout", nil); status != http.StatusSeeOther || loc != "/login" {
		t.Fatalf("logout = %d %q", status, loc)
	}
	stolen := e.client()
	stolen.setCookie(sessionCookie, second)
	if status, _, _ := stolen.get("/"); status != http.StatusSeeOther {
		t.Fatalf("token works after logout: %d", status)
	}
}

func TestSessionExpiry(t *testing.T) {
	tests := []struct {
		name  string
		steps []time.Duration // time passing between requests
		want  int
	}{
		{"active", []time.Duration{time.Hour, time.Hour}, http.StatusOK},
		{"idle", []time.Duration{hitori.DefaultSessionPolicy.Idle + time.Minute}, http.StatusSeeOther},
		{"absolute", func() []time.Duration {
			var s []time.Duration
			for d := time.Duration(0); d <= hitori.DefaultSessionPolicy.Absolute; d += 6 * time.Hour {
				s = append(s, 6*time.Hour)
			}
			return s
		}(), http.StatusSeeOther},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newSQLiteEnv(t)
			e.mustUser("a@example.com", hitori.RoleAdmin)
			c := e.client()
			c.login("a@example.com", "password123")
			status := 0
			for _, d := range tt.steps {
				e.clock.Add(d)
				status, _, _ = c.get("/")
			}
			if status != tt.want {
				t.Fatalf("after %v: status %d, want %d", tt.steps, status, tt.want)
			}
		})
	}
}

func TestLockout(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		e := newEnv(t, db)
		e.mustUser("a@example.com", hitori.RoleAdmin)
		c := e.client()
		for i := 0; i < hitori.DefaultLockoutPolicy.MaxFailures-1; i++ {
			if status, _, body := c.post("/login", url.Values{"email": {"a@example.com"}, "password": {"wrong-password"}}); status != http.StatusUnauthorized || !strings.Contains(body, "パスワードが違います") {
				t.Fatalf("attempt %d: %d", i, status)
			}
		}
		if status, _, _ := c.post("/login", url.Values{"email": {"a@example.com"}, "password": {"wrong-password"}}); status != http.StatusTooManyRequests {
			t.Fatalf("locking attempt: %d, want 429", status)
		}
		if status, _, body := c.post("/login", url.Values{"email": {"a@example.com"}, "password": {"password123"}}); status != http.StatusTooManyRequests || !strings.Contains(body, "ロック") {
			t.Fatalf("right password while locked: %d", status)
		}
		events, _, err := db.Audit().FindAuditEvents(context.Background(), hitori.AuditFilter{Action: hitori.AuditLockout})
		if err != nil || len(events) != 1 {
			t.Fatalf("lockout audit events = %d, %v", len(events), err)
		}
		e.clock.Add(hitori.DefaultLockoutPolicy.LockFor + time.Second)
		c.login("a@example.com", "password123")
	})
}

func TestIPThrottle(t *testing.T) {
	e := newSQLiteEnv(t)
	c := e.client()
	var status int
	for i := 0; i < 21; i++ {
		status, _, _ = c.post("/login", url.Values{"email": {"nobody" + string(rune('a'+i)) + "@example.com"}, "password": {"x"}})
	}
	if status != http.StatusTooManyRequests {
		t.Fatalf("21st failure from one address: %d, want 429", status)
	}
}

var secretRE = regexp.MustCompile(`data-testid="totp-secret">([A-Z2-7]+)<`)
var codeRE = regexp.MustCompile(`<code>([a-z2-7]{4}-[a-z2-7]{4})</code>`)

func TestTOTP(t *testing.T) {
	e := newSQLiteEnv(t)
	e.mustUser("a@example.com", hitori.RoleAdmin)
	c := e.client()
	c.login("a@example.com", "password123")
	_, _, body := c.get("/account/2fa")
	m := secretRE.FindStringSubmatch(body)
	if m == nil {
		t.Fatalf("no secret on page: %.500s", body)
	}
	secret := m[1]
	if status, _, _ := c.post("/account/2fa", url.Values{"current": {"password123"}, "code": {"000000"}}); status != http.StatusUnprocessableEntity {
		t.Fatalf("wrong enrolment code: %d", status)
	}
	code, _ := auth.TOTPCode(secret, e.clock.Now())
	status, _, body := c.post("/account/2fa", url.Values{"current": {"password123"}, "code": {code}})
	codes := codeRE.FindAllStringSubmatch(body, -1)
	if status != http.StatusOK || len(codes) != hitori.RecoveryCodeCount {
		t.Fatalf("enable: %d, %d recovery codes", status, len(codes))
	}
	c.post("/logout", nil)

	e.clock.Add(time.Minute)
	status, loc, _ := c.post("/login", url.Values{"email": {"a@example.com"}, "password": {"password123"}, "next": {"/account"}})
	if status != http.StatusSeeOther || !strings.HasPrefix(loc, "/login/2fa") {
		t.Fatalf("password step: %d %q", status, loc)
	}
	if status, loc, _ := c.get("/"); status != http.StatusSeeOther || loc != "/login/2fa" {
		t.Fatalf("pending session reached home: %d %q", status, loc)
	}
	if status, _, _ := c.post("/login/2fa", url.Values{"code": {"123456"}}); status != http.StatusUnprocessableEntity {
		t.Fatalf("wrong code: %d", status)
	}
	pending := c.cookie(sessionCookie)
	code, _ = auth.TOTPCode(secret, e.clock.Now())
	if status, loc, _ := c.post("/login/2fa", url.Values{"code": {code}, "next": {"/account"}}); status != http.StatusSeeOther || loc != "/account" {
		t.Fatalf("right code: %d %q", status, loc)
	}
	if c.cookie(sessionCookie) == pending {
		t.Fatal("session token not rotated after the second factor")
	}
	// The same code cannot be replayed in another sign-in.
	c2 := e.client()
	c2.post("/login", url.Values{"email": {"a@example.com"}, "password": {"password123"}})
	if status, _, body := c2.post("/login/2fa", url.Values{"code": {code}}); status != http.StatusUnprocessableEntity || !strings.Contains(body, "使用済み") {
		t.Fatalf("replayed code: %d", status)
	}
	// A recovery code works exactly once.
	rc := codes[0][1]
	if status, _, _ := c2.post("/login/2fa", url.Values{"code": {strings.ToUpper(rc)}}); status != http.StatusSeeOther {
		t.Fatalf("recovery code: %d", status)
	}
	c3 := e.client()
	c3.post("/login", url.Values{"email": {"a@example.com"}, "password": {"password123"}})
	if status, _, _ := c3.post("/login/2fa", url.Values{"code": {rc}}); status != http.StatusUnprocessableEntity {
		t.Fatalf("reused recovery code: %d", status)
	}
}

func TestTokenRevocation(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		e := newEnv(t, db)
		u := e.mustUser("a@example.com", hitori.RoleTechnician)
		token, tok, err := db.Auth().CreateToken(context.Background(), u.ID, "script")
		if err != nil {
			t.Fatal(err)
		}
		c := e.client()
		call := func(path string) int {
			status, _, _ := c.get(path, "Authorization", "Bearer "+token)
			return status
		}
		if got := call("/api/v1/me"); got != http.StatusOK {
			t.Fatalf("token: %d", got)
		}
		if got := call("/account"); got != http.StatusForbidden {
			t.Fatalf("token on a page route: %d, want 403", got)
		}
		if err := db.Auth().RevokeToken(context.Background(), u.ID, tok.ID); err != nil {
			t.Fatal(err)
		}
		if got := call("/api/v1/me"); got != http.StatusUnauthorized {
			t.Fatalf("revoked token: %d, want 401", got)
		}
		if status, _, _ := c.get("/api/v1/me", "Authorization", "Bearer hit_nonsense_token_value"); status != http.StatusUnauthorized {
			t.Fatalf("bad token: %d", status)
		}
	})
}

func TestLanguage(t *testing.T) {
	e := newSQLiteEnv(t)
	e.mustUser("a@example.com", hitori.RoleAdmin)
	c := e.client()
	if _, _, body := c.get("/login", "Accept-Language", "en-US,en;q=0.9"); !strings.Contains(body, "Sign in") {
		t.Fatal("Accept-Language en did not give English")
	}
	if _, _, body := c.get("/login"); !strings.Contains(body, "ログイン") {
		t.Fatal("default is not Japanese")
	}
	c.post("/lang", url.Values{"lang": {"en"}, "next": {"/login"}})
	if _, _, body := c.get("/login"); !strings.Contains(body, "Sign in") {
		t.Fatal("language cookie ignored")
	}
	c.login("a@example.com", "password123")
	c.post("/lang", url.Values{"lang": {"ja"}, "next": {"/"}})
	u, _ := e.db.Users().FindUserByEmail(context.Background(), "a@example.com")
	if u.Lang != "ja" {
		t.Fatalf("user language = %q", u.Lang)
	}
	if status, _, _ := c.post("/lang", url.Values{"lang": {"xx"}}); status != http.StatusUnprocessableEntity {
		t.Fatalf("unknown language: %d", status)
	}
	if status, loc, _ := c.post("/lang", url.Values{"lang": {"en"}, "next": {"//evil.example/"}}); status != http.StatusSeeOther || loc != "/" {
		t.Fatalf("open redirect: %d %q", status, loc)
	}
}
