package sqlstore

import (
	"context"
	"time"
)

// InventoryRowsForTest tells what an asset's rows hold, so tests can check
// that an unchanged report wrote nothing but last_seen_at.
type InventoryRowsForTest struct {
	Events, Software, MACs int
	UpdatedAt, LastSeenAt  time.Time
	ChangedAt              time.Time
}

// InventoryRowsForTest reads one asset's row counts and times.
func (db *DB) InventoryRowsForTest(ctx context.Context, assetID int64) (InventoryRowsForTest, error) {
	var r InventoryRowsForTest
	err := db.r.QueryRowContext(ctx, `SELECT
		(SELECT COUNT(*) FROM asset_events WHERE asset_id = $1),
		(SELECT COALESCE(MAX(software_count), 0) FROM asset_package_sets WHERE asset_id = $1),
		(SELECT COUNT(*) FROM asset_macs WHERE asset_id = $1),
		a.updated_at, a.last_seen_at, i.changed_at
		FROM assets a JOIN asset_inventory i ON i.asset_id = a.id WHERE a.id = $1`, assetID).
		Scan(&r.Events, &r.Software, &r.MACs, &r.UpdatedAt, &r.LastSeenAt, &r.ChangedAt)
	return r, err
}

// DatabaseSizeForTest is the database's size on disk in bytes: SQLite's
// pages, or the PostgreSQL schema's tables with their indexes and TOAST.
// Benchmarks report it.
func (db *DB) DatabaseSizeForTest(ctx context.Context) (int64, error) {
	var n int64
	if db.Dialect == SQLite {
		err := db.r.QueryRowContext(ctx, `SELECT page_count * page_size FROM pragma_page_count(), pragma_page_size()`).Scan(&n)
		return n, err
	}
	err := db.r.QueryRowContext(ctx, `SELECT COALESCE(SUM(pg_total_relation_size(c.oid)), 0) FROM pg_class c
		JOIN pg_namespace s ON s.oid = c.relnamespace WHERE s.nspname = current_schema() AND c.relkind = 'r'`).Scan(&n)
	return n, err
}

// MigrationSQLForTest returns the SQL of a dialect's migrations with
// versions from..to (inclusive), in order, so a test can build a database
// as an older hitori left it, fill it, and apply the next migration.
func MigrationSQLForTest(dialect string, from, to int) ([]string, error) {
	ms, err := migrations(dialect)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, m := range ms {
		if m.version >= from && m.version <= to {
			out = append(out, m.sql)
		}
	}
	return out, nil
}
