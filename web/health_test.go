package web

import (
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestHealthzDataFolder checks /healthz fails when the data folder takes no
// writes (a full or read-only disk), and leaves no probe file when it does.
func TestHealthzDataFolder(t *testing.T) {
	notDir := filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(notDir, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	readOnly := t.TempDir()
	if err := os.Chmod(readOnly, 0o500); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Chmod(readOnly, 0o700) })
	for _, tc := range []struct {
		name, dir string
		status    int
	}{
		{"writable", t.TempDir(), http.StatusOK},
		{"not a folder", notDir, http.StatusServiceUnavailable},
		{"read-only folder", readOnly, http.StatusServiceUnavailable},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if tc.dir == readOnly && os.Geteuid() == 0 {
				t.Skip("root writes into read-only folders")
			}
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
