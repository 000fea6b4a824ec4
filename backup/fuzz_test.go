package backup

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// FuzzReadArchive feeds arbitrary bytes to the archive reader: it must
// never panic, and never write outside the folder it unpacks into.
func FuzzReadArchive(f *testing.F) {
	good, err := os.ReadFile(mustWrite(f, mustInstallation(f), Options{}))
	if err != nil {
		f.Fatal(err)
	}
	f.Add(good)
	f.Add(good[:len(good)/2])
	f.Add([]byte(encMagic + strings.Repeat("\x00", 64)))
	f.Add([]byte("SQLite format 3\x00"))
	f.Fuzz(func(t *testing.T, data []byte) {
		parent := t.TempDir()
		dir := filepath.Join(parent, "target")
		if err := os.Mkdir(dir, 0o700); err != nil {
			t.Fatal(err)
		}
		pass := func() ([]byte, error) { return nil, errors.New("no passphrase in a fuzz test") }
		r, legacy, err := open(bufio.NewReader(bytes.NewReader(data)), pass)
		if err == nil && !legacy {
			_, _ = extract(context.Background(), r, dir)
		}
		filepath.WalkDir(parent, func(p string, d fs.DirEntry, err error) error {
			if p != parent && p != dir && !strings.HasPrefix(p, dir+string(filepath.Separator)) {
				t.Errorf("wrote outside the target: %s", p)
			}
			return nil
		})
	})
}
