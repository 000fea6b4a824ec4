package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"hitori"
)

// vaultQuerier is what reads need from a *sql.DB or *sql.Tx.
type vaultQuerier interface {
	QueryContext(ctx context.Context, q string, args ...any) (*sql.Rows, error)
}

const vaultEntryColumns = `id, system, url, username, data_key, password, totp, notes, rotate_by, created_by, created_at, updated_at`

func scanVaultEntry(row scanner) (*hitori.VaultEntry, error) {
	e := &hitori.VaultEntry{}
	var rotate sql.NullTime
	if err := row.Scan(&e.ID, &e.System, &e.URL, &e.Username, &e.DataKey, &e.Password, &e.TOTP, &e.Notes,
		&rotate, &e.CreatedBy, &e.CreatedAt, &e.UpdatedAt); err != nil {
		return nil, err
	}
	e.RotateBy = nullTime(rotate)
	e.CreatedAt, e.UpdatedAt = e.CreatedAt.UTC(), e.UpdatedAt.UTC()
	return e, nil
}

// FindVaultEntry returns one entry with its grants and files.
func (s *Vault) FindVaultEntry(ctx context.Context, id string) (*hitori.VaultEntry, error) {
	e, err := scanVaultEntry(s.db.r.QueryRowContext(ctx, `SELECT `+vaultEntryColumns+` FROM vault_entries WHERE id = $1`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, hitori.KeyError(hitori.ENOTFOUND, "error.not_found")
	} else if err != nil {
		return nil, fmt.Errorf("sqlstore: vault entry: %w", err)
	}
	grants, err := s.grants(ctx, id)
	if err != nil {
		return nil, err
	}
	e.Grants = grants[id]
	files, err := s.files(ctx, s.db.r, id, true)
	if err != nil {
		return nil, err
	}
	for _, f := range files {
		e.Files = append(e.Files, f.VaultFile)
	}
	return e, nil
}

// ListVaultEntries returns every entry by system name, with grants and
// file names (file contents are left out).
func (s *Vault) ListVaultEntries(ctx context.Context) ([]*hitori.VaultEntry, error) {
	rows, err := s.db.r.QueryContext(ctx, `SELECT `+vaultEntryColumns+` FROM vault_entries ORDER BY system, id`)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: vault entries: %w", err)
	}
	var out []*hitori.VaultEntry
	byID := map[string]*hitori.VaultEntry{}
	for rows.Next() {
		e, err := scanVaultEntry(rows)
		if err != nil {
			rows.Close()
			return nil, fmt.Errorf("sqlstore: vault entries: %w", err)
		}
		out = append(out, e)
		byID[e.ID] = e
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("sqlstore: vault entries: %w", err)
	}
	grants, err := s.grants(ctx, "")
	if err != nil {
		return nil, err
	}
	for id, g := range grants {
		if e := byID[id]; e != nil {
			e.Grants = g
		}
	}
	files, err := s.files(ctx, s.db.r, "", false)
	if err != nil {
		return nil, err
	}
	for _, f := range files {
		if e := byID[f.entryID]; e != nil {
			e.Files = append(e.Files, f.VaultFile)
		}
	}
	return out, nil
}

// grants returns the grants of one entry, or of all when id is "".
func (s *Vault) grants(ctx context.Context, id string) (map[string][]hitori.VaultGrant, error) {
	rows, err := s.db.r.QueryContext(ctx, `SELECT entry_id, user_id, role FROM vault_grants
		WHERE $1 = '' OR entry_id = $1 ORDER BY entry_id, role, user_id`, id)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: vault grants: %w", err)
	}
	defer rows.Close()
	out := map[string][]hitori.VaultGrant{}
	for rows.Next() {
		var entry, role string
		var g hitori.VaultGrant
		if err := rows.Scan(&entry, &g.UserID, &role); err != nil {
			return nil, fmt.Errorf("sqlstore: vault grants: %w", err)
		}
		g.Role = hitori.Role(role)
		out[entry] = append(out[entry], g)
	}
	return out, rows.Err()
}

type vaultFileRow struct {
	hitori.VaultFile
	entryID string
}

// files returns the files of one entry (or all when id is ""), with their
// ciphertext only when withData.
func (s *Vault) files(ctx context.Context, q vaultQuerier, id string, withData bool) ([]vaultFileRow, error) {
	data := `''`
	if withData {
		data = `data`
	}
	rows, err := q.QueryContext(ctx, `SELECT id, entry_id, name, size, `+data+`, created_at FROM vault_files
		WHERE $1 = '' OR entry_id = $1 ORDER BY id`, id)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: vault files: %w", err)
	}
	defer rows.Close()
	var out []vaultFileRow
	for rows.Next() {
		var f vaultFileRow
		if err := rows.Scan(&f.ID, &f.entryID, &f.Name, &f.Size, &f.Data, &f.CreatedAt); err != nil {
			return nil, fmt.Errorf("sqlstore: vault files: %w", err)
		}
		f.CreatedAt = f.CreatedAt.UTC()
		out = append(out, f)
	}
	return out, rows.Err()
}
