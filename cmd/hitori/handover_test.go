package main

import (
	"archive/zip"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestHandoverExport: the binder goes into a folder or a new zip, never
// over an existing zip; usage mistakes exit 2.
func TestHandoverExport(t *testing.T) {
	data := t.TempDir()
	if code, _, errs := cli(t, "correct horse battery\n", "user", "create", "--data", data, "--email", "admin@example.com", "--role", "admin"); code != 0 {
		t.Fatalf("user create: %d %s", code, errs)
	}
	dir := filepath.Join(t.TempDir(), "binder")
	code, out, errs := cli(t, "", "handover", "export", "--data", data, "--company", "株式会社テスト", dir)
	if code != 0 || !strings.Contains(out, "wrote the handover binder") {
		t.Fatalf("export to a folder: %d %s %s", code, out, errs)
	}
	page, err := os.ReadFile(filepath.Join(dir, "index.html"))
	if err != nil || !strings.Contains(string(page), "株式会社テスト") || !strings.Contains(string(page), "復旧手順") {
		t.Fatalf("index.html: %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "vault-export.hitori-vault")); !os.IsNotExist(err) {
		t.Errorf("a vault file without --include-secrets: %v", err)
	}
	zipFile := filepath.Join(t.TempDir(), "binder.zip")
	if code, _, errs := cli(t, "", "handover", "export", "--data", data, "--lang", "en", zipFile); code != 0 {
		t.Fatalf("export to a zip: %d %s", code, errs)
	}
	zr, err := zip.OpenReader(zipFile)
	if err != nil || len(zr.File) != 1 || zr.File[0].Name != "handover-binder/index.html" {
		t.Fatalf("zip: %v", err)
	}
	zr.Close()
	if code, _, _ := cli(t, "", "handover", "export", "--data", data, zipFile); code == 0 {
		t.Error("an existing zip was overwritten")
	}
	for _, args := range [][]string{{"handover"}, {"handover", "export", "--data", data}, {"handover", "nonsense"}} {
		if code, _, _ := cli(t, "", args...); code != 2 {
			t.Errorf("hitori %s: exit %d, want 2", strings.Join(args, " "), code)
		}
	}
	if code, out, _ := cli(t, "", "handover", "export", "--help"); code != 0 || !strings.Contains(out, "-include-secrets") || !strings.Contains(out, "OUT") {
		t.Errorf("help: %d %s", code, out)
	}
}
