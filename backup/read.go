package backup

import (
	"archive/tar"
	"compress/flate"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"hitori"
)

func errCorrupt(cause error) error {
	return fmt.Errorf("%w (%v)", hitori.Errorf(hitori.EINVALID, "the backup archive is truncated or corrupt"), cause)
}

// extract unpacks a gzip-compressed archive into the empty folder dir,
// checks every file against the manifest, and returns the manifest. Only
// regular files with names of the archive's layout are written, each once,
// so nothing lands outside dir. On an error dir holds a partial tree the
// caller removes.
func extract(ctx context.Context, r io.Reader, dir string) (*Manifest, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, errCorrupt(err)
	}
	tr := tar.NewReader(zr)
	var (
		h    *Header
		m    *Manifest
		got  = map[string]Entry{}
		seen int
	)
	for {
		hdr, err := tr.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, readErr(err)
		}
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		if seen++; seen > MaxEntries+2 {
			return nil, hitori.Errorf(hitori.EINVALID, "the backup archive holds more than %d files", MaxEntries)
		}
		switch {
		case hdr.Typeflag != tar.TypeReg || sparse(hdr):
			return nil, errCorrupt(fmt.Errorf("entry %q is not a regular file", hdr.Name))
		case m != nil:
			return nil, errCorrupt(fmt.Errorf("entry %q after the manifest", hdr.Name))
		case h == nil:
			if hdr.Name != headerName {
				return nil, hitori.Errorf(hitori.EINVALID, "the file is not a hitori backup archive")
			}
			if h, err = readHeader(tr); err != nil {
				return nil, err
			}
		case hdr.Name == manifestName:
			m = &Manifest{}
			if err := readJSON(tr, MaxManifestBytes, m); err != nil {
				return nil, err
			}
		default:
			if !validName(hdr.Name) {
				return nil, errCorrupt(fmt.Errorf("entry name %q is not allowed", hdr.Name))
			}
			if _, dup := got[hdr.Name]; dup {
				return nil, errCorrupt(fmt.Errorf("entry %q twice", hdr.Name))
			}
			e, err := writeEntry(dir, hdr.Name, tr)
			if err != nil {
				return nil, err
			}
			got[hdr.Name] = e
		}
	}
	// Read to the end so gzip checks its checksum and length.
	if _, err := io.Copy(io.Discard, zr); err != nil {
		return nil, readErr(err)
	}
	if h == nil || m == nil {
		return nil, errCorrupt(errors.New("the archive ends before its manifest"))
	}
	return m, verify(h, m, got)
}

// sparse reports a PAX sparse file: its holes would unpack to any size,
// so a few bytes of archive could fill the disk. hitori never writes one.
func sparse(hdr *tar.Header) bool {
	for k := range hdr.PAXRecords {
		if strings.HasPrefix(k, "GNU.sparse.") {
			return true
		}
	}
	return false
}

// readErr tells a damaged or cut stream from other failures (a full disk).
func readErr(err error) error {
	var fe flate.CorruptInputError
	if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, gzip.ErrChecksum) || errors.Is(err, gzip.ErrHeader) ||
		errors.Is(err, tar.ErrHeader) || errors.As(err, &fe) {
		return errCorrupt(err)
	}
	if _, ok := hitori.AsError(err); ok {
		return err
	}
	return fmt.Errorf("backup: read archive: %w", err)
}

func readHeader(r io.Reader) (*Header, error) {
	h := &Header{}
	if err := readJSON(r, MaxHeaderBytes, h); err != nil {
		return nil, err
	}
	if h.Format != Format {
		return nil, hitori.Errorf(hitori.EINVALID, "the file is not a hitori backup archive")
	}
	if h.FormatVersion != FormatVersion {
		return nil, hitori.Errorf(hitori.ECONFLICT, "the backup uses archive format %d but this hitori reads only format %d: restore it with a newer hitori", h.FormatVersion, FormatVersion)
	}
	return h, nil
}

func readJSON(r io.Reader, limit int64, v any) error {
	b, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		return readErr(err)
	}
	if int64(len(b)) > limit {
		return hitori.Errorf(hitori.EINVALID, "the backup archive's manifest is larger than %d bytes", limit)
	}
	if err := json.Unmarshal(b, v); err != nil {
		return errCorrupt(err)
	}
	return nil
}

// writeEntry writes one file under dir, hashing it on the way.
func writeEntry(dir, name string, r io.Reader) (Entry, error) {
	p := filepath.Join(dir, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o700); err != nil {
		return Entry{}, errCorrupt(err) // a name that is also a folder
	}
	f, err := os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return Entry{}, fmt.Errorf("backup: restore %s: %w", name, err)
	}
	h := sha256.New()
	n, err := io.Copy(io.MultiWriter(f, h), r)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return Entry{}, readErr(err)
	}
	return Entry{Name: name, Size: n, SHA256: sum256(h)}, nil
}

// verify checks that the archive holds exactly the manifest's files.
func verify(h *Header, m *Manifest, got map[string]Entry) error {
	if m.Header != *h {
		return errCorrupt(errors.New("the manifest does not match the archive's header"))
	}
	if m.Database != sqliteEntry && m.Database != dumpEntry {
		return errCorrupt(fmt.Errorf("database entry %q", m.Database))
	}
	if _, ok := got[m.Database]; !ok {
		return errCorrupt(errors.New("the archive holds no database"))
	}
	if len(m.Files) != len(got) {
		return errCorrupt(fmt.Errorf("the manifest lists %d files, the archive holds %d", len(m.Files), len(got)))
	}
	for _, want := range m.Files {
		if g, ok := got[want.Name]; !ok || g != want {
			return hitori.Errorf(hitori.EINVALID, "the backup archive is corrupt: %s does not match its size and SHA-256 in the manifest", want.Name)
		}
	}
	return nil
}
