package backup

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"hitori"
	"hitori/blob"
)

const fakeSnapshot = "SQLite format 3\x00 and the rest of a database"

// fakeDB snapshots to a fixed SQLite-looking file.
type fakeDB struct{}

func (fakeDB) Backup(_ context.Context, path string) error {
	return os.WriteFile(path, []byte(fakeSnapshot), 0o600)
}
func (fakeDB) SchemaVersion(context.Context) (int, error) { return 7, nil }

// fakeRestore keeps the snapshot as DATA/hitori.db.
func fakeRestore(dataDir string) func(context.Context, string, string) (map[string]int64, error) {
	return func(_ context.Context, snap, _ string) (map[string]int64, error) {
		b, err := os.ReadFile(snap)
		if err != nil {
			return nil, err
		}
		return map[string]int64{"items": 1}, os.WriteFile(filepath.Join(dataDir, "hitori.db"), b, 0o600)
	}
}

// mustInstallation is a data folder with a file in each area and a key.
func mustInstallation(tb testing.TB) string {
	tb.Helper()
	data := tb.TempDir()
	for _, area := range blob.Areas() {
		if _, _, err := blob.At(data, area).Put([]byte("file of " + area)); err != nil {
			tb.Fatal(err)
		}
	}
	os.MkdirAll(filepath.Join(data, "keys"), 0o700)
	if err := os.WriteFile(filepath.Join(data, "keys", "vault.key"), []byte("secret"), 0o600); err != nil {
		tb.Fatal(err)
	}
	return data
}

func mustWrite(tb testing.TB, data string, opt Options) string {
	tb.Helper()
	path := filepath.Join(tb.TempDir(), "b.hitori")
	opt.DataDir = data
	if _, err := Write(context.Background(), fakeDB{}, path, opt); err != nil {
		tb.Fatal(err)
	}
	return path
}

func restoreOpts(target string, pass string) RestoreOptions {
	return RestoreOptions{DataDir: target, DSN: filepath.Join(target, "hitori.db"), RestoreDB: fakeRestore(target),
		Passphrase: func() ([]byte, error) { return []byte(pass), nil }}
}

func TestRoundTrip(t *testing.T) {
	tests := []struct {
		name     string
		opt      Options
		pass     string
		wantKeys bool
		wantErr  error
	}{
		{"plain, keys left out", Options{}, "", false, nil},
		{"encrypted with keys", Options{IncludeKeys: true, Passphrase: []byte("correct horse battery")}, "correct horse battery", true, nil},
		{"encrypted, wrong passphrase", Options{Passphrase: []byte("correct horse battery")}, "wrong horse battery", false, ErrWrongPassphrase},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := mustWrite(t, mustInstallation(t), tt.opt)
			target := t.TempDir()
			res, err := Restore(context.Background(), path, restoreOpts(target, tt.pass))
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("err = %v, want %v", err, tt.wantErr)
			}
			if err != nil {
				mustBeEmpty(t, target)
				return
			}
			if res.Manifest.Schema != 7 || res.Manifest.Keys != tt.wantKeys {
				t.Errorf("manifest = %+v", res.Manifest)
			}
			for _, area := range blob.Areas() {
				f, err := blob.At(target, area).Open(blob.Sum([]byte("file of " + area)))
				if err != nil {
					t.Fatalf("%s: %v", area, err)
				}
				f.Close()
			}
			if b, _ := os.ReadFile(filepath.Join(target, "hitori.db")); string(b) != fakeSnapshot {
				t.Errorf("database = %q", b)
			}
			if _, err := os.Stat(filepath.Join(target, "keys", "vault.key")); (err == nil) != tt.wantKeys {
				t.Errorf("key restored = %v, want %v", err == nil, tt.wantKeys)
			}
		})
	}
}

func TestWriteRefusesExistingFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "b.hitori")
	os.WriteFile(path, []byte("keep me"), 0o600)
	_, err := Write(context.Background(), fakeDB{}, path, Options{DataDir: t.TempDir()})
	if hitori.ErrorCode(err) != hitori.ECONFLICT {
		t.Fatalf("err = %v, want a conflict", err)
	}
	if b, _ := os.ReadFile(path); string(b) != "keep me" {
		t.Errorf("file overwritten: %q", b)
	}
	if _, err := Write(context.Background(), fakeDB{}, path, Options{IncludeKeys: true}); hitori.ErrorCode(err) != hitori.ECONFLICT {
		t.Errorf("keys without passphrase: %v", err)
	}
}

func TestRestoreDamagedArchive(t *testing.T) {
	for _, pass := range []string{"", "correct horse battery"} {
		good, err := os.ReadFile(mustWrite(t, mustInstallation(t), Options{Passphrase: []byte(pass)}))
		if err != nil {
			t.Fatal(err)
		}
		flipped := bytes.Clone(good)
		flipped[len(flipped)*2/3] ^= 0x40
		cases := map[string][]byte{"flipped": flipped}
		for _, n := range []int{len(good) / 3, len(good) / 2, len(good) - 20, len(good) - 1} {
			cases[fmt.Sprintf("cut at %d", n)] = good[:n]
		}
		for name, b := range cases {
			t.Run(name, func(t *testing.T) {
				path := filepath.Join(t.TempDir(), "damaged")
				os.WriteFile(path, b, 0o600)
				target := t.TempDir()
				if _, err := Restore(context.Background(), path, restoreOpts(target, pass)); err == nil {
					t.Fatal("restored a damaged archive")
				} else if hitori.ErrorCode(err) != hitori.EINVALID {
					t.Errorf("err = %v, want a clear invalid-backup error", err)
				}
				mustBeEmpty(t, target)
			})
		}
	}
}

func TestRestoreOldFormats(t *testing.T) {
	var dump bytes.Buffer
	zw := gzip.NewWriter(&dump)
	zw.Write([]byte(`{"format":"hitori-backup","version":1}` + "\n"))
	zw.Close()
	for name, content := range map[string][]byte{"sqlite file": []byte(fakeSnapshot), "gzipped dump": dump.Bytes()} {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "old.db")
			os.WriteFile(path, content, 0o600)
			var gotPath string
			opt := RestoreOptions{DataDir: t.TempDir(), DSN: "x", RestoreDB: func(_ context.Context, p, _ string) (map[string]int64, error) {
				gotPath = p
				return nil, nil
			}}
			res, err := Restore(context.Background(), path, opt)
			if err != nil || res.Manifest != nil || gotPath != path {
				t.Errorf("Restore = %+v, %v; database restored from %q, want %q", res, err, gotPath, path)
			}
		})
	}
}

// mustBeEmpty fails when a failed restore left anything in target.
func mustBeEmpty(tb testing.TB, target string) {
	tb.Helper()
	if left, _ := os.ReadDir(target); len(left) != 0 {
		tb.Errorf("a failed restore left %v", left)
	}
}
