package blob

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"
)

// Info describes one stored file.
type Info struct {
	Sum     string
	Size    int64
	ModTime time.Time
}

// Walk calls fn for every stored file, in name order. Temporary files and
// anything else not named by a SHA-256 in its right subfolder are skipped.
// A missing Dir is an empty store.
func (s *Store) Walk(ctx context.Context, fn func(Info) error) error {
	err := filepath.WalkDir(s.Dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) && path == s.Dir {
				return nil
			}
			return err
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		if d.IsDir() || !d.Type().IsRegular() {
			return nil
		}
		name := d.Name()
		if !Valid(name) || path != s.Path(name) {
			return nil
		}
		info, err := d.Info()
		if errors.Is(err, fs.ErrNotExist) {
			return nil // removed by a Sweep meanwhile
		} else if err != nil {
			return err
		}
		return fn(Info{Sum: name, Size: info.Size(), ModTime: info.ModTime()})
	})
	if err != nil {
		return fmt.Errorf("blob: walk %s: %w", s.Dir, err)
	}
	return nil
}

// List returns every stored file, in name order.
func (s *Store) List(ctx context.Context) ([]Info, error) {
	var out []Info
	err := s.Walk(ctx, func(i Info) error {
		out = append(out, i)
		return nil
	})
	return out, err
}

// Sweep removes files older than minAge for which referenced reports
// false: what a process killed between storing files and committing the
// rows that name them left behind. Old temporary files go too. The age
// keeps it off files whose rows are still being written; a referenced
// error stops the sweep, keeping the file. It returns how many stored
// files it removed.
func (s *Store) Sweep(ctx context.Context, minAge time.Duration, now time.Time, referenced func(ctx context.Context, sum string) (bool, error)) (int, error) {
	n := 0
	err := filepath.WalkDir(s.Dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return nil
			}
			return err
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		if d.IsDir() {
			return nil
		}
		info, err := d.Info()
		if err != nil || now.Sub(info.ModTime()) < minAge {
			return nil
		}
		name := d.Name()
		if !Valid(name) { // a temporary file of a write that never finished
			return os.Remove(path)
		}
		used, err := referenced(ctx, name)
		if err != nil || used {
			return err
		}
		n++
		return os.Remove(path)
	})
	if err != nil {
		return n, fmt.Errorf("blob: sweep %s: %w", s.Dir, err)
	}
	return n, nil
}
