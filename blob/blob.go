// Package blob stores files by their content: each distinct content once,
// named by its SHA-256 (DIR/ab/ab12…), written once and never changed. Being
// write-once is what lets a backup copy the files while the server runs.
package blob

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// The areas of a data folder. Each is a Store of its own (DATA/NAME), so
// installations made before the package existed keep their files where
// they are; a new area only adds its name here and to Areas.
const (
	Attachments  = "attachments" // item attachments and original e-mails
	ArticleFiles = "files"       // files attached to knowledge-base articles
	Contracts    = "contracts"   // documents attached to contracts (handover)
)

// Areas lists every area of a data folder, for backup and restore.
func Areas() []string { return []string{Attachments, ArticleFiles, Contracts} }

// At returns the store of one area of a data folder.
func At(dataDir, area string) *Store {
	return &Store{Dir: filepath.Join(dataDir, area)}
}

// Store keeps files under Dir. The zero value of Sync trades power-loss
// safety for speed: a file is flushed by the kernel, not before Put returns.
type Store struct {
	Dir  string
	Sync bool // fsync each new file before Put returns
}

// ErrNotFound is returned by Open for a missing file or a name that is not a SHA-256.
var ErrNotFound = fs.ErrNotExist

// Sum returns the hex SHA-256 that names data.
func Sum(data []byte) string {
	h := sha256.Sum256(data)
	return hex.EncodeToString(h[:])
}

// Valid reports whether name is a lower-case hex SHA-256, so a name taken
// from a URL or an archive can never walk out of the folder.
func Valid(name string) bool {
	if len(name) != 64 {
		return false
	}
	for i := 0; i < len(name); i++ {
		if c := name[i]; !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f') {
			return false
		}
	}
	return true
}

// Path returns where the file named sum is stored, or "" when sum is not valid.
func (s *Store) Path(sum string) string {
	if !Valid(sum) {
		return ""
	}
	return filepath.Join(s.Dir, sum[:2], sum)
}

// Open opens a stored file for reading.
func (s *Store) Open(sum string) (*os.File, error) {
	if !Valid(sum) {
		return nil, fmt.Errorf("blob: open %q: %w", sum, ErrNotFound)
	}
	return os.Open(s.Path(sum))
}

// Stat reports a stored file's size and time.
func (s *Store) Stat(sum string) (fs.FileInfo, error) {
	if !Valid(sum) {
		return nil, fmt.Errorf("blob: stat %q: %w", sum, ErrNotFound)
	}
	return os.Stat(s.Path(sum))
}

// Remove deletes a stored file; a missing one is not an error.
func (s *Store) Remove(sum string) error {
	if !Valid(sum) {
		return nil
	}
	if err := os.Remove(s.Path(sum)); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("blob: remove: %w", err)
	}
	return nil
}
