package blob

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"hitori"
)

// ErrTooLarge is returned by PutReader for content over its limit.
var ErrTooLarge = hitori.KeyError(hitori.EINVALID, "error.file_too_large")

// Put stores data and reports its name and whether this call created the
// file. A new file is written in place (on ext4 several times faster than a
// temporary file and a rename); a file of the wrong size — left by a crash
// mid-write — is replaced atomically. Callers record the name only after
// Put returned, so no row ever refers to a partial file. An existing file
// has its time renewed, so a Sweep running meanwhile takes it for new.
func (s *Store) Put(data []byte) (sum string, created bool, err error) {
	sum = Sum(data)
	p := s.Path(sum)
	if st, err := os.Stat(p); err == nil {
		if st.Size() == int64(len(data)) {
			now := time.Now()
			_ = os.Chtimes(p, now, now)
			return sum, false, nil
		}
		return sum, false, s.replace(p, data)
	}
	if err := os.MkdirAll(filepath.Dir(p), 0o700); err != nil {
		return "", false, fmt.Errorf("blob: put: %w", err)
	}
	w, err := os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if errors.Is(err, fs.ErrExist) {
		return sum, false, s.replace(p, data) // another writer got there first; make sure it is whole
	}
	if err != nil {
		return "", false, fmt.Errorf("blob: put: %w", err)
	}
	if _, err := w.Write(data); err != nil {
		w.Close()
		os.Remove(p)
		return "", false, fmt.Errorf("blob: put: %w", err)
	}
	if err := s.finish(w); err != nil {
		os.Remove(p)
		return "", false, err
	}
	return sum, true, nil
}

// replace writes data to a temporary file and renames it over p, unless p
// meanwhile became whole.
func (s *Store) replace(p string, data []byte) error {
	if st, err := os.Stat(p); err == nil && st.Size() == int64(len(data)) {
		return nil
	}
	tmp, err := s.temp(filepath.Dir(p))
	if err != nil {
		return err
	}
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		os.Remove(tmp.Name())
		return fmt.Errorf("blob: put: %w", err)
	}
	return s.commit(tmp, p)
}

// PutReader stores what r yields, up to limit bytes; more is ErrTooLarge
// and stores nothing. The content goes through a temporary file, as its
// name is known only at the end.
func (s *Store) PutReader(r io.Reader, limit int64) (sum string, size int64, created bool, err error) {
	if err := os.MkdirAll(s.Dir, 0o700); err != nil {
		return "", 0, false, fmt.Errorf("blob: put: %w", err)
	}
	tmp, err := s.temp(s.Dir)
	if err != nil {
		return "", 0, false, err
	}
	h := sha256.New()
	size, err = io.Copy(io.MultiWriter(tmp, h), io.LimitReader(r, limit+1))
	if err == nil && size > limit {
		err = ErrTooLarge
	}
	if err != nil {
		tmp.Close()
		os.Remove(tmp.Name())
		if err == ErrTooLarge {
			return "", size, false, err
		}
		return "", size, false, fmt.Errorf("blob: put: %w", err)
	}
	sum = hex.EncodeToString(h.Sum(nil))
	p := s.Path(sum)
	if st, err := os.Stat(p); err == nil && st.Size() == size {
		tmp.Close()
		os.Remove(tmp.Name())
		now := time.Now()
		_ = os.Chtimes(p, now, now)
		return sum, size, false, nil
	}
	if err := os.MkdirAll(filepath.Dir(p), 0o700); err != nil {
		tmp.Close()
		os.Remove(tmp.Name())
		return "", size, false, fmt.Errorf("blob: put: %w", err)
	}
	return sum, size, true, s.commit(tmp, p)
}

// temp creates a temporary file in dir; Sweep removes one a crash left.
func (s *Store) temp(dir string) (*os.File, error) {
	f, err := os.CreateTemp(dir, ".tmp-*")
	if err != nil {
		return nil, fmt.Errorf("blob: put: %w", err)
	}
	return f, nil
}

// commit syncs (when asked), closes and renames a temporary file to p.
func (s *Store) commit(tmp *os.File, p string) error {
	if err := s.finish(tmp); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	if err := os.Rename(tmp.Name(), p); err != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("blob: put: %w", err)
	}
	return nil
}

// finish syncs when asked and closes w.
func (s *Store) finish(w *os.File) error {
	var err error
	if s.Sync {
		err = w.Sync()
	}
	if cerr := w.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("blob: put: %w", err)
	}
	return nil
}
