package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"

	"hitori"
)

// Ledger imports (issue 10): the whole import in one transaction, saved
// column layouts and the export's walk over the register. The row
// helpers of asset_row.go do the asset writes and history.

// ImportLedger implements hitori.LedgerStore. Every valid row is written
// in one transaction, so a failed import (a database error, a cancelled
// request) leaves the register as it was; a row the register refuses
// (Validate) is reported and skipped, the others still written. A dry run
// does the same work and rolls it back, so the preview is exactly what
// the import would do.
func (s *Assets) ImportLedger(ctx context.Context, rows []hitori.LedgerRow, opt hitori.LedgerImportOptions) (*hitori.LedgerImportResult, error) {
	var res *hitori.LedgerImportResult
	err := s.db.write(ctx, func(tx *sql.Tx) error {
		imp, err := newLedgerImport(ctx, tx, s.db.now(), opt)
		if err != nil {
			return err
		}
		for i := range rows {
			if err := imp.row(ctx, &rows[i]); err != nil {
				return err
			}
			if opt.Progress != nil && ((i+1)%500 == 0 || i+1 == len(rows)) {
				opt.Progress(i+1, len(rows))
			}
		}
		res = imp.res
		if opt.DryRun {
			return errDryRun
		}
		return nil
	})
	if err == errDryRun {
		err = nil
	}
	return res, err
}

// errDryRun rolls a dry run's transaction back.
var errDryRun = fmt.Errorf("sqlstore: dry run")

// LedgerLayout implements hitori.LedgerStore.
func (s *Assets) LedgerLayout(ctx context.Context, signature string) (*hitori.LedgerLayout, error) {
	q := `SELECT signature, headers, fields, used_at FROM ledger_layouts WHERE signature = $1`
	args := []any{signature}
	if signature == "" {
		q, args = `SELECT signature, headers, fields, used_at FROM ledger_layouts ORDER BY used_at DESC, signature LIMIT 1`, nil
	}
	l := &hitori.LedgerLayout{}
	var headers, fields string
	err := s.db.r.QueryRowContext(ctx, q, args...).Scan(&l.Signature, &headers, &fields, &l.UsedAt)
	if err == sql.ErrNoRows {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("sqlstore: ledger layout: %w", err)
	}
	if json.Unmarshal([]byte(headers), &l.Headers) != nil || json.Unmarshal([]byte(fields), &l.Fields) != nil {
		return nil, fmt.Errorf("sqlstore: ledger layout %s: bad JSON", l.Signature)
	}
	l.UsedAt = l.UsedAt.UTC()
	return l, nil
}

// SaveLedgerLayout implements hitori.LedgerStore.
func (s *Assets) SaveLedgerLayout(ctx context.Context, l *hitori.LedgerLayout) error {
	if l.Signature == "" || len(l.Headers) != len(l.Fields) || len(l.Headers) > 1000 {
		return hitori.FieldError("layout", "ledger.error.mapping")
	}
	headers, _ := json.Marshal(l.Headers)
	fields, _ := json.Marshal(l.Fields)
	l.UsedAt = s.db.now()
	return s.db.write(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO ledger_layouts (signature, headers, fields, used_at) VALUES ($1, $2, $3, $4)
			ON CONFLICT (signature) DO UPDATE SET headers = excluded.headers, fields = excluded.fields, used_at = excluded.used_at`,
			l.Signature, string(headers), string(fields), l.UsedAt)
		if err != nil {
			return fmt.Errorf("sqlstore: save ledger layout: %w", err)
		}
		return nil
	})
}

// EachAsset implements hitori.LedgerStore: assets by number, those
// without one last, read in pages so a large register is not held in
// memory at once.
func (s *Assets) EachAsset(ctx context.Context, fn func(*hitori.Asset) error) error {
	const page = 1000
	lastKey, lastID := "", int64(0)
	for {
		rows, err := s.db.r.QueryContext(ctx, `SELECT `+assetColumns+`, CASE WHEN a.number IS NULL THEN '~' ELSE '!' || a.number END`+assetFrom+`
			WHERE (CASE WHEN a.number IS NULL THEN '~' ELSE '!' || a.number END, a.id) > ($1, $2)
			ORDER BY CASE WHEN a.number IS NULL THEN '~' ELSE '!' || a.number END, a.id LIMIT `+fmt.Sprint(page), lastKey, lastID)
		if err != nil {
			return fmt.Errorf("sqlstore: export assets: %w", err)
		}
		var batch []*hitori.Asset
		for rows.Next() {
			a, key, err := scanAssetKey(rows)
			if err != nil {
				rows.Close()
				return fmt.Errorf("sqlstore: export assets: %w", err)
			}
			batch = append(batch, a)
			lastKey, lastID = key, a.ID
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return fmt.Errorf("sqlstore: export assets: %w", err)
		}
		for _, a := range batch {
			if err := fn(a); err != nil {
				return err
			}
		}
		if len(batch) < page {
			return nil
		}
	}
}

// scanAssetKey reads an asset followed by its sort key.
func scanAssetKey(rows *sql.Rows) (*hitori.Asset, string, error) {
	var key string
	var a *hitori.Asset
	var err error
	a, err = scanAsset(keyScanner{rows, &key})
	return a, key, err
}

// keyScanner appends one destination to a scan, so scanAsset reads rows
// with an extra column.
type keyScanner struct {
	rows *sql.Rows
	key  *string
}

func (k keyScanner) Scan(dest ...any) error { return k.rows.Scan(append(dest, k.key)...) }
