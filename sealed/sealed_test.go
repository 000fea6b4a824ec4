package sealed

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestSealOpen(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "keys")
	k := New(dir)
	s, err := k.Seal([]byte("JBSWY3DPEHPK3PXP"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(s, "sealed:v1:1:") || strings.Contains(s, "JBSWY3DP") {
		t.Fatalf("sealed %q: want the v1 prefix with key 1 and no plaintext", s)
	}
	fi, err := os.Stat(filepath.Join(dir, "seal-1.key"))
	if err != nil || fi.Mode().Perm() != 0o600 || fi.Size() != 32 {
		t.Fatalf("key file: %v, %v; want 32 bytes, 0600", fi, err)
	}
	// Another process (a new keyring) opens it with the same file.
	if got, err := New(dir).Open(s); err != nil || string(got) != "JBSWY3DPEHPK3PXP" {
		t.Fatalf("open: %q, %v", got, err)
	}

	// Rotation: a new key seals, the old one still opens.
	if n, err := AddKey(dir); err != nil || n != 2 {
		t.Fatalf("AddKey: %d, %v", n, err)
	}
	k2 := New(dir)
	s2, err := k2.Seal([]byte("x"))
	if err != nil || !strings.HasPrefix(s2, "sealed:v1:2:") {
		t.Fatalf("after rotation: %q, %v", s2, err)
	}
	if got, err := k2.Open(s); err != nil || string(got) != "JBSWY3DPEHPK3PXP" {
		t.Fatalf("old value after rotation: %q, %v", got, err)
	}

	tests := []struct{ name, in string }{
		{"plaintext", "JBSWY3DPEHPK3PXP"},
		{"unknown key", strings.Replace(s, ":v1:1:", ":v1:9:", 1)},
		{"moved to another key", strings.Replace(s, ":v1:1:", ":v1:2:", 1)},
		{"tampered", s[:len(s)-2] + "AA"},
		{"cut", s[:20]},
	}
	for _, tt := range tests {
		if _, err := k2.Open(tt.in); err == nil {
			t.Errorf("%s: opened", tt.name)
		}
	}
	// A different key folder cannot open it.
	if _, err := New(t.TempDir()).Open(s); err == nil {
		t.Error("a stranger's key opened the value")
	}
	if a, _ := k.Seal([]byte("same")); bytes.Equal([]byte(a), []byte(s)) {
		t.Error("nonce reused")
	}
}

func FuzzOpen(f *testing.F) {
	k := New(filepath.Join(f.TempDir(), "keys"))
	s, _ := k.Seal([]byte("seed"))
	f.Add(s)
	f.Add("sealed:v1:1:")
	f.Fuzz(func(t *testing.T, in string) {
		_, _ = k.Open(in) // must not panic
	})
}
