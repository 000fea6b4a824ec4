// Package backup writes and restores the whole installation as one archive:
// the database snapshot sqlstore takes, every file of every blob area and,
// when asked, the key files, listed with their sizes and SHA-256 in a
// manifest. It knows nothing of SQL: cmd/hitori hands it the store's
// snapshot and restore functions.
package backup

import (
	"path"
	"path/filepath"
	"strings"
	"time"

	"hitori/blob"
)

// The archive is a gzip-compressed tar: headerName first, then the
// database, the blob files and the key files, and manifestName last, so
// the writer learns every file's digest while it streams it.
const (
	Format        = "hitori-archive"
	FormatVersion = 1

	headerName   = "hitori-backup.json"
	manifestName = "manifest.json"
	blobPrefix   = "blobs/" // blobs/AREA/ab/ab12…

	sqliteEntry = "database.sqlite"  // the file VACUUM INTO writes
	dumpEntry   = "database.dump.gz" // the logical dump (PostgreSQL)
)

// Limits on what a reader accepts, so a crafted archive cannot exhaust
// memory: the manifest is held whole, and every entry is remembered.
const (
	MaxHeaderBytes   = 64 << 10
	MaxManifestBytes = 256 << 20
	MaxEntries       = 1_000_000
	maxNameLen       = 512
)

// KeyDirs are the folders of the data folder that hold secrets: left out
// of a backup unless keys are included, and then only encrypted.
func KeyDirs() []string { return []string{"keys"} }

// Header says what wrote the archive; it is repeated in the manifest.
type Header struct {
	Format        string    `json:"format"`
	FormatVersion int       `json:"format_version"`
	Hitori        string    `json:"hitori_version"`
	Dialect       string    `json:"dialect"`
	Schema        int       `json:"schema_version"`
	Created       time.Time `json:"created"`
	Keys          bool      `json:"keys"` // key files included
}

// Manifest lists every entry of the archive but itself.
type Manifest struct {
	Header
	Database string  `json:"database"` // the entry holding the database snapshot
	Files    []Entry `json:"files"`
}

// Entry is one file of the archive.
type Entry struct {
	Name   string `json:"name"`
	Size   int64  `json:"size"`
	SHA256 string `json:"sha256"`
}

// validName reports whether an entry name may be extracted: one of the
// layout's names, relative, clean, and never leaving the target folder.
func validName(name string) bool {
	if len(name) == 0 || len(name) > maxNameLen || strings.ContainsAny(name, "\\\x00:") ||
		path.Clean(name) != name || path.IsAbs(name) || !filepath.IsLocal(filepath.FromSlash(name)) {
		return false
	}
	for _, part := range strings.Split(name, "/") {
		if part == "" || part == "." || part == ".." {
			return false
		}
	}
	switch {
	case name == sqliteEntry || name == dumpEntry:
		return true
	case strings.HasPrefix(name, blobPrefix):
		_, ok := blobEntry(name)
		return ok
	}
	return isKeyName(name)
}

// isKeyName reports whether name lies in one of KeyDirs: key files keep
// their path relative to the data folder (keys/vault.key).
func isKeyName(name string) bool {
	dir, rest, ok := strings.Cut(name, "/")
	if !ok || rest == "" {
		return false
	}
	for _, k := range KeyDirs() {
		if dir == k {
			return true
		}
	}
	return false
}

// blobEntry returns the area of blobs/AREA/ab/SUM, checking the layout.
func blobEntry(name string) (area string, ok bool) {
	parts := strings.Split(strings.TrimPrefix(name, blobPrefix), "/")
	if len(parts) != 3 || !blob.Valid(parts[2]) || parts[1] != parts[2][:2] {
		return "", false
	}
	for _, a := range blob.Areas() {
		if a == parts[0] {
			return a, true
		}
	}
	return "", false
}
