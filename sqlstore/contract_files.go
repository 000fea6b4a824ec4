package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"time"

	"hitori"
)

const contractFileColumns = `id, contract_id, name, content_type, size, sha256, author, created_at`

func scanContractFile(row scanner) (*hitori.ContractFile, error) {
	f := &hitori.ContractFile{}
	if err := row.Scan(&f.ID, &f.ContractID, &f.Name, &f.ContentType, &f.Size, &f.SHA256, &f.Author, &f.CreatedAt); err != nil {
		return nil, err
	}
	f.CreatedAt = f.CreatedAt.UTC()
	return f, nil
}

func (h *Handover) contractFiles(ctx context.Context, contractID int64) ([]*hitori.ContractFile, error) {
	var out []*hitori.ContractFile
	err := h.eachRow(ctx, `SELECT `+contractFileColumns+` FROM contract_files WHERE contract_id = $1 ORDER BY created_at, id`,
		[]any{contractID}, func(rows *sql.Rows) error {
			f, err := scanContractFile(rows)
			out = append(out, f)
			return err
		})
	if err != nil {
		return nil, fmt.Errorf("sqlstore: contract files: %w", err)
	}
	return out, nil
}

// AddContractFile records a document already in the blob store, audited
// in the same transaction; a contract holds at most MaxContractFiles.
func (h *Handover) AddContractFile(ctx context.Context, f *hitori.ContractFile) error {
	u, err := staffActor(ctx)
	if err != nil {
		return err
	}
	if f.Name == "" || len(f.Name) > 4*hitori.MaxFileNameLen {
		return hitori.FieldError("file", "handover.error.file_name")
	}
	if err := hitori.CheckText("file", f.Name); err != nil {
		return err
	}
	f.Author = hitori.ActorCLI
	if u != nil {
		f.Author = u.Email
	}
	now := h.db.now()
	return h.db.write(ctx, func(tx *sql.Tx) error {
		var n int
		var title string
		if err := tx.QueryRowContext(ctx, `SELECT title, (SELECT COUNT(*) FROM contract_files WHERE contract_id = $1)
			FROM contracts WHERE id = $1`, f.ContractID).Scan(&title, &n); err != nil {
			return notFound(err, "contract")
		}
		if n >= hitori.MaxContractFiles {
			return hitori.FieldError("file", "handover.error.too_many_files")
		}
		err := tx.QueryRowContext(ctx, `INSERT INTO contract_files (contract_id, name, content_type, size, sha256, author, created_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`, f.ContractID, f.Name, f.ContentType, f.Size, f.SHA256,
			truncate(f.Author, 254), now).Scan(&f.ID)
		if err != nil {
			return fmt.Errorf("sqlstore: add contract file: %w", err)
		}
		f.CreatedAt = now
		return auditTx(ctx, tx, now, u, hitori.AuditContractFile, contractTarget(f.ContractID), "", f.Name)
	})
}

// FindContractFile returns one document's record.
func (h *Handover) FindContractFile(ctx context.Context, contractID, fileID int64) (*hitori.ContractFile, error) {
	if _, err := staffActor(ctx); err != nil {
		return nil, err
	}
	f, err := scanContractFile(h.db.r.QueryRowContext(ctx, `SELECT `+contractFileColumns+` FROM contract_files
		WHERE contract_id = $1 AND id = $2`, contractID, fileID))
	if err != nil {
		return nil, notFound(err, "file")
	}
	return f, nil
}

// DeleteContractFile removes a document's record, audited.
func (h *Handover) DeleteContractFile(ctx context.Context, contractID, fileID int64) error {
	return h.change(ctx, hitori.AuditContractFileRm, func(tx *sql.Tx, _ time.Time) (string, string, error) {
		name, err := deleteNamed(ctx, tx, "file", `SELECT name FROM contract_files WHERE id = $1 AND contract_id = `+
			strconv.FormatInt(contractID, 10), fileID, `DELETE FROM contract_files WHERE id = $1`)
		return contractTarget(contractID), name, err
	})
}
