// Package storetest opens real databases for tests: a fresh SQLite file, and a
// fresh PostgreSQL schema when HITORI_TEST_POSTGRES names a server.
package storetest

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"testing"

	"hitori/auth"
	"hitori/sealed"
	"hitori/sqlstore"
)

// RequireAll reports whether missing outside programs must fail tests (CI sets it).
func RequireAll() bool { return os.Getenv("HITORI_TEST_REQUIRE_ALL") == "1" }

// Skip skips the test with a clear reason, or fails it under HITORI_TEST_REQUIRE_ALL=1.
func Skip(tb testing.TB, format string, args ...any) {
	tb.Helper()
	msg := fmt.Sprintf(format, args...)
	if RequireAll() {
		tb.Fatalf("required by HITORI_TEST_REQUIRE_ALL=1 but unavailable: %s", msg)
	}
	tb.Skipf("SKIPPED: %s", msg)
}

// Dialects lists the databases every store test runs on.
var Dialects = []string{sqlstore.SQLite, sqlstore.Postgres}

// Each runs fn once per database as a subtest.
func Each(t *testing.T, fn func(t *testing.T, db *sqlstore.DB)) {
	for _, d := range Dialects {
		t.Run(d, func(t *testing.T) { fn(t, Open(t, d)) })
	}
}

// DSN returns a connection string for a fresh, empty database of the dialect.
func DSN(tb testing.TB, dialect string) string {
	tb.Helper()
	if dialect == sqlstore.SQLite {
		return filepath.Join(tb.TempDir(), "hitori.db")
	}
	base := os.Getenv("HITORI_TEST_POSTGRES")
	if base == "" {
		Skip(tb, "PostgreSQL tests need HITORI_TEST_POSTGRES=postgres://… (.ci/run sets it)")
	}
	admin, err := sql.Open("pgx", base)
	if err != nil {
		tb.Fatal(err)
	}
	defer admin.Close()
	schema := "t_" + auth.RandomToken("", 10)
	if _, err := admin.Exec(`CREATE SCHEMA ` + schema); err != nil {
		Skip(tb, "PostgreSQL at %s unreachable: %v", sqlstore.Redact(base), err)
	}
	// Migration 0014 creates pg_trgm where the search_path points, if it is
	// missing: in one test's schema, whose DROP … CASCADE would then take
	// every other test's trigram indexes with it. Put it outside them all.
	// An error (two tests racing to create it) leaves it created.
	_, _ = admin.Exec(`CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA public`)
	tb.Cleanup(func() {
		if a, err := sql.Open("pgx", base); err == nil {
			_, _ = a.Exec(`DROP SCHEMA ` + schema + ` CASCADE`)
			a.Close()
		}
	})
	u, err := url.Parse(base)
	if err != nil {
		tb.Fatal(err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}

// Open opens a fresh migrated database with cheap password hashing.
func Open(tb testing.TB, dialect string) *sqlstore.DB {
	tb.Helper()
	db, err := sqlstore.Open(context.Background(), DSN(tb, dialect))
	if err != nil {
		tb.Fatalf("open %s: %v", dialect, err)
	}
	db.Hasher, db.TOTP = auth.Hasher{P: auth.TestParams}, auth.TOTP{}
	db.Sealer = sealed.New(filepath.Join(tb.TempDir(), "keys"))
	tb.Cleanup(func() { db.Close() })
	return db
}
