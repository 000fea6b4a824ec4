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
		(SELECT COUNT(*) FROM asset_software WHERE asset_id = $1),
		(SELECT COUNT(*) FROM asset_macs WHERE asset_id = $1),
		a.updated_at, a.last_seen_at, i.changed_at
		FROM assets a JOIN asset_inventory i ON i.asset_id = a.id WHERE a.id = $1`, assetID).
		Scan(&r.Events, &r.Software, &r.MACs, &r.UpdatedAt, &r.LastSeenAt, &r.ChangedAt)
	return r, err
}
