package web

import (
	"encoding/base32"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"hitori"
	"hitori/auth"
)

// TestTOTPEnrolment: the secret is the server's (160 bits, kept pending on
// the server), a secret posted by the browser is never used, and enabling
// asks for the password again.
func TestTOTPEnrolment(t *testing.T) {
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
	if b, err := base32.StdEncoding.WithPadding(base32.NoPadding).DecodeString(secret); err != nil || len(b)*8 < 160 {
		t.Fatalf("secret %q: %d bits, want 160", secret, len(b)*8)
	}
	if _, _, again := c.get("/account/2fa"); secretRE.FindStringSubmatch(again)[1] != secret {
		t.Error("reloading the page changed the pending secret (a scanned QR code would stop working)")
	}

	const forged = "AAAAAAAA" // 40 bits of the attacker's choosing
	forgedCode, _ := auth.TOTPCode(forged, e.clock.Now())
	code, _ := auth.TOTPCode(secret, e.clock.Now())
	tests := []struct {
		name string
		form url.Values
		want int
	}{
		{"a posted secret is not used", url.Values{"secret": {forged}, "code": {forgedCode}, "current": {"password123"}}, http.StatusUnprocessableEntity},
		{"without the password", url.Values{"code": {code}}, http.StatusUnprocessableEntity},
		{"wrong password", url.Values{"code": {code}, "current": {"wrong-password"}}, http.StatusUnprocessableEntity},
		{"the server's secret and the password", url.Values{"code": {code}, "current": {"password123"}}, http.StatusOK},
	}
	for _, tt := range tests {
		if status, _, body := c.post("/account/2fa", tt.form); status != tt.want {
			t.Fatalf("%s: status %d, want %d\n%.300s", tt.name, status, tt.want, body)
		}
		if u, _ := e.db.Users().FindUserByEmail(t.Context(), "a@example.com"); u.TOTPEnabled != (tt.want == http.StatusOK) {
			t.Fatalf("%s: TOTP enabled %v", tt.name, u.TOTPEnabled)
		}
	}
}

// codeMaxRE finds the maxlength of the code field on a page.
var codeMaxRE = regexp.MustCompile(`<input name="code"[^>]*maxlength="(\d+)"`)

// TestTOTPCodeFieldTakesCodeAsShown: authenticator apps show a code as
// "123 456", and people type what they see, often in full width. The
// server ignores the space; the enrolment field must not cut the code at
// six characters before it gets there (it did: maxlength="6").
func TestTOTPCodeFieldTakesCodeAsShown(t *testing.T) {
	e := newSQLiteEnv(t)
	e.mustUser("a@example.com", hitori.RoleAdmin)
	c := e.client()
	c.login("a@example.com", "password123")
	_, _, body := c.get("/account/2fa")
	m := codeMaxRE.FindStringSubmatch(body)
	if m == nil {
		t.Fatalf("no code field with a maxlength: %.500s", body)
	}
	secret := secretRE.FindStringSubmatch(body)[1]
	code, _ := auth.TOTPCode(secret, e.clock.Now())
	typed := strings.Map(func(r rune) rune { return r - '0' + '０' }, code[:3]) + " " + code[3:]
	if limit, _ := strconv.Atoi(m[1]); utf8.RuneCountInString(typed) > limit {
		t.Fatalf("the code field takes %d characters; %q, as an app shows it, has %d", limit, typed, utf8.RuneCountInString(typed))
	}
	if status, _, body := c.post("/account/2fa", url.Values{"code": {typed}, "current": {"password123"}}); status != http.StatusOK {
		t.Fatalf("enrolment with %q: status %d\n%.300s", typed, status, body)
	}
}
