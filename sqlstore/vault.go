package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"hitori"
)

var _ hitori.VaultStore = (*Vault)(nil)

// Vault stores the credential vault: ciphertexts only (the vault package
// encrypts), grants, files and the hash-chained audit log.
type Vault struct{ db *DB }

// Vault returns the vault store.
func (db *DB) Vault() *Vault { return &Vault{db: db} }

const vaultMetaColumns = `vault_id, mode, wrapped_key, kdf, check_value, generation, kit_issued, created_at, updated_at`

// FindVaultMeta returns the vault row, or ENOTFOUND before first use.
func (s *Vault) FindVaultMeta(ctx context.Context) (*hitori.VaultMeta, error) {
	m := &hitori.VaultMeta{}
	var kit sql.NullTime
	err := s.db.r.QueryRowContext(ctx, `SELECT `+vaultMetaColumns+` FROM vault_meta WHERE id = 1`).Scan(
		&m.VaultID, &m.Mode, &m.WrappedKey, &m.KDF, &m.Check, &m.Generation, &kit, &m.CreatedAt, &m.UpdatedAt)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, hitori.Errorf(hitori.ENOTFOUND, "the vault has not been created")
	} else if err != nil {
		return nil, fmt.Errorf("sqlstore: vault meta: %w", err)
	}
	if kit.Valid {
		m.KitIssued = kit.Time.UTC()
	}
	m.CreatedAt, m.UpdatedAt = m.CreatedAt.UTC(), m.UpdatedAt.UTC()
	return m, nil
}

func kitArg(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t.UTC().Truncate(time.Microsecond)
}

// CreateVaultMeta stores the vault's first row; ECONFLICT when one exists.
func (s *Vault) CreateVaultMeta(ctx context.Context, m *hitori.VaultMeta, rec *hitori.VaultAuditRecord) error {
	err := s.db.write(ctx, func(tx *sql.Tx) error {
		now := s.db.now()
		_, err := tx.ExecContext(ctx, `INSERT INTO vault_meta (id, `+vaultMetaColumns+`)
			VALUES (1, $1, $2, $3, $4, $5, $6, $7, $8, $9)`, m.VaultID, m.Mode, m.WrappedKey, m.KDF, m.Check,
			m.Generation, kitArg(m.KitIssued), now, now)
		if isUniqueViolation(err) {
			return hitori.Errorf(hitori.ECONFLICT, "the vault exists")
		} else if err != nil {
			return fmt.Errorf("sqlstore: create vault: %w", err)
		}
		return s.appendTx(ctx, tx, rec, nil)
	})
	return err
}

// UpdateVaultMeta replaces the row while its generation is oldGeneration
// and re-wraps the given data keys, all in one transaction.
func (s *Vault) UpdateVaultMeta(ctx context.Context, m *hitori.VaultMeta, oldGeneration int64, dataKeys map[string]string, rec *hitori.VaultAuditRecord, jobs []*hitori.Job) error {
	return s.db.write(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE vault_meta SET mode = $1, wrapped_key = $2, kdf = $3, check_value = $4,
			generation = $5, kit_issued = $6, updated_at = $7 WHERE id = 1 AND generation = $8`,
			m.Mode, m.WrappedKey, m.KDF, m.Check, m.Generation, kitArg(m.KitIssued), s.db.now(), oldGeneration)
		if err != nil {
			return fmt.Errorf("sqlstore: update vault: %w", err)
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return hitori.Errorf(hitori.ECONFLICT, "the vault changed meanwhile (re-keyed by another process)")
		}
		for id, key := range dataKeys {
			if _, err := tx.ExecContext(ctx, `UPDATE vault_entries SET data_key = $1 WHERE id = $2`, key, id); err != nil {
				return fmt.Errorf("sqlstore: re-wrap vault entry: %w", err)
			}
		}
		return s.appendTx(ctx, tx, rec, jobs)
	})
}

// CreateVaultEntry inserts an entry with its grants and files.
func (s *Vault) CreateVaultEntry(ctx context.Context, e *hitori.VaultEntry, rec *hitori.VaultAuditRecord) error {
	return s.db.write(ctx, func(tx *sql.Tx) error {
		now := s.db.now()
		e.CreatedAt, e.UpdatedAt = now, now
		_, err := tx.ExecContext(ctx, `INSERT INTO vault_entries (id, system, url, username, data_key, password, totp, notes,
			rotate_by, created_by, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
			e.ID, e.System, e.URL, e.Username, e.DataKey, e.Password, e.TOTP, e.Notes, timeArg(e.RotateBy), e.CreatedBy, now, now)
		if err != nil {
			return fmt.Errorf("sqlstore: create vault entry: %w", err)
		}
		if err := s.putChildren(ctx, tx, e); err != nil {
			return err
		}
		return s.appendTx(ctx, tx, rec, nil)
	})
}

// UpdateVaultEntry replaces an entry's fields, grants and files (files with
// ID 0 are added, files missing from e.Files removed).
func (s *Vault) UpdateVaultEntry(ctx context.Context, e *hitori.VaultEntry, rec *hitori.VaultAuditRecord) error {
	return s.db.write(ctx, func(tx *sql.Tx) error {
		e.UpdatedAt = s.db.now()
		res, err := tx.ExecContext(ctx, `UPDATE vault_entries SET system = $1, url = $2, username = $3, data_key = $4,
			password = $5, totp = $6, notes = $7, rotate_by = $8, updated_at = $9 WHERE id = $10`,
			e.System, e.URL, e.Username, e.DataKey, e.Password, e.TOTP, e.Notes, timeArg(e.RotateBy), e.UpdatedAt, e.ID)
		if err != nil {
			return fmt.Errorf("sqlstore: update vault entry: %w", err)
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return hitori.KeyError(hitori.ENOTFOUND, "error.not_found")
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM vault_grants WHERE entry_id = $1`, e.ID); err != nil {
			return fmt.Errorf("sqlstore: vault grants: %w", err)
		}
		keep := map[int64]bool{}
		for _, f := range e.Files {
			keep[f.ID] = true
		}
		old, err := s.files(ctx, tx, e.ID, false)
		if err != nil {
			return err
		}
		for _, f := range old {
			if !keep[f.ID] {
				if _, err := tx.ExecContext(ctx, `DELETE FROM vault_files WHERE id = $1`, f.ID); err != nil {
					return fmt.Errorf("sqlstore: vault file: %w", err)
				}
			}
		}
		if err := s.putChildren(ctx, tx, e); err != nil {
			return err
		}
		return s.appendTx(ctx, tx, rec, nil)
	})
}

// putChildren writes grants (all) and files not yet stored (ID 0).
func (s *Vault) putChildren(ctx context.Context, tx *sql.Tx, e *hitori.VaultEntry) error {
	seen := map[hitori.VaultGrant]bool{}
	for _, g := range e.Grants {
		if seen[g] {
			continue
		}
		seen[g] = true
		if _, err := tx.ExecContext(ctx, `INSERT INTO vault_grants (entry_id, user_id, role) VALUES ($1, $2, $3)`,
			e.ID, g.UserID, string(g.Role)); err != nil {
			return fmt.Errorf("sqlstore: vault grant: %w", err)
		}
	}
	for i := range e.Files {
		f := &e.Files[i]
		if f.ID != 0 {
			continue
		}
		if err := tx.QueryRowContext(ctx, `INSERT INTO vault_files (entry_id, name, size, data, created_at)
			VALUES ($1, $2, $3, $4, $5) RETURNING id`, e.ID, f.Name, f.Size, f.Data, s.db.now()).Scan(&f.ID); err != nil {
			return fmt.Errorf("sqlstore: vault file: %w", err)
		}
	}
	return nil
}

// DeleteVaultEntry removes an entry (grants and files cascade).
func (s *Vault) DeleteVaultEntry(ctx context.Context, id string, rec *hitori.VaultAuditRecord) error {
	return s.db.write(ctx, func(tx *sql.Tx) error {
		for _, q := range []string{`DELETE FROM vault_grants WHERE entry_id = $1`, `DELETE FROM vault_files WHERE entry_id = $1`} {
			if _, err := tx.ExecContext(ctx, q, id); err != nil {
				return fmt.Errorf("sqlstore: delete vault entry: %w", err)
			}
		}
		res, err := tx.ExecContext(ctx, `DELETE FROM vault_entries WHERE id = $1`, id)
		if err != nil {
			return fmt.Errorf("sqlstore: delete vault entry: %w", err)
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return hitori.KeyError(hitori.ENOTFOUND, "error.not_found")
		}
		return s.appendTx(ctx, tx, rec, nil)
	})
}
