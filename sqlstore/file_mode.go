package sqlstore

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
)

// restrictFiles makes the SQLite database readable by its owner only: it
// holds password hashes, sessions and every colleague's inquiries. A new
// file is created 0600 before SQLite opens it, and SQLite gives its -wal
// and -shm files the database's own mode; files of an older installation,
// created 0644, are tightened.
func restrictFiles(path string) error {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return fmt.Errorf("sqlstore: create database file: %w", err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("sqlstore: create database file: %w", err)
	}
	for _, p := range []string{path, path + "-wal", path + "-shm"} {
		if err := os.Chmod(p, 0o600); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("sqlstore: restrict database file: %w", err)
		}
	}
	return nil
}
