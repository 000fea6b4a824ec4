package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"time"

	"hitori"
)

// ledgerRunKeep is how long a web import's file and report are kept.
const ledgerRunKeep = 7 * 24 * time.Hour

const ledgerRunColumns = `id, name, size, sheet, mapping, dry_run, state, report, error, actor_id, created_at, updated_at`

// CreateLedgerRun implements hitori.LedgerStore.
func (s *Assets) CreateLedgerRun(ctx context.Context, r *hitori.LedgerRun, data []byte) error {
	now := s.db.now()
	r.Created, r.Updated, r.Size = now, now, int64(len(data))
	if r.State == "" {
		r.State = hitori.LedgerRunQueued
	}
	if err := hitori.CheckTexts("name", r.Name, "sheet", r.Sheet); err != nil {
		return err
	}
	return s.db.write(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `DELETE FROM ledger_runs WHERE created_at < $1`, now.Add(-ledgerRunKeep)); err != nil {
			return fmt.Errorf("sqlstore: drop old ledger runs: %w", err)
		}
		err := tx.QueryRowContext(ctx, `INSERT INTO ledger_runs (name, size, sheet, mapping, dry_run, state, report, error, actor_id, data, created_at, updated_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11) RETURNING id`,
			r.Name, r.Size, r.Sheet, mappingJSON(r.Mapping), r.DryRun, r.State, r.Report, r.Error, zeroNull(r.ActorID), data, now).Scan(&r.ID)
		if err != nil {
			return fmt.Errorf("sqlstore: create ledger run: %w", err)
		}
		return nil
	})
}

func mappingJSON(m map[string]string) string {
	if m == nil {
		return ""
	}
	b, _ := json.Marshal(m)
	return string(b)
}

// LedgerRun implements hitori.LedgerStore.
func (s *Assets) LedgerRun(ctx context.Context, id int64) (*hitori.LedgerRun, error) {
	r := &hitori.LedgerRun{}
	var mapping string
	var actor sql.NullInt64
	err := s.db.r.QueryRowContext(ctx, `SELECT `+ledgerRunColumns+` FROM ledger_runs WHERE id = $1`, id).Scan(
		&r.ID, &r.Name, &r.Size, &r.Sheet, &mapping, &r.DryRun, &r.State, &r.Report, &r.Error, &actor, &r.Created, &r.Updated)
	if err != nil {
		return nil, notFound(err, "ledger run")
	}
	if mapping != "" {
		if err := json.Unmarshal([]byte(mapping), &r.Mapping); err != nil {
			return nil, fmt.Errorf("sqlstore: ledger run %d mapping: %w", id, err)
		}
	}
	r.ActorID = actor.Int64
	r.Created, r.Updated = r.Created.UTC(), r.Updated.UTC()
	return r, nil
}

// LedgerRunData implements hitori.LedgerStore.
func (s *Assets) LedgerRunData(ctx context.Context, id int64) ([]byte, error) {
	var data []byte
	if err := s.db.r.QueryRowContext(ctx, `SELECT data FROM ledger_runs WHERE id = $1`, id).Scan(&data); err != nil {
		return nil, notFound(err, "ledger run")
	}
	return data, nil
}

// UpdateLedgerRun implements hitori.LedgerStore.
func (s *Assets) UpdateLedgerRun(ctx context.Context, r *hitori.LedgerRun) error {
	r.Updated = s.db.now()
	return s.db.write(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE ledger_runs SET mapping = $1, dry_run = $2, state = $3, report = $4, error = $5, updated_at = $6 WHERE id = $7`,
			mappingJSON(r.Mapping), r.DryRun, r.State, r.Report, r.Error, r.Updated, r.ID)
		if err != nil {
			return fmt.Errorf("sqlstore: update ledger run: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return notFound(sql.ErrNoRows, "ledger run")
		}
		return nil
	})
}
