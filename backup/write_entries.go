package backup

import (
	"archive/tar"
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"time"

	"hitori"
	"hitori/blob"
)

// archiveWriter adds files to the tar stream and lists them in the manifest.
type archiveWriter struct {
	tw   *tar.Writer
	m    *Manifest
	now  time.Time
	warn func(string)
}

// file copies the file at src as entry name. It reads from one open file
// and trusts that file's own size, so a file replaced meanwhile (a crash's
// short file made whole) is copied as it was when opened. A non-empty
// want is the SHA-256 the content should have.
func (a *archiveWriter) file(name, src, want string) error {
	if len(a.m.Files) >= MaxEntries {
		return hitori.Errorf(hitori.EINVALID, "more than %d files to back up: a restore would refuse the archive", MaxEntries)
	}
	f, err := os.Open(src)
	if err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	hdr := &tar.Header{Name: name, Mode: 0o600, Size: st.Size(), ModTime: st.ModTime().UTC(), Typeflag: tar.TypeReg, Format: tar.FormatPAX}
	if err := a.tw.WriteHeader(hdr); err != nil {
		return fmt.Errorf("backup: %s: %w", name, err)
	}
	h := sha256.New()
	if _, err := io.CopyN(io.MultiWriter(a.tw, h), f, st.Size()); err != nil {
		return fmt.Errorf("backup: %s: %w", name, err)
	}
	sum := sum256(h)
	if want != "" && sum != want && a.warn != nil {
		a.warn(fmt.Sprintf("%s: content does not match its name (a damaged file); copied as it is", name))
	}
	a.m.Files = append(a.m.Files, Entry{Name: name, Size: st.Size(), SHA256: sum})
	return nil
}

// area adds every stored file of one blob area.
func (a *archiveWriter) area(ctx context.Context, name string, st *blob.Store) error {
	return st.Walk(ctx, func(i blob.Info) error {
		err := a.file(path.Join(blobPrefix+name, i.Sum[:2], i.Sum), st.Path(i.Sum), i.Sum)
		if errors.Is(err, fs.ErrNotExist) {
			return nil // swept since the walk saw it: nothing refers to it
		}
		return err
	})
}

// tree adds every regular file under DATA/dir (the key folders).
func (a *archiveWriter) tree(ctx context.Context, dataDir, dir string) error {
	root := filepath.Join(dataDir, dir)
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) && p == root {
				return nil
			}
			return err
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		if !d.Type().IsRegular() {
			return nil
		}
		rel, err := filepath.Rel(dataDir, p)
		if err != nil {
			return err
		}
		name := filepath.ToSlash(rel)
		if !validName(name) {
			return fmt.Errorf("backup: %s: a name a restore would refuse", name)
		}
		return a.file(name, p, "")
	})
	if err != nil {
		return fmt.Errorf("backup: keys: %w", err)
	}
	return nil
}
