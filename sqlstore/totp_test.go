package sqlstore_test

import (
	"context"
	"database/sql"
	"os"
	"strings"
	"testing"
	"time"

	"hitori"
	"hitori/auth"
	"hitori/sqlstore"
	"hitori/sqlstore/storetest"
)

// rawSecret reads users.totp_secret as stored, past the store.
func rawSecret(t *testing.T, db *sqlstore.DB, id int64) (secret, pending string) {
	t.Helper()
	driver, dsn := "pgx", db.DSN
	if db.Dialect == sqlstore.SQLite {
		driver, dsn = "sqlite", db.Path
	}
	raw, err := sql.Open(driver, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	if err := raw.QueryRow(`SELECT totp_secret, totp_pending FROM users WHERE id = $1`, id).Scan(&secret, &pending); err != nil {
		t.Fatal(err)
	}
	return secret, pending
}

// TestTOTPSealed: enrolment and stored secrets are sealed in the database
// (and so in its WAL and backups); secrets stored in the clear by earlier
// versions keep working and are sealed at start or on their next use.
func TestTOTPSealed(t *testing.T) {
	const secret = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		now := time.Date(2026, 11, 25, 1, 0, 0, 0, time.UTC)
		db.Now = func() time.Time { return now }
		u := &hitori.User{Email: "a@example.jp", Role: hitori.RoleAdmin}
		if err := db.Users().CreateUser(ctx, u, "password123"); err != nil {
			t.Fatal(err)
		}
		code := func() string { c, _ := auth.TOTPCode(secret, now); return c }

		if _, err := db.Auth().EnableTOTP(ctx, u.ID, code()); hitori.ErrorCode(err) != hitori.EINVALID {
			t.Fatalf("enable without an enrolment: %v, want invalid", err)
		}
		if err := db.Auth().BeginTOTP(ctx, u.ID, secret); err != nil {
			t.Fatal(err)
		}
		if _, p := rawSecret(t, db, u.ID); !strings.HasPrefix(p, hitori.SealedPrefix) || strings.Contains(p, secret) {
			t.Fatalf("pending secret stored as %q, want sealed", p)
		}
		if got, err := db.Auth().PendingTOTP(ctx, u.ID); err != nil || got != secret {
			t.Fatalf("pending: %q, %v", got, err)
		}
		if _, err := db.Auth().EnableTOTP(ctx, u.ID, code()); err != nil {
			t.Fatal(err)
		}
		s, p := rawSecret(t, db, u.ID)
		if !strings.HasPrefix(s, hitori.SealedPrefix) || strings.Contains(s, secret) || p != "" {
			t.Fatalf("secret stored as %q (pending %q), want sealed and no pending", s, p)
		}
		if db.Dialect == sqlstore.SQLite {
			for _, f := range []string{db.Path, db.Path + "-wal"} {
				if b, err := os.ReadFile(f); err == nil && strings.Contains(string(b), secret) {
					t.Errorf("%s holds the secret in the clear", f)
				}
			}
		}
		now = now.Add(time.Minute)
		if err := db.Auth().VerifySecondFactor(ctx, u.ID, code()); err != nil {
			t.Fatalf("verify sealed: %v", err)
		}

		// A secret an earlier version stored in the clear.
		legacy := func() {
			if err := db.ExecForTest(ctx, `UPDATE users SET totp_secret = $1, totp_last_step = 0 WHERE id = $2`, secret, u.ID); err != nil {
				t.Fatal(err)
			}
		}
		legacy()
		now = now.Add(time.Minute)
		if err := db.Auth().VerifySecondFactor(ctx, u.ID, code()); err != nil {
			t.Fatalf("verify legacy: %v", err)
		}
		if s, _ := rawSecret(t, db, u.ID); !strings.HasPrefix(s, hitori.SealedPrefix) {
			t.Fatalf("legacy secret after use: %q, want sealed", s)
		}
		legacy()
		if n, err := db.SealTOTPSecrets(ctx); err != nil || n != 1 {
			t.Fatalf("SealTOTPSecrets: %d, %v; want 1", n, err)
		}
		if s, _ := rawSecret(t, db, u.ID); !strings.HasPrefix(s, hitori.SealedPrefix) {
			t.Fatalf("legacy secret after start: %q, want sealed", s)
		}
		if n, err := db.SealTOTPSecrets(ctx); err != nil || n != 0 {
			t.Fatalf("second SealTOTPSecrets: %d, %v; want 0", n, err)
		}
		now = now.Add(time.Minute)
		if err := db.Auth().VerifySecondFactor(ctx, u.ID, code()); err != nil {
			t.Fatalf("verify after sealing: %v", err)
		}

		// Without the key (a database restored without keys/), nothing opens.
		db.Sealer = nil
		now = now.Add(time.Minute)
		if err := db.Auth().VerifySecondFactor(ctx, u.ID, code()); hitori.ErrorCode(err) != hitori.EINTERNAL {
			t.Fatalf("verify without the key: %v, want an internal error", err)
		}
	})
}
