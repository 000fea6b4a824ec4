package intake

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"time"
)

// Files keeps attachment and message bytes on disk, one file per content,
// named by its SHA-256: DIR/ab/ab12…ef. Writing the same content twice
// stores it once, so a message re-ingested after a crash finds its files
// already there.
type Files struct {
	Dir  string
	Sync bool // fsync each new file before the database commit refers to it

	mu       sync.Mutex
	inFlight map[string]int // files written by ingests that have not committed yet
}

// Sum returns the hex SHA-256 that names data.
func Sum(data []byte) string {
	h := sha256.Sum256(data)
	return hex.EncodeToString(h[:])
}

// Path returns where the file named sum is stored.
func (f *Files) Path(sum string) string {
	if len(sum) < 2 {
		return filepath.Join(f.Dir, "_", sum)
	}
	return filepath.Join(f.Dir, sum[:2], sum)
}

// Open opens a stored file for reading (e.g. a download).
func (f *Files) Open(sum string) (*os.File, error) {
	if !validSum(sum) {
		return nil, fs.ErrNotExist
	}
	return os.Open(f.Path(sum))
}

// put stores data under sum, marks it in flight until release, and
// reports whether this call created the file. A new file is written in
// place (on ext4 that is several times faster than a temporary file and a
// rename); a file of the wrong size — left by a crash mid-write — is
// replaced atomically. Rows refer to a file only after put returned, so
// they never see a partial one.
func (f *Files) put(sum string, data []byte) (created bool, err error) {
	f.hold(sum)
	p := f.Path(sum)
	if st, err := os.Stat(p); err == nil {
		if st.Size() == int64(len(data)) {
			now := time.Now()
			_ = os.Chtimes(p, now, now) // young again, so Sweep leaves it while this message commits
			return false, nil
		}
		return false, f.replace(p, data)
	}
	if err := os.MkdirAll(filepath.Dir(p), 0o700); err != nil {
		return false, fmt.Errorf("intake: store file: %w", err)
	}
	w, err := os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if errors.Is(err, fs.ErrExist) {
		return false, f.replace(p, data) // another writer got there first; make sure it is whole
	}
	if err != nil {
		return false, fmt.Errorf("intake: store file: %w", err)
	}
	if err := f.write(w, data); err != nil {
		os.Remove(p)
		return false, err
	}
	return true, nil
}

// replace writes data to a temporary file and renames it over p.
func (f *Files) replace(p string, data []byte) error {
	if st, err := os.Stat(p); err == nil && st.Size() == int64(len(data)) {
		return nil
	}
	tmp, err := os.CreateTemp(filepath.Dir(p), ".tmp-*")
	if err != nil {
		return fmt.Errorf("intake: store file: %w", err)
	}
	if err := f.write(tmp, data); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	if err := os.Rename(tmp.Name(), p); err != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("intake: store file: %w", err)
	}
	return nil
}

// write writes data, syncs when asked, and closes w.
func (f *Files) write(w *os.File, data []byte) error {
	_, err := w.Write(data)
	if err == nil && f.Sync {
		err = w.Sync()
	}
	if cerr := w.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("intake: store file: %w", err)
	}
	return nil
}

func (f *Files) hold(sum string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.inFlight == nil {
		f.inFlight = map[string]int{}
	}
	f.inFlight[sum]++
}

// release ends the in-flight mark of files put for one message.
func (f *Files) release(sums []string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	for _, s := range sums {
		if f.inFlight[s]--; f.inFlight[s] <= 0 {
			delete(f.inFlight, s)
		}
	}
}

// collect removes files a failed ingest created, unless another ingest
// still has them in flight or a committed row refers to them.
func (f *Files) collect(ctx context.Context, st Store, created []string) {
	for _, sum := range created {
		f.mu.Lock()
		busy := f.inFlight[sum] > 0
		f.mu.Unlock()
		if busy {
			continue
		}
		if used, err := st.FileInUse(ctx, sum); err != nil || used {
			continue // when in doubt keep it: Sweep removes true orphans later
		}
		os.Remove(f.Path(sum))
	}
}

// Sweep removes stored files older than minAge that no row refers to: what
// a process killed between writing files and committing left behind. It
// returns how many files it removed.
func (f *Files) Sweep(ctx context.Context, st Store, minAge time.Duration, now time.Time) (int, error) {
	n := 0
	err := filepath.WalkDir(f.Dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return nil
			}
			return err
		}
		if ctx.Err() != nil {
			return ctx.Err()
		}
		if d.IsDir() {
			return nil
		}
		info, err := d.Info()
		if err != nil || now.Sub(info.ModTime()) < minAge {
			return nil
		}
		name := d.Name()
		if !validSum(name) { // a temporary file of a write that never finished
			return os.Remove(path)
		}
		f.mu.Lock()
		busy := f.inFlight[name] > 0
		f.mu.Unlock()
		if busy {
			return nil
		}
		used, err := st.FileInUse(ctx, name)
		if err != nil || used {
			return err
		}
		n++
		return os.Remove(path)
	})
	return n, err
}

// validSum reports whether s looks like a hex SHA-256, so a name from a
// URL can never walk out of the folder.
func validSum(s string) bool {
	if len(s) != 64 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !(s[i] >= '0' && s[i] <= '9' || s[i] >= 'a' && s[i] <= 'f') {
			return false
		}
	}
	return true
}
