package web

import (
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestHealthzDataFolder checks /healthz fails when the data folder takes no
// writes, and leaves no probe file when it does.
//
// Every failing case here fails where the probe creates its file, as a
// read-only folder would; a read-only case is not among them because root
// (CI) writes into read-only folders, so it could only skip. A full disk,
// which fails later at the write or fsync, needs a full filesystem the
// tests cannot make.
func TestHealthzDataFolder(t *testing.T) {
	notDir := filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(notDir, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	// The folder removed under the running server, as when the data disk
	// is unmounted: no one, root included, can create a file in it.
	gone := filepath.Join(t.TempDir(), "gone", "data")
	if err := os.MkdirAll(gone, 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.RemoveAll(filepath.Dir(gone)); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name, dir string
		status    int
	}{
		{"writable", t.TempDir(), http.StatusOK},
		{"not a folder", notDir, http.StatusServiceUnavailable},
		{"folder removed", gone, http.StatusServiceUnavailable},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := newSQLiteEnv(t)
			e.srv.cfg.DataDir = tc.dir
			status, _, body := e.client().get("/healthz")
			if status != tc.status {
				t.Fatalf("status %d, want %d: %s", status, tc.status, body)
			}
			if tc.status != http.StatusOK && !strings.Contains(body, "data folder not writable") {
				t.Errorf("body %s does not name the data folder", body)
			}
			if left, _ := filepath.Glob(filepath.Join(tc.dir, ".healthz-*")); len(left) > 0 {
				t.Errorf("probe files left: %v", left)
			}
		})
	}
}
