package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestDBFlag: only a PostgreSQL URL or a SQLite file is a database; any
// other --db used to become a SQLite file of that name (issue 9).
func TestDBFlag(t *testing.T) {
	tests := []struct {
		db string
		ok bool
	}{
		{"", true},
		{"postgres://hitori@db.example/hitori?sslmode=require", true},
		{"postgresql://hitori@db.example/hitori", true},
		{"sqlite:///var/lib/hitori/hitori.db", true},
		{"/var/lib/hitori/hitori.db", true},
		{"data/other.sqlite", true},
		{`C:\hitori\hitori.sqlite3`, true},
		{"mysql://x", false},
		{"not a url", false},
		{"sqlite://", false},
		{"postgres:/typo", false},
		{"hitori", false},
	}
	for _, tt := range tests {
		t.Run(tt.db, func(t *testing.T) {
			if err := checkDB(tt.db); (err == nil) != tt.ok {
				t.Fatalf("checkDB(%q) = %v; want ok=%v", tt.db, err, tt.ok)
			}
		})
	}
	t.Chdir(t.TempDir())
	for _, db := range []string{"mysql://x", "not a url"} {
		code, _, errs := cli(t, "", "user", "list", "--db", db)
		if code != 1 || !strings.Contains(errs, "postgres://") || !strings.Contains(errs, ".db") {
			t.Errorf("--db %q: exit %d, %q; want exit 1 naming the accepted forms", db, code, errs)
		}
		code, _, errs = cli(t, "correct horse battery\n", "user", "create", "--db", db, "--email", "a@example.com", "--role", "admin")
		if code != 1 || !strings.Contains(errs, "postgres://") {
			t.Errorf("user create --db %q: exit %d, %q", db, code, errs)
		}
	}
	if left, _ := os.ReadDir("."); len(left) > 0 {
		t.Errorf("refused --db values left files behind: %v", left)
	}
}

// TestArguments: flags count wherever they stand, an unexpected argument is
// refused, and reading commands never create a data folder (issue 9).
func TestArguments(t *testing.T) {
	work := t.TempDir()
	t.Chdir(work)
	data := filepath.Join(work, "data")
	if code, _, errs := cli(t, "correct horse battery\n", "user", "create", "--email", "admin@example.com", "--data", data, "--role", "admin"); code != 0 {
		t.Fatalf("user create: %d %s", code, errs)
	}
	missing := filepath.Join(work, "d3")
	tests := []struct {
		name     string
		args     []string
		code     int
		inStdout string
		inStderr string
	}{
		{"serve extra", []string{"serve", "extra", "--addr", "127.0.0.1:0", "--data", data}, 2, "", `unexpected argument "extra"`},
		{"user list extra", []string{"user", "list", "extra", "--data", data}, 2, "", `unexpected argument "extra"`},
		{"user list flags after", []string{"user", "list", "--data", data}, 0, "admin@example.com", ""},
		{"token extra", []string{"token", "create", "x", "--data", data, "--email", "admin@example.com", "--name", "n"}, 2, "", `unexpected argument "x"`},
		{"mail ignored extra", []string{"mail", "ignored", "now", "--data", data}, 2, "", `unexpected argument "now"`},
		{"seed extra", []string{"seed", "many", "--items", "1", "--data", data}, 2, "", `unexpected argument "many"`},
		{"kb eval extra", []string{"kb", "eval", "x", "--queries", "q.tsv", "--data", data}, 2, "", `unexpected argument "x"`},
		{"kb export two dirs", []string{"kb", "export", "a", "b", "--data", data}, 2, "", `unexpected argument "b"`},
		{"backup two files", []string{"backup", "a.tar", "b.tar", "--data", data}, 2, "", `unexpected argument "b.tar"`},
		{"search flags after query", []string{"search", "印刷", "--data", data, "--json"}, 0, `"results"`, ""},
		{"search missing data", []string{"search", "印刷", "--data", missing}, 1, "", "does not exist"},
		{"user list missing data", []string{"user", "list", "--data", missing}, 1, "", "does not exist"},
		{"kb export missing data", []string{"kb", "export", filepath.Join(work, "out"), "--data", missing}, 1, "", "does not exist"},
		{"mail ignored missing data", []string{"mail", "ignored", "--data", missing}, 1, "", "does not exist"},
		{"search default data", []string{"search", "印刷"}, 1, "", "hitori-data"},
		{"double dash", []string{"search", "--data", data, "--", "--json"}, 0, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errs := cli(t, "", tt.args...)
			if code != tt.code || !strings.Contains(out, tt.inStdout) || !strings.Contains(errs, tt.inStderr) {
				t.Fatalf("exit %d stdout %q stderr %q; want %d, stdout containing %q, stderr containing %q", code, out, errs, tt.code, tt.inStdout, tt.inStderr)
			}
		})
	}
	for _, dir := range []string{missing, filepath.Join(work, "hitori-data"), filepath.Join(work, "out")} {
		if _, err := os.Stat(dir); err == nil {
			t.Errorf("%s was created by a command that only reads", dir)
		}
	}
}
