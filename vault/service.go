package vault

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"sync"
	"time"

	"hitori"
)

// Actor is who acts and from where, for the audit log. A nil User is the
// command line run by whoever holds the data folder.
type Actor struct {
	User   *hitori.User
	Remote string
	Name   string // recorded when User is nil; "cli" when empty
}

// RecoveryPage is the actor of the public recovery page: nobody signed in,
// the shares are the authority.
func RecoveryPage(remote string) Actor { return Actor{Remote: remote, Name: "recovery page"} }

// CLI is the actor of command-line operations.
var CLI = Actor{Remote: "cli"}

func (a Actor) record(action, entryID, detail string) *hitori.VaultAuditRecord {
	r := &hitori.VaultAuditRecord{Action: action, EntryID: entryID, Remote: a.Remote, Detail: detail, Actor: "cli"}
	if a.Name != "" {
		r.Actor = a.Name
	}
	if a.User != nil {
		r.ActorID, r.Actor = a.User.ID, a.User.Email
	}
	return r
}

// isAdmin is true for administrators and the command line; the recovery
// page is not (it may only recover).
func (a Actor) isAdmin() bool {
	return (a.User == nil && a.Name == "") || (a.User != nil && a.User.Role == hitori.RoleAdmin)
}

// Record builds an audit record for a (for callers outside the package,
// such as the new administrator a recovery creates).
func (a Actor) Record(action, detail string) *hitori.VaultAuditRecord {
	return a.record(action, "", detail)
}

// Errors the web layer translates.
var (
	ErrLocked     = hitori.KeyError(hitori.EFORBIDDEN, "error.vault_locked")
	ErrForbidden  = hitori.KeyError(hitori.EFORBIDDEN, "error.vault_forbidden")
	ErrBadPass    = hitori.KeyError(hitori.EINVALID, "error.vault_passphrase")
	ErrShortPass  = hitori.FieldError("passphrase", "error.vault_passphrase_short")
	ErrNotEnabled = hitori.KeyError(hitori.ECONFLICT, "error.vault_keyfile_missing")
)

// MinPassphrase is the shortest passphrase accepted (in characters).
const MinPassphrase = 12

// Service is the vault area: every change and reveal goes through it.
type Service struct {
	Store hitori.VaultStore
	// KeyFile wraps the vault key in key-file mode (sealed.Keyring over
	// DATA/keys); nil: key-file mode is unavailable.
	KeyFile hitori.Sealer
	KDF     KDFParams
	Now     func() time.Time

	mu  sync.Mutex
	key []byte // the unlocked vault key, nil while locked
	gen int64  // its generation
}

// New returns a service; the vault is created at first use.
func New(store hitori.VaultStore, keyFile hitori.Sealer) *Service {
	return &Service{Store: store, KeyFile: keyFile, KDF: DefaultKDF, Now: time.Now}
}

func (s *Service) now() time.Time { return s.Now().UTC() }

// Status says whether the vault exists, how it is protected and whether
// this process holds its key.
type Status struct {
	Exists    bool
	Mode      string
	Unlocked  bool
	VaultID   string
	KitIssued time.Time
}

// Status reports the vault's state without creating it.
func (s *Service) Status(ctx context.Context) (Status, error) {
	m, err := s.Store.FindVaultMeta(ctx)
	if hitori.ErrorCode(err) == hitori.ENOTFOUND {
		return Status{Mode: hitori.VaultKeyFile, Unlocked: s.KeyFile != nil}, nil
	} else if err != nil {
		return Status{}, err
	}
	st := Status{Exists: true, Mode: m.Mode, VaultID: m.VaultID, KitIssued: m.KitIssued}
	s.mu.Lock()
	st.Unlocked = s.key != nil && s.gen == m.Generation
	s.mu.Unlock()
	if !st.Unlocked && m.Mode == hitori.VaultKeyFile {
		_, _, err := s.unlocked(ctx)
		st.Unlocked = err == nil
	}
	return st, nil
}

// unlocked returns the vault key and meta, creating the vault (key-file
// mode) at first use and opening the key file when needed.
func (s *Service) unlocked(ctx context.Context) ([]byte, *hitori.VaultMeta, error) {
	m, err := s.Store.FindVaultMeta(ctx)
	if hitori.ErrorCode(err) == hitori.ENOTFOUND {
		m, err = s.create(ctx)
	}
	if err != nil {
		return nil, nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.key != nil && s.gen == m.Generation {
		return s.key, m, nil
	}
	if m.Mode != hitori.VaultKeyFile {
		return nil, nil, ErrLocked
	}
	if s.KeyFile == nil {
		return nil, nil, ErrNotEnabled
	}
	wrapped, err := s.KeyFile.Open(m.WrappedKey)
	if err != nil {
		return nil, nil, fmt.Errorf("vault: open the vault key with the key file: %w", err)
	}
	key := wrapped
	if !keyMatches(key, m.VaultID, m.Check) {
		return nil, nil, errors.New("vault: the key file opens a key that is not this vault's")
	}
	s.key, s.gen = key, m.Generation
	return key, m, nil
}

// create makes the vault: a random id and key, wrapped by the key file.
func (s *Service) create(ctx context.Context) (*hitori.VaultMeta, error) {
	if s.KeyFile == nil {
		return nil, ErrNotEnabled
	}
	id := make([]byte, 16)
	_, _ = rand.Read(id)
	key := NewKey()
	m := &hitori.VaultMeta{VaultID: hex.EncodeToString(id), Mode: hitori.VaultKeyFile, Generation: 1,
		CreatedAt: s.now(), UpdatedAt: s.now()}
	if err := s.protect(m, key, ""); err != nil {
		return nil, err
	}
	err := s.Store.CreateVaultMeta(ctx, m, CLI.record(hitori.VaultAuditInit, "", "created, key-file mode"))
	if hitori.ErrorCode(err) == hitori.ECONFLICT {
		return s.Store.FindVaultMeta(ctx) // another process created it first
	} else if err != nil {
		return nil, err
	}
	return m, nil
}

// protect fills m's wrapped key and check value for key: under the key
// file when passphrase is empty, else under the passphrase.
func (s *Service) protect(m *hitori.VaultMeta, key []byte, passphrase string) error {
	check, err := seal(key, []byte(checkPlain), checkAD(m.VaultID))
	if err != nil {
		return err
	}
	m.Check = check
	if passphrase == "" {
		if s.KeyFile == nil {
			return ErrNotEnabled
		}
		m.Mode, m.KDF = hitori.VaultKeyFile, ""
		m.WrappedKey, err = s.KeyFile.Seal(key)
		return err
	}
	kek, kdf := passphraseKey(passphrase, s.KDF)
	m.Mode, m.KDF = hitori.VaultPassphrase, kdf
	m.WrappedKey, err = seal(kek, key, vaultKeyAD(m.VaultID, hitori.VaultPassphrase))
	return err
}

// Lock forgets the key in this process (passphrase mode only matters).
func (s *Service) Lock() {
	s.mu.Lock()
	clear(s.key)
	s.key = nil
	s.mu.Unlock()
}

// Unlock opens a passphrase-protected vault in this process.
func (s *Service) Unlock(ctx context.Context, a Actor, passphrase string) error {
	m, err := s.Store.FindVaultMeta(ctx)
	if err != nil {
		return err
	}
	if m.Mode != hitori.VaultPassphrase {
		_, _, err := s.unlocked(ctx)
		return err
	}
	kek, err := rederive(passphrase, m.KDF)
	if err != nil {
		return err
	}
	key, err := open(kek, m.WrappedKey, vaultKeyAD(m.VaultID, hitori.VaultPassphrase))
	if err != nil || !keyMatches(key, m.VaultID, m.Check) {
		_ = s.Store.AppendVaultAudit(ctx, a.record(hitori.VaultAuditUnlock, "", "wrong passphrase"), nil)
		return ErrBadPass
	}
	s.mu.Lock()
	s.key, s.gen = key, m.Generation
	s.mu.Unlock()
	return s.Store.AppendVaultAudit(ctx, a.record(hitori.VaultAuditUnlock, "", "unlocked"), nil)
}

// SetPassphrase switches the vault to passphrase protection (or changes
// the passphrase). The vault must be open in this process.
func (s *Service) SetPassphrase(ctx context.Context, a Actor, passphrase string) error {
	if !a.isAdmin() {
		return ErrForbidden
	}
	if len([]rune(passphrase)) < MinPassphrase {
		return ErrShortPass
	}
	return s.reprotect(ctx, a, passphrase, "passphrase mode")
}

// UseKeyFile switches the vault back to key-file protection.
func (s *Service) UseKeyFile(ctx context.Context, a Actor) error {
	if !a.isAdmin() {
		return ErrForbidden
	}
	return s.reprotect(ctx, a, "", "key-file mode")
}

func (s *Service) reprotect(ctx context.Context, a Actor, passphrase, detail string) error {
	key, m, err := s.unlocked(ctx)
	if err != nil {
		return err
	}
	next := *m
	next.UpdatedAt = s.now()
	if err := s.protect(&next, key, passphrase); err != nil {
		return err
	}
	return s.Store.UpdateVaultMeta(ctx, &next, m.Generation, nil, a.record(hitori.VaultAuditMode, "", detail), nil)
}
