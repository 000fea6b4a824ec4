package vault

import (
	"context"
	"path/filepath"
	"strconv"
	"strings"
	"unicode/utf8"

	"hitori"
)

// AddFile attaches a small encrypted file (recovery codes, say) to an entry.
func (s *Service) AddFile(ctx context.Context, a Actor, id, name string, data []byte) error {
	if !a.isAdmin() {
		return ErrForbidden
	}
	name = strings.TrimSpace(filepath.Base(strings.ReplaceAll(name, "\\", "/")))
	switch {
	case name == "" || name == "." || len(name) > 200 || !utf8.ValidString(name):
		return hitori.FieldError("file", "error.vault_file_name")
	case len(data) == 0 || len(data) > MaxFile:
		return hitori.FieldError("file", "error.vault_file_size")
	}
	e, dataKey, m, err := s.openEntry(ctx, a, id)
	if err != nil {
		return err
	}
	defer clear(dataKey)
	if len(e.Files) >= maxFiles {
		return hitori.FieldError("file", "error.vault_file_count")
	}
	// A new file has no id yet: its random tag binds the ciphertext instead.
	tag := hitori.RandomToken("", 8)
	ct, err := seal(dataKey, data, fieldAD(m.VaultID, e.ID, fieldFile+tag))
	if err != nil {
		return err
	}
	e.Files = append(e.Files, hitori.VaultFile{Name: name, Size: len(data), Data: tag + ":" + ct, CreatedAt: s.now()})
	e.UpdatedAt = s.now()
	return s.Store.UpdateVaultEntry(ctx, e, a.record(hitori.VaultAuditFile, e.ID, "added "+name))
}

// OpenFile decrypts one attachment, recording the reveal first.
func (s *Service) OpenFile(ctx context.Context, a Actor, id string, fileID int64) (string, []byte, error) {
	e, dataKey, m, err := s.openEntry(ctx, a, id)
	if err != nil {
		return "", nil, err
	}
	defer clear(dataKey)
	for _, f := range e.Files {
		if f.ID != fileID {
			continue
		}
		tag, ct, _ := splitTag(f.Data)
		plain, err := open(dataKey, ct, fieldAD(m.VaultID, e.ID, fieldFile+tag))
		if err != nil {
			return "", nil, err
		}
		rec := a.record(hitori.VaultAuditReveal, e.ID, "file "+strconv.FormatInt(f.ID, 10)+" "+f.Name)
		if err := s.Store.AppendVaultAudit(ctx, rec, nil); err != nil {
			return "", nil, err
		}
		return f.Name, plain, nil
	}
	return "", nil, hitori.Errorf(hitori.ENOTFOUND, "file not found")
}

// RemoveFile deletes one attachment.
func (s *Service) RemoveFile(ctx context.Context, a Actor, id string, fileID int64) error {
	if !a.isAdmin() {
		return ErrForbidden
	}
	e, err := s.Entry(ctx, a, id)
	if err != nil {
		return err
	}
	kept := e.Files[:0]
	for _, f := range e.Files {
		if f.ID != fileID {
			kept = append(kept, f)
		}
	}
	e.Files, e.UpdatedAt = kept, s.now()
	return s.Store.UpdateVaultEntry(ctx, e, a.record(hitori.VaultAuditFile, e.ID, "removed file "+strconv.FormatInt(fileID, 10)))
}

// splitTag separates a file's random tag from its ciphertext.
func splitTag(data string) (tag, ct string, ok bool) { return strings.Cut(data, ":") }
