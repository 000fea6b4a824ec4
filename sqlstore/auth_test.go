package sqlstore_test

import (
	"context"
	"testing"
	"time"

	"hitori"
	"hitori/auth"
	"hitori/sqlstore"
	"hitori/sqlstore/storetest"
)

// fakeClock is a settable clock for the store.
type fakeClock struct{ t time.Time }

func (c *fakeClock) now() time.Time          { return c.t }
func (c *fakeClock) advance(d time.Duration) { c.t = c.t.Add(d) }

// mustClock gives db a fake clock starting at a fixed instant.
func mustClock(tb testing.TB, db *sqlstore.DB) *fakeClock {
	tb.Helper()
	c := &fakeClock{t: time.Date(2026, 12, 6, 9, 0, 0, 0, time.UTC)}
	db.Now = c.now
	return c
}

// wantCode fails unless err carries the code (and, when key is set, the message key).
func wantCode(tb testing.TB, what string, err error, code, key string) {
	tb.Helper()
	if code == "" {
		if err != nil {
			tb.Fatalf("%s: got %v, want success", what, err)
		}
		return
	}
	e, ok := hitori.AsError(err)
	if !ok || e.Code != code || key != "" && e.Key != key {
		tb.Fatalf("%s: got %v, want %s %s", what, err, code, key)
	}
}

func TestAuthenticate(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		mustClock(t, db)
		u := MustCreateUser(t, db, "sato@example.com", hitori.RoleTechnician)
		off := MustCreateUser(t, db, "off@example.com", hitori.RoleTechnician)
		yes := true
		if _, err := db.Users().UpdateUser(ctx, off.ID, hitori.UserUpdate{Disabled: &yes}); err != nil {
			t.Fatal(err)
		}
		tests := []struct {
			name, email, pw string
			code            string
		}{
			{"right password", "sato@example.com", "password123", ""},
			{"address in other case and spaces", " SATO@Example.com ", "password123", ""},
			{"wrong password", "sato@example.com", "password124", hitori.EUNAUTHORIZED},
			{"empty password", "sato@example.com", "", hitori.EUNAUTHORIZED},
			{"unknown account", "nobody@example.com", "password123", hitori.EUNAUTHORIZED},
			{"disabled account, right password", "off@example.com", "password123", hitori.EUNAUTHORIZED},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				got, err := db.Auth().Authenticate(ctx, tt.email, tt.pw, "192.0.2.1")
				wantCode(t, "Authenticate", err, tt.code, "")
				if tt.code == "" && (got == nil || got.ID != u.ID) {
					t.Fatalf("Authenticate = %+v, want user %d", got, u.ID)
				}
			})
		}
	})
}

// TestLockout: the account locks on exactly the MaxFailures-th failure in a
// row, stays locked against the right password, and opens after LockFor.
func TestLockout(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		clk := mustClock(t, db)
		db.Lockout = hitori.LockoutPolicy{MaxFailures: 3, LockFor: 15 * time.Minute}
		MustCreateUser(t, db, "sato@example.com", hitori.RoleTechnician)
		login := func(pw string) error {
			_, err := db.Auth().Authenticate(ctx, "sato@example.com", pw, "192.0.2.1")
			return err
		}
		steps := []struct {
			name  string
			later time.Duration
			pw    string
			code  string
		}{
			{"failure 1", 0, "bad", hitori.EUNAUTHORIZED},
			{"failure 2", 0, "bad", hitori.EUNAUTHORIZED},
			{"success resets the count", 0, "password123", ""},
			{"failure 1 again", 0, "bad", hitori.EUNAUTHORIZED},
			{"failure 2 again", 0, "bad", hitori.EUNAUTHORIZED},
			// From this address the account now waits a minute (the wait
			// doubles with each further failure; signin_guard_test.go).
			{"failure 3 pauses this address", 0, "bad", hitori.ETOOMANY},
			{"right password while paused", 30 * time.Second, "password123", hitori.ETOOMANY},
			{"still paused just before the end", 29 * time.Second, "password123", hitori.ETOOMANY},
			{"open after the wait", time.Second, "password123", ""},
			{"count starts afresh", 0, "bad", hitori.EUNAUTHORIZED},
		}
		for _, s := range steps {
			clk.advance(s.later)
			wantCode(t, s.name, login(s.pw), s.code, "")
		}
	})
}

// TestSessions covers the idle and absolute limits with a fake clock, pending
// second-factor sessions, promotion, and sign-out.
func TestSessions(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		clk := mustClock(t, db)
		db.Sessions = hitori.SessionPolicy{Idle: time.Hour, Absolute: 4 * time.Hour}
		u := MustCreateUser(t, db, "sato@example.com", hitori.RoleTechnician)
		find := func(token string) error {
			_, got, err := db.Auth().FindSession(ctx, token)
			if err == nil && got.ID != u.ID {
				t.Fatalf("FindSession user = %d, want %d", got.ID, u.ID)
			}
			return err
		}
		mustSession := func(pending bool) string {
			t.Helper()
			tok, s, err := db.Auth().CreateSession(ctx, u.ID, pending, "192.0.2.1", "test")
			if err != nil || tok == "" || s.UserID != u.ID || s.Pending2FA != pending {
				t.Fatalf("CreateSession = %q, %+v, %v", tok, s, err)
			}
			return tok
		}

		t.Run("idle", func(t *testing.T) {
			tok := mustSession(false)
			clk.advance(59 * time.Minute)
			wantCode(t, "after 59 min idle", find(tok), "", "")
			clk.advance(59 * time.Minute) // 59 min since the last use
			wantCode(t, "59 min after the last use", find(tok), "", "")
			clk.advance(61 * time.Minute)
			wantCode(t, "61 min idle", find(tok), hitori.EUNAUTHORIZED, "error.session_expired")
			clk.advance(-time.Hour) // the expired session was deleted, not just refused
			wantCode(t, "after deletion", find(tok), hitori.EUNAUTHORIZED, "")
		})

		t.Run("absolute", func(t *testing.T) {
			tok := mustSession(false)
			for used := time.Duration(0); used < 4*time.Hour-45*time.Minute; {
				clk.advance(45 * time.Minute)
				used += 45 * time.Minute
				wantCode(t, "in use at "+used.String(), find(tok), "", "")
			}
			clk.advance(45 * time.Minute) // 4h30 since sign-in, 45 min since the last use
			wantCode(t, "past the absolute limit while in use", find(tok), hitori.EUNAUTHORIZED, "error.session_expired")
		})

		t.Run("pending second factor lasts ten minutes", func(t *testing.T) {
			tok := mustSession(true)
			s, _, err := db.Auth().FindSession(ctx, tok)
			if err != nil || !s.Pending2FA {
				t.Fatalf("pending session = %+v, %v", s, err)
			}
			clk.advance(10 * time.Minute)
			wantCode(t, "pending after 10 min", find(tok), hitori.EUNAUTHORIZED, "")
		})

		t.Run("promote", func(t *testing.T) {
			old := mustSession(true)
			tok, s, err := db.Auth().PromoteSession(ctx, old)
			if err != nil || tok == old || s.Pending2FA {
				t.Fatalf("PromoteSession = %q, %+v, %v", tok, s, err)
			}
			wantCode(t, "old token after promotion", find(old), hitori.EUNAUTHORIZED, "")
			wantCode(t, "new token", find(tok), "", "")
		})

		t.Run("sign out", func(t *testing.T) {
			a, b := mustSession(false), mustSession(false)
			if err := db.Auth().DeleteSession(ctx, a); err != nil {
				t.Fatal(err)
			}
			wantCode(t, "deleted session", find(a), hitori.EUNAUTHORIZED, "")
			wantCode(t, "other session", find(b), "", "")
			if err := db.Auth().DeleteUserSessions(ctx, u.ID); err != nil {
				t.Fatal(err)
			}
			wantCode(t, "after signing out everywhere", find(b), hitori.EUNAUTHORIZED, "")
		})

		t.Run("disabled user", func(t *testing.T) {
			tok := mustSession(false)
			yes, no := true, false
			if _, err := db.Users().UpdateUser(ctx, u.ID, hitori.UserUpdate{Disabled: &yes}); err != nil {
				t.Fatal(err)
			}
			wantCode(t, "disabled user's session", find(tok), hitori.EUNAUTHORIZED, "")
			if _, err := db.Users().UpdateUser(ctx, u.ID, hitori.UserUpdate{Disabled: &no}); err != nil {
				t.Fatal(err)
			}
			// Disabling through UpdateUser also deletes sessions; the lookup
			// must refuse a disabled account's session on its own too (an
			// account disabled by a restore, or by SQL in an emergency).
			tok = mustSession(false)
			if err := db.ExecForTest(ctx, `UPDATE users SET disabled = TRUE WHERE id = $1`, u.ID); err != nil {
				t.Fatal(err)
			}
			wantCode(t, "session of an account disabled in the table", find(tok), hitori.EUNAUTHORIZED, "")
			if err := db.ExecForTest(ctx, `UPDATE users SET disabled = FALSE WHERE id = $1`, u.ID); err != nil {
				t.Fatal(err)
			}
		})

		for _, bad := range []string{"", "x", string(make([]byte, 200))} {
			wantCode(t, "made-up token", find(bad), hitori.EUNAUTHORIZED, "")
		}
	})
}

// TestAPITokens: a token works until revoked, only its owner can revoke it,
// and a disabled owner's tokens stop working.
func TestAPITokens(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		mustClock(t, db)
		u := MustCreateUser(t, db, "sato@example.com", hitori.RoleTechnician)
		other := MustCreateUser(t, db, "suzuki@example.com", hitori.RoleTechnician)
		tok, at, err := db.Auth().CreateToken(ctx, u.ID, "  backup script ")
		if err != nil || at.Name != "backup script" || at.Prefix != tok[:10] || len(tok) < 30 {
			t.Fatalf("CreateToken = %q, %+v, %v", tok, at, err)
		}
		if got, err := db.Auth().FindUserByToken(ctx, tok); err != nil || got.ID != u.ID {
			t.Fatalf("FindUserByToken = %+v, %v", got, err)
		}
		for _, bad := range []string{"", "hit_short", tok[:len(tok)-1], tok + "x", tok[:len(tok)-1] + "A"} {
			_, err := db.Auth().FindUserByToken(ctx, bad)
			wantCode(t, "FindUserByToken("+bad+")", err, hitori.EUNAUTHORIZED, "")
		}
		_, _, err = db.Auth().CreateToken(ctx, u.ID, " ")
		wantCode(t, "blank name", err, hitori.EINVALID, "")

		ts, err := db.Auth().FindTokens(ctx, u.ID)
		if err != nil || len(ts) != 1 || ts[0].ID != at.ID || ts[0].LastUsedAt == nil {
			t.Fatalf("FindTokens = %+v, %v; want one used token", ts, err)
		}
		wantCode(t, "revoke by another user", db.Auth().RevokeToken(ctx, other.ID, at.ID), hitori.ENOTFOUND, "")
		if _, err := db.Auth().FindUserByToken(ctx, tok); err != nil {
			t.Fatalf("token after a stranger's revoke attempt: %v", err)
		}

		yes, no := true, false
		if _, err := db.Users().UpdateUser(ctx, u.ID, hitori.UserUpdate{Disabled: &yes}); err != nil {
			t.Fatal(err)
		}
		_, err = db.Auth().FindUserByToken(ctx, tok)
		wantCode(t, "disabled owner", err, hitori.EUNAUTHORIZED, "")
		if _, err := db.Users().UpdateUser(ctx, u.ID, hitori.UserUpdate{Disabled: &no}); err != nil {
			t.Fatal(err)
		}

		// Disabling the account revoked the token for good (issue 8).
		_, err = db.Auth().FindUserByToken(ctx, tok)
		wantCode(t, "token after re-enabling", err, hitori.EUNAUTHORIZED, "")
		wantCode(t, "revoke of a revoked token", db.Auth().RevokeToken(ctx, u.ID, at.ID), hitori.ENOTFOUND, "")

		tok2, at2, err := db.Auth().CreateToken(ctx, u.ID, "second")
		if err != nil {
			t.Fatal(err)
		}
		wantCode(t, "revoke", db.Auth().RevokeToken(ctx, u.ID, at2.ID), "", "")
		_, err = db.Auth().FindUserByToken(ctx, tok2)
		wantCode(t, "revoked token", err, hitori.EUNAUTHORIZED, "")
		wantCode(t, "revoke twice", db.Auth().RevokeToken(ctx, u.ID, at2.ID), hitori.ENOTFOUND, "")
	})
}

// TestTOTP: the code that enabled 2FA cannot sign in again; each later code
// works once; recovery codes work once each; disabling removes the factor.
func TestTOTP(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		clk := mustClock(t, db)
		u := MustCreateUser(t, db, "sato@example.com", hitori.RoleTechnician)
		key, err := auth.NewTOTPSecret("hitori", u.Email)
		if err != nil {
			t.Fatal(err)
		}
		code := func() string {
			t.Helper()
			c, err := auth.TOTPCode(key.Secret(), clk.now())
			if err != nil {
				t.Fatal(err)
			}
			return c
		}
		verify := func(c string) error { return db.Auth().VerifySecondFactor(ctx, u.ID, c) }

		wantCode(t, "second factor before enabling", verify(code()), hitori.EINVALID, "error.totp_invalid")
		if err := db.Auth().BeginTOTP(ctx, u.ID, key.Secret()); err != nil {
			t.Fatal(err)
		}
		_, err = db.Auth().EnableTOTP(ctx, u.ID, "000000")
		if e, ok := hitori.AsError(err); !ok || e.Fields["code"] == "" {
			if c := code(); c != "000000" { // a one-in-a-million real code
				t.Fatalf("EnableTOTP with a wrong code: got %v, want a field error on code", err)
			}
		}
		enrol := code()
		recovery, err := db.Auth().EnableTOTP(ctx, u.ID, enrol)
		if err != nil || len(recovery) != hitori.RecoveryCodeCount {
			t.Fatalf("EnableTOTP = %d codes, %v", len(recovery), err)
		}
		// Signed out and straight back in, within the same 30 seconds.
		wantCode(t, "enrolment code replayed at sign-in", verify(enrol), hitori.EINVALID, "error.totp_reused")

		clk.advance(30 * time.Second)
		next := code()
		wantCode(t, "next step's code", verify(next), "", "")
		wantCode(t, "same code twice", verify(next), hitori.EINVALID, "error.totp_reused")
		wantCode(t, "wrong code", verify("12345"), hitori.EINVALID, "error.totp_invalid")

		wantCode(t, "recovery code", verify(recovery[0]), "", "")
		wantCode(t, "recovery code reused", verify(recovery[0]), hitori.EINVALID, "error.totp_invalid")
		if n, err := db.Auth().RecoveryCodesLeft(ctx, u.ID); err != nil || n != hitori.RecoveryCodeCount-1 {
			t.Fatalf("RecoveryCodesLeft = %d, %v; want %d", n, err, hitori.RecoveryCodeCount-1)
		}

		wantCode(t, "disable", db.Auth().DisableTOTP(ctx, u.ID), "", "")
		clk.advance(30 * time.Second)
		wantCode(t, "code after disabling", verify(code()), hitori.EINVALID, "error.totp_invalid")
		wantCode(t, "recovery code after disabling", verify(recovery[1]), hitori.EINVALID, "error.totp_invalid")
	})
}
