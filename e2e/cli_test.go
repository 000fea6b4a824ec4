package e2e

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// The technician the command line creates.
const (
	techEmail    = "tech@example.com"
	techPassword = "tech-password-2026"
)

// tokenPattern is what "hitori token create" prints: the prefix that makes
// a leaked token easy to search for, then lower-case base32.
var tokenPattern = regexp.MustCompile(`^hit_[a-z2-7]{20,}$`)

// TestCLIAgainstRunningServer runs the maintenance commands the way an
// operator does, on the data folder of a server that keeps running: SQLite
// must let a second process write and snapshot while the server holds the
// database open, and the server must see the changes at once.
func TestCLIAgainstRunningServer(t *testing.T) {
	data := t.TempDir()
	srv := startServer(t, data)

	out := mustHitori(t, techPassword+"\n", "user", "create", "--data", data, "--email", techEmail, "--role", "technician")
	if !strings.Contains(out, techEmail) {
		t.Errorf("user create printed %q, want it to name %s", out, techEmail)
	}

	// Scripts capture the token with $(hitori token create …), so standard
	// output must hold the token and nothing else.
	out = mustHitori(t, "", "token", "create", "--data", data, "--email", techEmail, "--name", "e2e")
	token := strings.TrimSuffix(out, "\n")
	if strings.Count(out, "\n") != 1 || !tokenPattern.MatchString(token) {
		t.Fatalf("token create stdout = %q, want one line holding only a token like hit_…", out)
	}
	if me := apiMe(t, srv.URL, token); me.Email != techEmail || me.Role != "technician" {
		t.Errorf("GET /api/v1/me with the new token = %+v, want %s (technician)", me, techEmail)
	}

	list := mustHitori(t, "", "user", "list", "--data", data)
	if !listed(list, techEmail, "technician") {
		t.Errorf("user list does not show %s as technician:\n%s", techEmail, list)
	}

	backup := filepath.Join(t.TempDir(), "hitori.backup")
	mustHitori(t, "", "backup", "--data", data, backup)
	if fi, err := os.Stat(backup); err != nil || fi.Size() == 0 {
		t.Fatalf("backup file %s: %v (size %d), want a non-empty file", backup, err, sizeOf(fi))
	}
	apiMe(t, srv.URL, token) // the server still answers after the snapshot

	restored := filepath.Join(t.TempDir(), "restored")
	mustHitori(t, "", "restore", "--data", restored, backup)
	if r := runHitori(t, "", "restore", "--data", restored, backup); r.Code != 1 {
		t.Errorf("a second restore into %s: exit %d, want 1: restore must refuse to overwrite data\n%s", restored, r.Code, r.Stdout+r.Stderr)
	}

	// The restored folder is a complete install: the technician signs in
	// with the password set above, and the token still works.
	srv2 := startServer(t, restored)
	home := signInHTTP(t, srv2.URL, techEmail, techPassword)
	if !strings.Contains(home, techEmail) {
		t.Errorf("home page after signing in to the restored server does not show %s", techEmail)
	}
	if me := apiMe(t, srv2.URL, token); me.Email != techEmail {
		t.Errorf("restored server: GET /api/v1/me = %+v, want %s", me, techEmail)
	}
}

// listed reports whether a "user list" table has a row with both words.
func listed(table, email, role string) bool {
	for line := range strings.Lines(table) {
		f := strings.Fields(line)
		if slices.Contains(f, email) && slices.Contains(f, role) {
			return true
		}
	}
	return false
}

func sizeOf(fi os.FileInfo) int64 {
	if fi == nil {
		return 0
	}
	return fi.Size()
}

// TestCLIHelp checks the command line's manners: every command explains
// itself on --help and exits 0 without touching anything, and misuse exits 2.
func TestCLIHelp(t *testing.T) {
	tests := []struct {
		args []string
		code int
		want string // in stdout or stderr
	}{
		{[]string{"--help"}, 0, "Usage"},
		{[]string{"help"}, 0, "Usage"},
		{[]string{"version"}, 0, "hitori"},
		{[]string{"serve", "--help"}, 0, "Usage: hitori serve"},
		{[]string{"user", "--help"}, 0, "hitori user create"},
		{[]string{"user", "create", "--help"}, 0, "Usage: hitori user create"},
		{[]string{"user", "passwd", "--help"}, 0, "Usage: hitori user passwd"},
		{[]string{"user", "list", "--help"}, 0, "Usage: hitori user list"},
		{[]string{"token", "--help"}, 0, "Usage: hitori token create"},
		{[]string{"token", "create", "--help"}, 0, "Usage: hitori token create"},
		{[]string{"backup", "--help"}, 0, "Usage: hitori backup"},
		{[]string{"restore", "--help"}, 0, "Usage: hitori restore"},
		{nil, 2, "Usage"},
		{[]string{"frobnicate"}, 2, "unknown command"},
		{[]string{"backup"}, 2, "Usage: hitori backup"},
		{[]string{"kb", "import", "--help"}, 0, "SRC_DIR"},
		// Issue 9: misuse a new user met, each refused with nothing created.
		{[]string{"serve", "extra", "--addr", "127.0.0.1:0"}, 2, `unexpected argument "extra"`},
		{[]string{"search", "印刷", "--data", "d3"}, 1, "does not exist"},
		{[]string{"user", "list", "--db", "mysql://x"}, 1, "postgres://"},
		{[]string{"user", "list", "--db", "not a url"}, 1, "sqlite://PATH"},
	}
	for _, tt := range tests {
		t.Run(strings.Join(append([]string{"hitori"}, tt.args...), " "), func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			r := runHitoriIn(t, dir, "", tt.args...)
			if r.Code != tt.code || !strings.Contains(r.Stdout+r.Stderr, tt.want) {
				t.Errorf("exit %d, want %d, output containing %q\nstdout:\n%s\nstderr:\n%s", r.Code, tt.code, tt.want, r.Stdout, r.Stderr)
			}
			if left, _ := os.ReadDir(dir); len(left) > 0 {
				t.Errorf("left %d files in the working folder (first: %s); help and usage errors must not create data", len(left), left[0].Name())
			}
		})
	}
}
