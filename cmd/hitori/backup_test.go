package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"hitori"
	"hitori/blob"
	"hitori/sqlstore"
	"hitori/sqlstore/storetest"
)

// hitoriRun runs one command and returns its exit code and output.
func hitoriRun(t *testing.T, args ...string) (int, string) {
	t.Helper()
	var out bytes.Buffer
	code := run(context.Background(), args, strings.NewReader(""), &out, &out)
	return code, out.String()
}

func TestBackupRestoreCommands(t *testing.T) {
	attachment := blob.Sum([]byte{0, 1, 2, 3, 4, 5, 6, 7, 8, 9})
	tests := []struct {
		name        string
		backupArgs  []string
		backupPass  string
		restorePass string
		wantCode    int
		wantOut     string
		wantKey     bool
	}{
		{"plain", nil, "", "", 0, "stored files\t2", false},
		{"keys, encrypted", []string{"--include-keys"}, "correct horse battery", "correct horse battery", 0, "stored files\t3", true},
		{"wrong passphrase", []string{"--encrypt"}, "correct horse battery", "wrong horse battery staple", 1, "wrong passphrase", false},
		{"short passphrase", []string{"--encrypt"}, "short", "", 1, "at least 12", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data := t.TempDir()
			eml := filepath.Join(t.TempDir(), "m.eml")
			os.WriteFile(eml, []byte(mailWithAttachment), 0o600)
			if code, out := hitoriRun(t, "mail", "ingest", "--data", data, eml); code != 0 {
				t.Fatalf("ingest: %d %s", code, out)
			}
			os.MkdirAll(filepath.Join(data, "keys"), 0o700)
			os.WriteFile(filepath.Join(data, "keys", "vault.key"), []byte("secret"), 0o600)
			file := filepath.Join(t.TempDir(), "site.hitori")
			t.Setenv("HITORI_BACKUP_PASSPHRASE", tt.backupPass)
			code, out := hitoriRun(t, append(append([]string{"backup", "--data", data}, tt.backupArgs...), file)...)
			if code != 0 {
				if code != tt.wantCode || !strings.Contains(out, tt.wantOut) {
					t.Fatalf("backup = %d %q, want %d %q", code, out, tt.wantCode, tt.wantOut)
				}
				return
			}
			target := filepath.Join(t.TempDir(), "restored")
			t.Setenv("HITORI_BACKUP_PASSPHRASE", tt.restorePass)
			code, out = hitoriRun(t, "restore", "--data", target, file)
			if code != tt.wantCode || !strings.Contains(out, tt.wantOut) {
				t.Fatalf("restore = %d %q, want %d %q", code, out, tt.wantCode, tt.wantOut)
			}
			if _, err := os.Stat(target); tt.wantCode != 0 && err == nil {
				t.Errorf("a failed restore created %s", target)
			}
			_, err := blob.At(target, blob.Attachments).Stat(attachment)
			if (err == nil) != (tt.wantCode == 0) {
				t.Errorf("attachment restored: %v", err)
			}
			if _, err := os.Stat(filepath.Join(target, "keys", "vault.key")); (err == nil) != tt.wantKey {
				t.Errorf("key restored = %v, want %v", err == nil, tt.wantKey)
			}
		})
	}
}

func TestBackupRefusesExistingFile(t *testing.T) {
	file := filepath.Join(t.TempDir(), "site.hitori")
	os.WriteFile(file, []byte("an older backup"), 0o600)
	code, out := hitoriRun(t, "backup", "--data", t.TempDir(), file)
	if code == 0 || !strings.Contains(out, "already exists") {
		t.Fatalf("backup over a file = %d %q", code, out)
	}
	if b, _ := os.ReadFile(file); string(b) != "an older backup" {
		t.Errorf("file overwritten: %q", b)
	}
}

// TestRestoreOldBackup restores the database-only files hitori wrote before
// archives: a SQLite copy and a PostgreSQL dump.
func TestRestoreOldBackup(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		if err := db.Items().CreateItem(ctx, &hitori.Item{Title: "old", Source: hitori.SourceEmail}); err != nil {
			t.Fatal(err)
		}
		file := filepath.Join(t.TempDir(), "old.db")
		if err := db.Backup(ctx, file); err != nil {
			t.Fatal(err)
		}
		if code, out := hitoriRun(t, "restore", "--data", filepath.Join(t.TempDir(), "new"), file); code != 0 || !strings.Contains(out, "items\t1 rows") {
			t.Fatalf("restore = %d %q", code, out)
		}
	})
}
