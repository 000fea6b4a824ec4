package sqlstore_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"hitori"
	"hitori/auth"
	"hitori/sqlstore"
)

// TestSQLiteFileMode checks the database and its -wal and -shm files are
// the owner's alone, for a new installation and for one created 0644.
func TestSQLiteFileMode(t *testing.T) {
	for _, tc := range []struct {
		name     string
		existing bool
	}{{"new file", false}, {"file created 0644 by an older version", true}} {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "hitori.db")
			if tc.existing {
				for _, p := range []string{path, path + "-wal", path + "-shm"} {
					if err := os.WriteFile(p, nil, 0o644); err != nil {
						t.Fatal(err)
					}
					_ = os.Chmod(p, 0o644) // past the umask
				}
			}
			db, err := sqlstore.Open(context.Background(), path)
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			db.Hasher = auth.Hasher{P: auth.TestParams}
			u := &hitori.User{Email: "a@example.com", Name: "a", Role: hitori.RoleAdmin}
			if err := db.Users().CreateUser(context.Background(), u, "password123"); err != nil {
				t.Fatal(err)
			}
			for _, p := range []string{path, path + "-wal", path + "-shm"} {
				fi, err := os.Stat(p)
				if err != nil {
					t.Fatal(err)
				}
				if got, want := fi.Mode().Perm(), os.FileMode(0o600); got != want {
					t.Errorf("%s: mode %v, want %v", filepath.Base(p), got, want)
				}
			}
		})
	}
}
