package vault

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"hitori"
)

// MaxExport bounds an export file read back by Import.
const MaxExport = 64 << 20

const exportFormat = "hitori-vault-export"

// exportFile is the outer, readable part of an export: what is needed to
// derive the key; the entries are one AES-GCM ciphertext.
type exportFile struct {
	Format  string `json:"format"`
	Version int    `json:"version"`
	VaultID string `json:"vault_id"`
	Created string `json:"created"`
	KDF     string `json:"kdf"`
	Data    string `json:"data"`
}

type exportEntry struct {
	System   string              `json:"system"`
	URL      string              `json:"url"`
	Username string              `json:"username"`
	Password string              `json:"password"`
	TOTP     string              `json:"totp,omitempty"`
	Notes    string              `json:"notes,omitempty"`
	RotateBy *time.Time          `json:"rotate_by,omitempty"`
	Grants   []hitori.VaultGrant `json:"grants,omitempty"`
	Files    []exportFileData    `json:"files,omitempty"`
}

type exportFileData struct {
	Name string `json:"name"`
	Data []byte `json:"data"`
}

var exportAD = []byte("hitori-vault/v1/export")

// Export writes every entry, decrypted, into one file encrypted under
// passphrase (argon2id + AES-256-GCM). It is an explicit, audited act.
func (s *Service) Export(ctx context.Context, a Actor, passphrase string) ([]byte, error) {
	if !a.isAdmin() {
		return nil, ErrForbidden
	}
	if len([]rune(passphrase)) < MinPassphrase {
		return nil, ErrShortPass
	}
	_, m, err := s.unlocked(ctx)
	if err != nil {
		return nil, err
	}
	list, err := s.Store.ListVaultEntries(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]exportEntry, 0, len(list))
	for _, summary := range list {
		e, dataKey, _, err := s.openEntry(ctx, a, summary.ID)
		if err != nil {
			return nil, err
		}
		x, err := exportOne(e, dataKey, m.VaultID)
		clear(dataKey)
		if err != nil {
			return nil, fmt.Errorf("vault: export entry %s: %w", e.ID, err)
		}
		out = append(out, x)
	}
	plain, err := json.Marshal(out)
	if err != nil {
		return nil, err
	}
	defer clear(plain)
	kek, kdf := passphraseKey(passphrase, s.KDF)
	ct, err := seal(kek, plain, exportAD)
	if err != nil {
		return nil, err
	}
	rec := a.record(hitori.VaultAuditExport, "", fmt.Sprintf("%d entries", len(out)))
	if err := s.Store.AppendVaultAudit(ctx, rec, nil); err != nil {
		return nil, err
	}
	return json.MarshalIndent(exportFile{Format: exportFormat, Version: 1, VaultID: m.VaultID,
		Created: s.now().Format(time.RFC3339), KDF: kdf, Data: ct}, "", "  ")
}

func exportOne(e *hitori.VaultEntry, dataKey []byte, vaultID string) (exportEntry, error) {
	x := exportEntry{System: e.System, URL: e.URL, Username: e.Username, RotateBy: e.RotateBy, Grants: e.Grants}
	var err error
	for _, f := range []struct {
		dst        *string
		field, src string
	}{{&x.Password, fieldPassword, e.Password}, {&x.TOTP, fieldTOTP, e.TOTP}, {&x.Notes, fieldNotes, e.Notes}} {
		if *f.dst, err = getSecret(dataKey, vaultID, e.ID, f.field, f.src); err != nil {
			return x, err
		}
	}
	for _, f := range e.Files {
		tag, ct, _ := splitTag(f.Data)
		p, err := open(dataKey, ct, fieldAD(vaultID, e.ID, fieldFile+tag))
		if err != nil {
			return x, err
		}
		x.Files = append(x.Files, exportFileData{Name: f.Name, Data: p})
	}
	return x, nil
}

// ErrExportFile is returned for a file that is not a vault export.
var ErrExportFile = hitori.KeyError(hitori.EINVALID, "error.vault_export_file")

// Import reads an export and adds its entries as new entries (new ids,
// new data keys under this vault's key). It returns how many it added.
func (s *Service) Import(ctx context.Context, a Actor, file []byte, passphrase string) (int, error) {
	if !a.isAdmin() {
		return 0, ErrForbidden
	}
	if len(file) > MaxExport {
		return 0, ErrExportFile
	}
	var f exportFile
	if err := json.Unmarshal(file, &f); err != nil || f.Format != exportFormat || f.Version != 1 {
		return 0, ErrExportFile
	}
	kek, err := rederive(passphrase, f.KDF)
	if err != nil {
		return 0, ErrExportFile
	}
	plain, err := open(kek, f.Data, exportAD)
	if errors.Is(err, ErrDamaged) {
		return 0, ErrBadPass
	} else if err != nil {
		return 0, err
	}
	defer clear(plain)
	var entries []exportEntry
	if err := json.Unmarshal(plain, &entries); err != nil {
		return 0, ErrExportFile
	}
	for i, x := range entries {
		in := EntryInput{System: x.System, URL: x.URL, Username: x.Username, Password: &x.Password,
			TOTP: &x.TOTP, Notes: &x.Notes, RotateBy: x.RotateBy, Grants: x.Grants}
		id, err := s.Create(ctx, a, in)
		if err != nil {
			return i, fmt.Errorf("vault: import entry %d (%s): %w", i+1, x.System, err)
		}
		for _, file := range x.Files {
			if err := s.AddFile(ctx, a, id, file.Name, file.Data); err != nil {
				return i, fmt.Errorf("vault: import entry %d (%s) file %s: %w", i+1, x.System, file.Name, err)
			}
		}
	}
	rec := a.record(hitori.VaultAuditImport, "", fmt.Sprintf("%d entries from vault %s", len(entries), f.VaultID))
	return len(entries), s.Store.AppendVaultAudit(ctx, rec, nil)
}
