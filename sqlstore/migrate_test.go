package sqlstore_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"hitori"
	"hitori/sqlstore"
	"hitori/sqlstore/storetest"
)

// TestMigrationNamesMatch keeps the two dialects' migrations in step.
func TestMigrationNamesMatch(t *testing.T) {
	names := func(d string) []string {
		entries, err := os.ReadDir(filepath.Join("migrations", d))
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, e := range entries {
			out = append(out, e.Name())
		}
		return out
	}
	got, want := strings.Join(names("postgres"), ","), strings.Join(names("sqlite"), ",")
	if got != want {
		t.Fatalf("postgres migrations %s differ from sqlite %s", got, want)
	}
	// Each number once: branches that each took "the next free number"
	// must be renumbered when they meet (the store refuses to open too).
	seen := map[string]string{}
	for _, n := range names("sqlite") {
		v, _, _ := strings.Cut(n, "_")
		if other, dup := seen[v]; dup {
			t.Errorf("migrations %s and %s share number %s", other, n, v)
		}
		seen[v] = n
	}
}

func TestMigrationsIdempotentAndNewerRefused(t *testing.T) {
	for _, d := range storetest.Dialects {
		t.Run(d, func(t *testing.T) {
			ctx := context.Background()
			dsn := storetest.DSN(t, d)
			db, err := sqlstore.Open(ctx, dsn)
			if err != nil {
				t.Fatal(err)
			}
			v, err := db.SchemaVersion(ctx)
			if err != nil || v < 1 {
				t.Fatalf("schema version %d, %v", v, err)
			}
			db.Close()
			// Opening again applies nothing and keeps the version.
			db, err = sqlstore.Open(ctx, dsn)
			if err != nil {
				t.Fatalf("reopen: %v", err)
			}
			if err := db.ExecForTest(ctx, `INSERT INTO schema_migrations (version, name, applied_at) VALUES (9999, '9999_future.sql', '2030-01-01 00:00:00')`); err != nil {
				t.Fatal(err)
			}
			db.Close()
			_, err = sqlstore.Open(ctx, dsn)
			if hitori.ErrorCode(err) != hitori.ECONFLICT || !strings.Contains(hitori.ErrorMessage(err), "9999") {
				t.Fatalf("newer database: got %v, want a clear ECONFLICT", err)
			}
		})
	}
}
