package web

import (
	"fmt"
	"os"
)

// probeDataDir writes, syncs and removes a small file in the data folder:
// a full disk or a folder turned read-only stops attachments, backups and,
// on SQLite, every write, while a SELECT 1 still answers. The fsync is what
// makes a full disk fail here rather than later, on a real write.
func probeDataDir(dir string) error {
	if dir == "" {
		return nil // no data folder configured (PostgreSQL without files, tests)
	}
	f, err := os.CreateTemp(dir, ".healthz-*")
	if err != nil {
		return fmt.Errorf("web: health probe: %w", err)
	}
	defer os.Remove(f.Name())
	_, err = f.Write(make([]byte, 4096))
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("web: health probe: %w", err)
	}
	return os.Remove(f.Name())
}
