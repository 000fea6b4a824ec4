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
func (s *Assets) ImportLedger(ctx context.Context, rows []hitori.LedgerRow, licenses []hitori.LedgerLicense, opt hitori.LedgerImportOptions) (*hitori.LedgerImportResult, error) {
	var res *hitori.LedgerImportResult
	// The licenses' new titles are counted first, in a short transaction
	// of their own: counting one holds every change to what assets count
	// towards on PostgreSQL (lockInstallations), and inventory reports
	// must not wait for a whole import. A count made for an import that
	// then fails stays, and stays right: writes keep every count there is.
	keys := make([]string, 0, len(licenses))
	for _, l := range licenses {
		keys = append(keys, l.TitleKey)
	}
	if err := s.countTitles(ctx, keys); err != nil {
		return nil, err
	}
	err := s.db.write(ctx, func(tx *sql.Tx) error {
		imp, err := newLedgerImport(ctx, tx, s.db.Dialect, s.db.now(), opt)
		if err != nil {
			return err
		}
		for start := 0; start < len(rows); start += ledgerChunk {
			chunk := rows[start:min(start+ledgerChunk, len(rows))]
			if err := imp.prefetch(ctx, chunk); err != nil {
				return err
			}
			for i := range chunk {
				if err := imp.row(ctx, &chunk[i]); err != nil {
					return err
				}
			}
			if err := imp.flushEvents(ctx); err != nil {
				return err
			}
			if opt.Progress != nil {
				opt.Progress(start+len(chunk), len(rows))
			}
		}
		for i := range licenses {
			if err := imp.license(ctx, &licenses[i]); err != nil {
				return err
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

// EachAsset implements hitori.LedgerStore: assets by number (the unique
// index's order), then those without one by id, read in pages so a large
// register is never held in memory at once.
func (s *Assets) EachAsset(ctx context.Context, fn func(*hitori.Asset) error) error {
	after := ""
	for {
		n, last, err := s.assetPage(ctx, `a.number > $1 ORDER BY a.number`, after, fn)
		if err != nil {
			return err
		}
		if n < exportPage {
			break
		}
		after = last.Number
	}
	var afterID int64
	for {
		n, last, err := s.assetPage(ctx, `a.number IS NULL AND a.id > $1 ORDER BY a.id`, afterID, fn)
		if err != nil || n < exportPage {
			return err
		}
		afterID = last.ID
	}
}

// exportPage is how many assets EachAsset reads at a time.
const exportPage = 1000

// assetPage reads one page of assets and hands them to fn after the rows
// are closed (fn may be slow: writing a file).
func (s *Assets) assetPage(ctx context.Context, where string, arg any, fn func(*hitori.Asset) error) (int, *hitori.Asset, error) {
	rows, err := s.db.r.QueryContext(ctx, `SELECT `+assetColumns+assetFrom+` WHERE `+where+` LIMIT `+fmt.Sprint(exportPage), arg)
	if err != nil {
		return 0, nil, fmt.Errorf("sqlstore: export assets: %w", err)
	}
	var page []*hitori.Asset
	for rows.Next() {
		a, err := scanAsset(rows)
		if err != nil {
			rows.Close()
			return 0, nil, fmt.Errorf("sqlstore: export assets: %w", err)
		}
		page = append(page, a)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return 0, nil, fmt.Errorf("sqlstore: export assets: %w", err)
	}
	for _, a := range page {
		if err := fn(a); err != nil {
			return 0, nil, err
		}
	}
	if len(page) == 0 {
		return 0, nil, nil
	}
	return len(page), page[len(page)-1], nil
}
