package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"time"

	"hitori"
)

// The row helpers every part of the asset store shares: the register, the
// ledger import and inventory reports all read, write and record history
// of assets through these, inside their own transactions.

// assetColumns is what scanAsset reads, in order.
const assetColumns = `a.id, COALESCE(a.number, ''), a.type, a.maker, a.model, a.serial, a.status, a.person_id, a.department_id,
	a.location, a.acquired_on, a.price_yen, a.vendor, a.warranty_until, a.lease_until, a.loan_due, a.notes, a.custom,
	a.hardware_uuid, a.hostname, a.os_name, a.os_version, a.last_seen_at, a.source, a.created_at, a.updated_at,
	COALESCE(p.name, ''), COALESCE(d.name, '')`

// assetFrom is the FROM clause assetColumns reads from.
const assetFrom = ` FROM assets a LEFT JOIN people p ON p.id = a.person_id LEFT JOIN departments d ON d.id = a.department_id`

// assetWriteColumns is what assetValues writes, in order.
const assetWriteColumns = `number, type, maker, model, serial, status, person_id, department_id, location, acquired_on,
	price_yen, vendor, warranty_until, lease_until, loan_due, notes, custom, hardware_uuid, hostname, os_name, os_version,
	last_seen_at, source, created_at, updated_at`

const assetWriteCount = 25

func scanAsset(row scanner) (*hitori.Asset, error) {
	a := &hitori.Asset{}
	var typ, status, acquired, warranty, lease, loan, custom string
	var person, dept, price sql.NullInt64
	var seen sql.NullTime
	if err := row.Scan(&a.ID, &a.Number, &typ, &a.Maker, &a.Model, &a.Serial, &status, &person, &dept,
		&a.Location, &acquired, &price, &a.Vendor, &warranty, &lease, &loan, &a.Notes, &custom,
		&a.HardwareUUID, &a.Hostname, &a.OSName, &a.OSVersion, &seen, &a.Source, &a.CreatedAt, &a.UpdatedAt,
		&a.Person, &a.Department); err != nil {
		return nil, err
	}
	a.Type, a.Status = hitori.AssetType(typ), hitori.AssetStatus(status)
	a.AcquiredOn, a.WarrantyUntil, a.LeaseUntil, a.LoanDue = hitori.Date(acquired), hitori.Date(warranty), hitori.Date(lease), hitori.Date(loan)
	a.PersonID, a.DepartmentID = person.Int64, dept.Int64
	if price.Valid {
		a.PriceYen = &price.Int64
	}
	if seen.Valid {
		t := seen.Time.UTC()
		a.LastSeenAt = &t
	}
	if custom != "" && custom != "{}" {
		if err := json.Unmarshal([]byte(custom), &a.Custom); err != nil {
			return nil, fmt.Errorf("sqlstore: asset %d custom fields: %w", a.ID, err)
		}
	}
	a.CreatedAt, a.UpdatedAt = a.CreatedAt.UTC(), a.UpdatedAt.UTC()
	return a, nil
}

// assetValues are the arguments for assetWriteColumns.
func assetValues(a *hitori.Asset) []any {
	var price any
	if a.PriceYen != nil {
		price = *a.PriceYen
	}
	return []any{textArg(a.Number), string(a.Type), a.Maker, a.Model, a.Serial, string(a.Status),
		zeroNull(a.PersonID), zeroNull(a.DepartmentID), a.Location, string(a.AcquiredOn), price, a.Vendor,
		string(a.WarrantyUntil), string(a.LeaseUntil), string(a.LoanDue), a.Notes, hitori.CustomJSON(a.Custom),
		a.HardwareUUID, a.Hostname, a.OSName, a.OSVersion, timeArg(a.LastSeenAt), a.Source,
		a.CreatedAt.UTC(), a.UpdatedAt.UTC()}
}

// zeroNull turns an absent (zero) reference into SQL NULL.
func zeroNull(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

// insertAsset validates and inserts a, stamping its times and source, and
// records its "created" (or given kind) history entry.
func insertAsset(ctx context.Context, tx *sql.Tx, a *hitori.Asset, now time.Time, actorID int64, kind hitori.AssetEventKind, note string) error {
	if err := insertAssetRow(ctx, tx, a, now); err != nil {
		return err
	}
	return addAssetEvent(ctx, tx, &hitori.AssetEvent{AssetID: a.ID, At: now, ActorID: actorID, Kind: kind, Note: note})
}

// insertAssetRow is insertAsset without the history entry, for callers
// that write entries in batches.
func insertAssetRow(ctx context.Context, tx *sql.Tx, a *hitori.Asset, now time.Time) error {
	if err := a.Validate(); err != nil {
		return err
	}
	if a.Source == "" {
		a.Source = "manual"
	}
	a.CreatedAt, a.UpdatedAt = now, now
	err := tx.QueryRowContext(ctx, `INSERT INTO assets (`+assetWriteColumns+`) VALUES (`+placeholders(1, assetWriteCount)+`) RETURNING id`,
		assetValues(a)...).Scan(&a.ID)
	if err != nil {
		if isUniqueViolation(err) {
			return hitori.FieldError("number", "asset.error.number_taken")
		}
		return fmt.Errorf("sqlstore: create asset: %w", err)
	}
	return nil
}

// updateAsset writes next over the stored row old (loaded in the same
// transaction), and records one history entry of kind with the changed
// fields. Nothing changed: nothing is written and it returns nil changes.
func updateAsset(ctx context.Context, tx *sql.Tx, old, next *hitori.Asset, now time.Time, actorID int64, kind hitori.AssetEventKind, note string) ([]hitori.FieldChange, error) {
	changes, err := updateAssetRow(ctx, tx, old, next, now)
	if err != nil || len(changes) == 0 {
		return nil, err
	}
	return changes, addAssetEvent(ctx, tx, &hitori.AssetEvent{AssetID: old.ID, At: now, ActorID: actorID, Kind: kind, Changes: changes, Note: note})
}

// updateAssetRow is updateAsset without the history entry.
func updateAssetRow(ctx context.Context, tx *sql.Tx, old, next *hitori.Asset, now time.Time) ([]hitori.FieldChange, error) {
	if err := next.Validate(); err != nil {
		return nil, err
	}
	changes := hitori.DiffAssets(old, next)
	if len(changes) == 0 {
		return nil, nil
	}
	next.ID, next.CreatedAt, next.UpdatedAt = old.ID, old.CreatedAt, now
	// A retired asset's software counts towards no license.
	if wasRetired, retired := old.Status == hitori.AssetRetired, next.Status == hitori.AssetRetired; wasRetired != retired {
		sign := +1
		if retired {
			sign = -1
		}
		if err := countAssetTitles(ctx, tx, old.ID, sign); err != nil {
			return nil, err
		}
	}
	args := append(assetValues(next), old.ID)
	_, err := tx.ExecContext(ctx, `UPDATE assets SET (`+assetWriteColumns+`) = (`+placeholders(1, assetWriteCount)+`) WHERE id = $`+fmt.Sprint(assetWriteCount+1), args...)
	if err != nil {
		if isUniqueViolation(err) {
			return nil, hitori.FieldError("number", "asset.error.number_taken")
		}
		return nil, fmt.Errorf("sqlstore: update asset: %w", err)
	}
	return changes, nil
}

// addAssetEvent appends one entry to an asset's history.
func addAssetEvent(ctx context.Context, tx *sql.Tx, e *hitori.AssetEvent) error {
	changes := "[]"
	if len(e.Changes) > 0 {
		b, err := json.Marshal(e.Changes)
		if err != nil {
			return fmt.Errorf("sqlstore: asset event: %w", err)
		}
		changes = string(b)
	}
	err := tx.QueryRowContext(ctx, `INSERT INTO asset_events (asset_id, at, actor_id, kind, changes, note) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
		e.AssetID, e.At.UTC(), zeroNull(e.ActorID), string(e.Kind), changes, e.Note).Scan(&e.ID)
	if err != nil {
		return fmt.Errorf("sqlstore: asset event: %w", err)
	}
	return nil
}

// loadAsset reads one asset inside tx; with lock it first takes the row's
// write lock (see loadItem for why a no-op UPDATE).
func loadAsset(ctx context.Context, tx *sql.Tx, id int64, lock bool) (*hitori.Asset, error) {
	if lock {
		if _, err := tx.ExecContext(ctx, `UPDATE assets SET updated_at = updated_at WHERE id = $1`, id); err != nil {
			return nil, fmt.Errorf("sqlstore: lock asset: %w", err)
		}
	}
	a, err := scanAsset(tx.QueryRowContext(ctx, `SELECT `+assetColumns+assetFrom+` WHERE a.id = $1`, id))
	if err != nil {
		return nil, notFound(err, "asset")
	}
	return a, nil
}

// matchAsset finds the asset an outside record means, trying each key in
// turn (asset number, serial, hardware UUID; empty keys are skipped): 0
// when none matches, the oldest when several do.
func matchAsset(ctx context.Context, q querier, number, serial, uuid string) (int64, error) {
	for _, k := range []struct{ query, v string }{
		{assetByNumber, number}, {assetBySerial, serial}, {assetByUUID, uuid},
	} {
		if k.v == "" {
			continue
		}
		id, err := oldestOf(ctx, q, k.query, k.v)
		if id != 0 || err != nil {
			return id, err
		}
	}
	return 0, nil
}

// The statements matchAsset looks keys up with. The not-empty terms let
// SQLite use the partial indexes on serial and hardware_uuid (it cannot
// see that a bound value is not empty).
const (
	assetByNumber = `SELECT id FROM assets WHERE number = $1`
	assetBySerial = `SELECT id FROM assets WHERE serial = $1 AND serial <> ''`
	assetByUUID   = `SELECT id FROM assets WHERE hardware_uuid = $1 AND hardware_uuid <> ''`
)

// oldestOf returns the least id query yields (0: none). The query has no
// ORDER BY id LIMIT 1 on purpose: with one, PostgreSQL walked the primary
// key in order, testing every row, rather than look the key up in its
// index, and a report's match grew with the register (10,000 PCs: most of
// an unchanged report's database time).
func oldestOf(ctx context.Context, q querier, query string, args ...any) (int64, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return 0, fmt.Errorf("sqlstore: match asset: %w", err)
	}
	defer rows.Close()
	var oldest int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return 0, fmt.Errorf("sqlstore: match asset: %w", err)
		}
		if oldest == 0 || id < oldest {
			oldest = id
		}
	}
	if err := rows.Err(); err != nil {
		return 0, fmt.Errorf("sqlstore: match asset: %w", err)
	}
	return oldest, nil
}
