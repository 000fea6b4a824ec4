package hitori

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"strconv"
	"strings"
	"time"
)

// Vault key protection modes.
const (
	VaultKeyFile    = "keyfile"    // wrapped by a key file in DATA/keys/ (unattended restarts)
	VaultPassphrase = "passphrase" // wrapped by an administrator passphrase (unlock after restart)
)

// VaultMeta is the vault's single row: its id, how its key is protected,
// the wrapped key and a check value that confirms a key without decrypting
// any secret.
type VaultMeta struct {
	VaultID    string // 32 hex digits, carried by every emergency share
	Mode       string
	WrappedKey string // ciphertext of the vault key
	KDF        string // argon2id parameters and salt in passphrase mode
	Check      string // a constant sealed under the vault key
	Generation int64  // raised at each re-key; shares of older generations are void
	// KitIssued is when emergency shares were last written; zero when never.
	KitIssued time.Time
	CreatedAt time.Time
	UpdatedAt time.Time
}

// VaultEntry is one stored credential. System, URL and Username are plain
// (they are how people find an entry); the secret fields are ciphertexts
// made by the vault package, each bound to the entry and field.
type VaultEntry struct {
	ID       string
	System   string
	URL      string
	Username string
	DataKey  string // the entry's data key, wrapped by the vault key
	Password string // ciphertext
	TOTP     string // ciphertext, "" when none
	Notes    string // ciphertext, "" when none
	RotateBy *time.Time
	Grants   []VaultGrant
	Files    []VaultFile
	// CreatedBy is the user who made the entry (0 from an import).
	CreatedBy int64
	CreatedAt time.Time
	UpdatedAt time.Time
}

// VaultGrant shares an entry with one user or everyone of a role.
type VaultGrant struct {
	UserID int64
	Role   Role
}

// VaultFile is an encrypted attachment (recovery codes and the like).
type VaultFile struct {
	ID        int64
	Name      string
	Size      int
	Data      string // ciphertext
	CreatedAt time.Time
}

// Vault audit actions.
const (
	VaultAuditInit     = "vault.init"
	VaultAuditCreate   = "vault.create"
	VaultAuditUpdate   = "vault.update"
	VaultAuditDelete   = "vault.delete"
	VaultAuditReveal   = "vault.reveal"
	VaultAuditCopy     = "vault.copy"
	VaultAuditFile     = "vault.file"
	VaultAuditShare    = "vault.share"
	VaultAuditUnlock   = "vault.unlock"
	VaultAuditMode     = "vault.mode"
	VaultAuditSplit    = "vault.split"
	VaultAuditRecover  = "vault.recover"
	VaultAuditRekey    = "vault.rekey"
	VaultAuditExport   = "vault.export"
	VaultAuditImport   = "vault.import"
	VaultAuditRecFail  = "vault.recover_failed"
	VaultAuditNewAdmin = "vault.new_admin"
)

// VaultAuditRecord is one link of the vault's append-only, hash-chained
// log: each hash covers the previous record's hash and every field, so an
// edited, removed or reordered record breaks the chain from there on.
type VaultAuditRecord struct {
	Seq      int64
	At       time.Time
	ActorID  int64  // 0 for the command line or an emergency recovery
	Actor    string // e-mail or "cli"
	Action   string
	EntryID  string
	Remote   string // client address, or "cli"
	Detail   string // never a secret
	PrevHash string
	Hash     string
}

// ComputeHash returns the record's hash over prev and its fields. The
// encoding is length-prefixed so no two field lists hash alike; stored
// logs depend on it not changing.
func (r *VaultAuditRecord) ComputeHash(prev string) string {
	var b strings.Builder
	for _, f := range []string{"hitori-vault-audit/v1", prev, strconv.FormatInt(r.Seq, 10),
		r.At.UTC().Format(time.RFC3339Nano), strconv.FormatInt(r.ActorID, 10), r.Actor,
		r.Action, r.EntryID, r.Remote, r.Detail} {
		b.WriteString(strconv.Itoa(len(f)))
		b.WriteByte(':')
		b.WriteString(f)
	}
	sum := sha256.Sum256([]byte(b.String()))
	return hex.EncodeToString(sum[:])
}

// VaultStore is the vault area's storage. Every method that changes
// something also appends its audit record (and enqueues jobs) in the same
// transaction, so no change goes unrecorded.
type VaultStore interface {
	// FindVaultMeta returns the vault row, or ENOTFOUND before first use.
	FindVaultMeta(ctx context.Context) (*VaultMeta, error)
	// CreateVaultMeta stores the first vault row; ECONFLICT when one exists.
	CreateVaultMeta(ctx context.Context, m *VaultMeta, rec *VaultAuditRecord) error
	// UpdateVaultMeta replaces the row when its generation is still
	// oldGeneration (else ECONFLICT) and rewraps data keys (entry id → key).
	UpdateVaultMeta(ctx context.Context, m *VaultMeta, oldGeneration int64, dataKeys map[string]string, rec *VaultAuditRecord, jobs []*Job) error
	CreateVaultEntry(ctx context.Context, e *VaultEntry, rec *VaultAuditRecord) error
	// UpdateVaultEntry replaces fields, grants and files of an entry.
	UpdateVaultEntry(ctx context.Context, e *VaultEntry, rec *VaultAuditRecord) error
	DeleteVaultEntry(ctx context.Context, id string, rec *VaultAuditRecord) error
	// FindVaultEntry returns an entry with grants and files, or ENOTFOUND.
	FindVaultEntry(ctx context.Context, id string) (*VaultEntry, error)
	// ListVaultEntries returns every entry with grants (files without data).
	ListVaultEntries(ctx context.Context) ([]*VaultEntry, error)
	// AppendVaultAudit appends one record (with jobs to enqueue alongside).
	AppendVaultAudit(ctx context.Context, rec *VaultAuditRecord, jobs []*Job) error
	// ListVaultAudit returns records with Seq > after, oldest first.
	ListVaultAudit(ctx context.Context, after int64, limit int) ([]*VaultAuditRecord, error)
}
