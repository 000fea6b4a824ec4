package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"hitori"
)

// AppendVaultAudit appends one record and enqueues jobs in one transaction.
func (s *Vault) AppendVaultAudit(ctx context.Context, rec *hitori.VaultAuditRecord, jobs []*hitori.Job) error {
	return s.db.write(ctx, func(tx *sql.Tx) error { return s.appendTx(ctx, tx, rec, jobs) })
}

// appendTx links rec to the newest record and inserts it. PostgreSQL locks
// the table for the transaction so two processes cannot both extend the
// same record; SQLite has one writer already.
func (s *Vault) appendTx(ctx context.Context, tx *sql.Tx, rec *hitori.VaultAuditRecord, jobs []*hitori.Job) error {
	if s.db.Dialect == Postgres {
		if _, err := tx.ExecContext(ctx, `LOCK TABLE vault_audit IN SHARE ROW EXCLUSIVE MODE`); err != nil {
			return fmt.Errorf("sqlstore: lock vault audit: %w", err)
		}
	}
	var prev string
	var seq int64
	err := tx.QueryRowContext(ctx, `SELECT seq, hash FROM vault_audit ORDER BY seq DESC LIMIT 1`).Scan(&seq, &prev)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("sqlstore: vault audit head: %w", err)
	}
	now := s.db.now()
	rec.Seq, rec.At, rec.PrevHash = seq+1, now, prev
	rec.Actor, rec.Remote, rec.Detail = truncate(rec.Actor, 254), truncate(rec.Remote, 64), truncate(rec.Detail, 2000)
	rec.Hash = rec.ComputeHash(prev)
	if _, err := tx.ExecContext(ctx, `INSERT INTO vault_audit (seq, at, actor_id, actor, action, entry_id, remote, detail, prev_hash, hash)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`, rec.Seq, rec.At, rec.ActorID, rec.Actor, rec.Action,
		rec.EntryID, rec.Remote, rec.Detail, rec.PrevHash, rec.Hash); err != nil {
		return fmt.Errorf("sqlstore: vault audit: %w", err)
	}
	for _, j := range jobs {
		if err := enqueueTx(ctx, tx, now, j); err != nil {
			return err
		}
	}
	return nil
}

// ListVaultAudit returns records after seq, oldest first.
func (s *Vault) ListVaultAudit(ctx context.Context, after int64, limit int) ([]*hitori.VaultAuditRecord, error) {
	_, limit = hitori.Page(0, limit, 100, 5000)
	rows, err := s.db.r.QueryContext(ctx, `SELECT seq, at, actor_id, actor, action, entry_id, remote, detail, prev_hash, hash
		FROM vault_audit WHERE seq > $1 ORDER BY seq LIMIT $2`, after, limit)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: vault audit: %w", err)
	}
	defer rows.Close()
	var out []*hitori.VaultAuditRecord
	for rows.Next() {
		r := &hitori.VaultAuditRecord{}
		if err := rows.Scan(&r.Seq, &r.At, &r.ActorID, &r.Actor, &r.Action, &r.EntryID, &r.Remote, &r.Detail, &r.PrevHash, &r.Hash); err != nil {
			return nil, fmt.Errorf("sqlstore: vault audit: %w", err)
		}
		r.At = r.At.UTC()
		out = append(out, r)
	}
	return out, rows.Err()
}
