package backup

import (
	"archive/tar"
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"hash"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"hitori"
	"hitori/blob"
)

// Database is what a backup needs of the store (*sqlstore.DB).
type Database interface {
	Backup(ctx context.Context, path string) error // a consistent snapshot, written to path
	SchemaVersion(ctx context.Context) (int, error)
}

// Options configure Write.
type Options struct {
	DataDir     string
	Dialect     string // recorded in the manifest
	Version     string // hitori's version, recorded in the manifest
	IncludeKeys bool   // add KeyDirs; needs Passphrase
	Passphrase  []byte // non-empty: encrypt the whole archive
	Now         func() time.Time
	Warn        func(msg string) // a file that could not be copied faithfully; nil: ignored
}

// Write takes a backup of the whole installation into a new file at path,
// never replacing an existing one. The database snapshot comes first:
// blob files are write-once, so every file it refers to is already
// complete on disk, and files stored after it are harmless extras.
func Write(ctx context.Context, db Database, path string, opt Options) (*Manifest, error) {
	if _, err := os.Lstat(path); err == nil {
		return nil, errExists(path)
	}
	if opt.IncludeKeys && len(opt.Passphrase) == 0 {
		return nil, hitori.Errorf(hitori.EINVALID, "key files are only backed up encrypted: give a passphrase")
	}
	if opt.Now == nil {
		opt.Now = time.Now
	}
	tmp, err := os.MkdirTemp(filepath.Dir(path), ".hitori-backup-*")
	if err != nil {
		return nil, fmt.Errorf("backup: %w", err)
	}
	defer os.RemoveAll(tmp)
	snap := filepath.Join(tmp, "snapshot")
	if err := db.Backup(ctx, snap); err != nil {
		return nil, err
	}
	m := &Manifest{Header: Header{Format: Format, FormatVersion: FormatVersion, Hitori: opt.Version,
		Dialect: opt.Dialect, Created: opt.Now().UTC(), Keys: opt.IncludeKeys}, Database: dumpEntry}
	if m.Schema, err = db.SchemaVersion(ctx); err != nil {
		return nil, err
	}
	if isSQLite(snap) {
		m.Database = sqliteEntry
	}
	archive := filepath.Join(tmp, "archive")
	if err := writeArchive(ctx, archive, snap, m, opt); err != nil {
		return nil, err
	}
	// A link, unlike a rename, fails when path appeared meanwhile.
	if err := os.Link(archive, path); errors.Is(err, fs.ErrExist) {
		return nil, errExists(path)
	} else if err != nil {
		if _, serr := os.Lstat(path); serr == nil {
			return nil, errExists(path)
		}
		if err := os.Rename(archive, path); err != nil {
			return nil, fmt.Errorf("backup: %w", err)
		}
	}
	return m, nil
}

func errExists(path string) error {
	return hitori.Errorf(hitori.ECONFLICT, "%s already exists: hitori backup never overwrites a file, choose a new name", path)
}

func isSQLite(path string) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	b := make([]byte, 16)
	_, err = io.ReadFull(f, b)
	return err == nil && bytes.Equal(b, []byte("SQLite format 3\x00"))
}

// writeArchive streams the archive to path and syncs it.
func writeArchive(ctx context.Context, path, snap string, m *Manifest, opt Options) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	defer f.Close()
	bw := bufio.NewWriterSize(f, 1<<16)
	var w io.Writer = bw
	var enc io.WriteCloser
	if len(opt.Passphrase) > 0 {
		if enc, err = encrypt(bw, opt.Passphrase); err != nil {
			return fmt.Errorf("backup: encrypt: %w", err)
		}
		w = enc
	}
	// Fastest compression: most attachments are compressed already.
	zw, _ := gzip.NewWriterLevel(w, gzip.BestSpeed)
	a := &archiveWriter{tw: tar.NewWriter(zw), m: m, now: m.Created, warn: opt.Warn}
	if err := a.json(headerName, m.Header, MaxHeaderBytes); err != nil {
		return err
	}
	if err := a.file(m.Database, snap, ""); err != nil {
		return err
	}
	for _, area := range blob.Areas() {
		if err := a.area(ctx, area, blob.At(opt.DataDir, area)); err != nil {
			return err
		}
	}
	if opt.IncludeKeys {
		for _, dir := range KeyDirs() {
			if err := a.tree(ctx, opt.DataDir, dir); err != nil {
				return err
			}
		}
	}
	if err := a.json(manifestName, m, MaxManifestBytes); err != nil {
		return err
	}
	for _, c := range []io.Closer{a.tw, zw} {
		if err := c.Close(); err != nil {
			return fmt.Errorf("backup: %w", err)
		}
	}
	if enc != nil {
		if err := enc.Close(); err != nil {
			return fmt.Errorf("backup: %w", err)
		}
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	if err := f.Sync(); err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	return f.Close()
}

// json adds a JSON entry of at most limit bytes.
func (a *archiveWriter) json(name string, v any, limit int) error {
	b, err := json.MarshalIndent(v, "", " ")
	if err != nil {
		return err
	}
	if len(b) > limit {
		return hitori.Errorf(hitori.EINVALID, "the backup's %s would be %d bytes, over the %d a restore accepts", name, len(b), limit)
	}
	if err := a.tw.WriteHeader(&tar.Header{Name: name, Mode: 0o600, Size: int64(len(b)), ModTime: a.now, Typeflag: tar.TypeReg}); err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	_, err = a.tw.Write(b)
	return err
}

// sum256 is a running SHA-256 in hex.
func sum256(h hash.Hash) string { return hex.EncodeToString(h.Sum(nil)) }
