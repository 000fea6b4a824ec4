package vault

import (
	"context"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/pquerna/otp/totp"

	"hitori"
)

// Field names bound into each ciphertext's additional data.
const (
	fieldPassword = "password"
	fieldTOTP     = "totp"
	fieldNotes    = "notes"
	fieldFile     = "file:"
)

// Limits on what an entry may hold.
const (
	maxShort = 500
	maxNotes = 20000
	// MaxFile bounds an attachment: recovery codes, a key file, a short PDF.
	MaxFile  = 256 << 10
	maxFiles = 20
)

// EntryInput is what a person types into an entry. A nil secret pointer
// leaves the stored value as it is on update.
type EntryInput struct {
	System   string
	URL      string
	Username string
	Password *string
	TOTP     *string
	Notes    *string
	RotateBy *time.Time
	Grants   []hitori.VaultGrant
}

// Secret is a revealed entry: only ever built for one audited request.
type Secret struct {
	ID       string `json:"id"`
	System   string `json:"system"`
	URL      string `json:"url"`
	Username string `json:"username"`
	Password string `json:"password"`
	TOTPCode string `json:"totp_code,omitempty"`
	TOTPSeed string `json:"totp_seed,omitempty"`
	Notes    string `json:"notes"`
}

func (in *EntryInput) validate() error {
	in.System, in.URL, in.Username = strings.TrimSpace(in.System), strings.TrimSpace(in.URL), strings.TrimSpace(in.Username)
	switch {
	case in.System == "":
		return hitori.FieldError("system", "error.vault_system_required")
	case len(in.System) > maxShort || !utf8.ValidString(in.System):
		return hitori.FieldError("system", "error.vault_too_long")
	case len(in.URL) > maxShort || !utf8.ValidString(in.URL):
		return hitori.FieldError("url", "error.vault_too_long")
	case len(in.Username) > maxShort || !utf8.ValidString(in.Username):
		return hitori.FieldError("username", "error.vault_too_long")
	case in.Password != nil && len(*in.Password) > maxShort:
		return hitori.FieldError("password", "error.vault_too_long")
	case in.Notes != nil && len(*in.Notes) > maxNotes:
		return hitori.FieldError("notes", "error.vault_too_long")
	}
	if in.TOTP != nil {
		seed := strings.ToUpper(strings.ReplaceAll(strings.TrimSpace(*in.TOTP), " ", ""))
		if seed != "" {
			if _, err := totp.GenerateCode(seed, time.Unix(0, 0)); err != nil || len(seed) > 200 {
				return hitori.FieldError("totp", "error.vault_totp_seed")
			}
		}
		*in.TOTP = seed
	}
	for _, g := range in.Grants {
		if g.UserID == 0 && !g.Role.Valid() {
			return hitori.FieldError("grants", "error.vault_grant")
		}
	}
	return nil
}

// canSee: administrators see everything; others what is shared with them.
func canSee(a Actor, e *hitori.VaultEntry) bool {
	if a.isAdmin() {
		return true
	}
	if a.User == nil {
		return false
	}
	for _, g := range e.Grants {
		if (g.UserID != 0 && g.UserID == a.User.ID) || (g.Role != "" && g.Role == a.User.Role) {
			return true
		}
	}
	return false
}

// setSecret encrypts one field under the entry's data key ("" stays "").
func setSecret(dst *string, dataKey []byte, vaultID, entryID, field string, plain *string) error {
	if plain == nil {
		return nil
	}
	if *plain == "" {
		*dst = ""
		return nil
	}
	ct, err := seal(dataKey, []byte(*plain), fieldAD(vaultID, entryID, field))
	*dst = ct
	return err
}

func getSecret(dataKey []byte, vaultID, entryID, field, ct string) (string, error) {
	if ct == "" {
		return "", nil
	}
	p, err := open(dataKey, ct, fieldAD(vaultID, entryID, field))
	return string(p), err
}

// Create stores a new entry and returns its id. Only administrators create.
func (s *Service) Create(ctx context.Context, a Actor, in EntryInput) (string, error) {
	if !a.isAdmin() {
		return "", ErrForbidden
	}
	if err := in.validate(); err != nil {
		return "", err
	}
	key, m, err := s.unlocked(ctx)
	if err != nil {
		return "", err
	}
	e := &hitori.VaultEntry{ID: hitori.RandomToken("", 10), System: in.System, URL: in.URL, Username: in.Username,
		RotateBy: in.RotateBy, Grants: in.Grants, CreatedAt: s.now(), UpdatedAt: s.now()}
	if a.User != nil {
		e.CreatedBy = a.User.ID
	}
	dataKey := NewKey()
	defer clear(dataKey)
	if e.DataKey, err = seal(key, dataKey, dataKeyAD(m.VaultID, e.ID)); err != nil {
		return "", err
	}
	if err := s.encryptFields(e, dataKey, m.VaultID, in); err != nil {
		return "", err
	}
	return e.ID, s.Store.CreateVaultEntry(ctx, e, a.record(hitori.VaultAuditCreate, e.ID, e.System))
}

func (s *Service) encryptFields(e *hitori.VaultEntry, dataKey []byte, vaultID string, in EntryInput) error {
	if err := setSecret(&e.Password, dataKey, vaultID, e.ID, fieldPassword, in.Password); err != nil {
		return err
	}
	if err := setSecret(&e.TOTP, dataKey, vaultID, e.ID, fieldTOTP, in.TOTP); err != nil {
		return err
	}
	return setSecret(&e.Notes, dataKey, vaultID, e.ID, fieldNotes, in.Notes)
}

// Update changes an entry; secrets left nil keep their value.
func (s *Service) Update(ctx context.Context, a Actor, id string, in EntryInput) error {
	if !a.isAdmin() {
		return ErrForbidden
	}
	if err := in.validate(); err != nil {
		return err
	}
	e, dataKey, m, err := s.openEntry(ctx, a, id)
	if err != nil {
		return err
	}
	defer clear(dataKey)
	e.System, e.URL, e.Username, e.RotateBy, e.Grants, e.UpdatedAt = in.System, in.URL, in.Username, in.RotateBy, in.Grants, s.now()
	if err := s.encryptFields(e, dataKey, m.VaultID, in); err != nil {
		return err
	}
	return s.Store.UpdateVaultEntry(ctx, e, a.record(hitori.VaultAuditUpdate, e.ID, e.System))
}

// Delete removes an entry and its files.
func (s *Service) Delete(ctx context.Context, a Actor, id string) error {
	if !a.isAdmin() {
		return ErrForbidden
	}
	e, err := s.Entry(ctx, a, id)
	if err != nil {
		return err
	}
	return s.Store.DeleteVaultEntry(ctx, id, a.record(hitori.VaultAuditDelete, id, e.System))
}

// Entry returns an entry's metadata (ciphertexts included, never opened)
// when a may see it; others get ENOTFOUND so ids reveal nothing.
func (s *Service) Entry(ctx context.Context, a Actor, id string) (*hitori.VaultEntry, error) {
	e, err := s.Store.FindVaultEntry(ctx, id)
	if err != nil {
		return nil, err
	}
	if !canSee(a, e) {
		return nil, hitori.Errorf(hitori.ENOTFOUND, "vault entry not found")
	}
	return e, nil
}

// List returns the entries a may see, without secrets.
func (s *Service) List(ctx context.Context, a Actor) ([]*hitori.VaultEntry, error) {
	all, err := s.Store.ListVaultEntries(ctx)
	if err != nil {
		return nil, err
	}
	var out []*hitori.VaultEntry
	for _, e := range all {
		if canSee(a, e) {
			out = append(out, e)
		}
	}
	return out, nil
}

// openEntry finds an entry a may see and unwraps its data key.
func (s *Service) openEntry(ctx context.Context, a Actor, id string) (*hitori.VaultEntry, []byte, *hitori.VaultMeta, error) {
	e, err := s.Entry(ctx, a, id)
	if err != nil {
		return nil, nil, nil, err
	}
	key, m, err := s.unlocked(ctx)
	if err != nil {
		return nil, nil, nil, err
	}
	dataKey, err := open(key, e.DataKey, dataKeyAD(m.VaultID, e.ID))
	if err != nil {
		return nil, nil, nil, err
	}
	return e, dataKey, m, nil
}

// Reveal decrypts an entry for a, recording the reveal (or copy) first:
// no record, no secret.
func (s *Service) Reveal(ctx context.Context, a Actor, id, action string) (*Secret, error) {
	if action != hitori.VaultAuditCopy {
		action = hitori.VaultAuditReveal
	}
	e, dataKey, m, err := s.openEntry(ctx, a, id)
	if err != nil {
		return nil, err
	}
	defer clear(dataKey)
	sec := &Secret{ID: e.ID, System: e.System, URL: e.URL, Username: e.Username}
	if sec.Password, err = getSecret(dataKey, m.VaultID, e.ID, fieldPassword, e.Password); err != nil {
		return nil, err
	}
	if sec.TOTPSeed, err = getSecret(dataKey, m.VaultID, e.ID, fieldTOTP, e.TOTP); err != nil {
		return nil, err
	}
	if sec.Notes, err = getSecret(dataKey, m.VaultID, e.ID, fieldNotes, e.Notes); err != nil {
		return nil, err
	}
	if sec.TOTPSeed != "" {
		sec.TOTPCode, _ = totp.GenerateCode(sec.TOTPSeed, s.now())
	}
	if err := s.Store.AppendVaultAudit(ctx, a.record(action, e.ID, e.System), nil); err != nil {
		return nil, err
	}
	return sec, nil
}
