package backup

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"hitori"
	"hitori/blob"
)

// RestoreOptions configure Restore.
type RestoreOptions struct {
	DataDir string // receives the files (and the SQLite database when DSN is its file)
	DSN     string // the empty database to load
	// Passphrase is asked only for an encrypted archive.
	Passphrase func() ([]byte, error)
	// RestoreDB loads a database snapshot into the empty database dsn (sqlstore.Restore).
	RestoreDB func(ctx context.Context, snapshot, dsn string) (map[string]int64, error)
}

// Result is what Restore brought back.
type Result struct {
	Manifest *Manifest // nil for a backup of the database alone (the format before archives)
	Rows     map[string]int64
	Files    int
}

// Restore brings the backup at path back into an empty database and data
// folder. Archives are unpacked and checked in a temporary folder inside
// the data folder first, so a corrupt archive, a wrong passphrase or a
// non-empty target leaves nothing behind. A bare database backup (the
// format written before archives) goes straight to RestoreDB.
func Restore(ctx context.Context, path string, opt RestoreOptions) (_ *Result, err error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("backup: restore: %w", err)
	}
	defer f.Close()
	br := bufio.NewReaderSize(f, 1<<16)
	r, legacy, err := open(br, opt.Passphrase)
	if err != nil {
		return nil, err
	}
	if legacy {
		f.Close()
		if err := os.MkdirAll(opt.DataDir, 0o700); err != nil {
			return nil, fmt.Errorf("backup: restore: %w", err)
		}
		rows, err := opt.RestoreDB(ctx, path, opt.DSN)
		return &Result{Rows: rows}, err
	}
	if err := requireEmptyData(opt.DataDir); err != nil {
		return nil, err
	}
	if _, serr := os.Stat(opt.DataDir); errors.Is(serr, fs.ErrNotExist) {
		defer func() {
			if err != nil {
				os.Remove(opt.DataDir) // made here; removed only while empty
			}
		}()
	}
	if err := os.MkdirAll(opt.DataDir, 0o700); err != nil {
		return nil, fmt.Errorf("backup: restore: %w", err)
	}
	tmp, err := os.MkdirTemp(opt.DataDir, ".restore-*")
	if err != nil {
		return nil, fmt.Errorf("backup: restore: %w", err)
	}
	defer os.RemoveAll(tmp)
	m, err := extract(ctx, r, tmp)
	if err != nil {
		return nil, err
	}
	if err := requireEmptyData(opt.DataDir); err != nil {
		return nil, err
	}
	rows, err := opt.RestoreDB(ctx, filepath.Join(tmp, m.Database), opt.DSN)
	if err != nil {
		return nil, err
	}
	// Renames within one file system: the files appear whole or not at all.
	for _, dir := range append(areaDirs(), KeyDirs()...) {
		src, dst := filepath.Join(tmp, dir), filepath.Join(opt.DataDir, filepath.Base(dir))
		if _, err := os.Stat(src); errors.Is(err, fs.ErrNotExist) {
			continue
		}
		_ = os.RemoveAll(dst) // held no files: checked above
		if err := os.Rename(src, dst); err != nil {
			return nil, fmt.Errorf("backup: restore: the database is restored but moving %s into place failed: %w", dir, err)
		}
	}
	return &Result{Manifest: m, Rows: rows, Files: len(m.Files) - 1}, nil
}

// areaDirs are where extract puts each blob area.
func areaDirs() []string {
	var out []string
	for _, a := range blob.Areas() {
		out = append(out, blobPrefix+a)
	}
	return out
}

// open tells the formats apart: an encrypted archive (decrypted here), a
// gzip-compressed archive, or one of the bare database formats of old.
func open(br *bufio.Reader, pass func() ([]byte, error)) (r io.Reader, legacy bool, err error) {
	head, _ := br.Peek(len(encMagic))
	switch {
	case bytes.HasPrefix(head, []byte("SQLite format 3\x00")):
		return nil, true, nil
	case bytes.Equal(head, []byte(encMagic)):
		br.Discard(len(encMagic))
		if pass == nil {
			return nil, false, hitori.Errorf(hitori.EINVALID, "the backup is encrypted: a passphrase is needed")
		}
		p, err := pass()
		if err != nil {
			return nil, false, err
		}
		r, err := decrypt(br, p)
		return r, false, err
	case bytes.HasPrefix(head, []byte{0x1f, 0x8b}):
		// The old dump is gzip too: it starts with JSON, a tar with its first name.
		b, _ := br.Peek(br.Size())
		if zr, err := gzip.NewReader(bytes.NewReader(b)); err == nil {
			first := make([]byte, 1)
			if n, _ := zr.Read(first); n == 1 && first[0] == '{' {
				return nil, true, nil
			}
		}
		return br, false, nil
	}
	return nil, false, hitori.Errorf(hitori.EINVALID, "the file is not a hitori backup")
}

// requireEmptyData refuses a data folder whose areas or key folders hold
// any file, so a restore never mixes with or replaces live data.
func requireEmptyData(dataDir string) error {
	for _, dir := range append(blob.Areas(), KeyDirs()...) {
		root := filepath.Join(dataDir, dir)
		err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if !d.IsDir() {
				return fs.ErrExist
			}
			return nil
		})
		switch {
		case errors.Is(err, fs.ErrExist):
			return hitori.Errorf(hitori.ECONFLICT, "the data folder already holds files in %s: restore only into a new, empty data folder", root)
		case err != nil && !errors.Is(err, fs.ErrNotExist):
			return fmt.Errorf("backup: restore: %w", err)
		}
	}
	return nil
}
