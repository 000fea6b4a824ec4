package binder

import (
	"archive/zip"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"time"
)

// ZipFolder is the folder the zip's files sit in, so unpacking it makes one folder.
const ZipFolder = "handover-binder"

// files returns the binder's files by name: the page, and the encrypted
// vault export when there is one.
func files(b *Binder, t Translator) (map[string][]byte, error) {
	page, err := HTML(b, t)
	if err != nil {
		return nil, err
	}
	out := map[string][]byte{IndexName: page}
	if len(b.VaultFile) > 0 {
		out[VaultFileName] = b.VaultFile
	}
	return out, nil
}

// WriteDir writes the binder into dir (made when missing). A vault export
// left by an earlier binder with credentials is removed when this one has
// none, so the folder never holds more than the user asked for.
func WriteDir(dir string, b *Binder, t Translator) error {
	fl, err := files(b, t)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("binder: %w", err)
	}
	if _, ok := fl[VaultFileName]; !ok {
		if err := os.Remove(filepath.Join(dir, VaultFileName)); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("binder: %w", err)
		}
	}
	for name, data := range fl {
		mode := fs.FileMode(0o644)
		if name == VaultFileName {
			mode = 0o600
		}
		if err := os.WriteFile(filepath.Join(dir, name), data, mode); err != nil {
			return fmt.Errorf("binder: %w", err)
		}
	}
	return nil
}

// WriteZip writes the binder as a zip archive holding ZipFolder/.
func WriteZip(w io.Writer, b *Binder, t Translator) error {
	fl, err := files(b, t)
	if err != nil {
		return err
	}
	zw := zip.NewWriter(w)
	for _, name := range []string{IndexName, VaultFileName} {
		data, ok := fl[name]
		if !ok {
			continue
		}
		hdr := &zip.FileHeader{Name: ZipFolder + "/" + name, Method: zip.Deflate, Modified: b.Generated.In(time.UTC)}
		f, err := zw.CreateHeader(hdr)
		if err != nil {
			return fmt.Errorf("binder: zip: %w", err)
		}
		if _, err := f.Write(data); err != nil {
			return fmt.Errorf("binder: zip: %w", err)
		}
	}
	if err := zw.Close(); err != nil {
		return fmt.Errorf("binder: zip: %w", err)
	}
	return nil
}
