package sqlstore

import (
	"context"
	"database/sql"
	"path/filepath"
	"testing"

	"hitori"
)

// TestAssetRowHelpers checks the shared asset row helpers on SQLite: an
// insert reads back equal, an update records only the changed fields, an
// unchanged update writes nothing, and matching tries number, serial, UUID.
// (The register's tests run the same paths on both databases.)
func TestAssetRowHelpers(t *testing.T) {
	ctx := context.Background()
	db, err := Open(ctx, filepath.Join(t.TempDir(), "a.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	price := int64(128000)
	a := &hitori.Asset{Number: "PC-001", Type: hitori.AssetPC, Maker: "富士通", Serial: "SN1", PriceYen: &price,
		AcquiredOn: "2023-04-01", Custom: map[string]string{"メモリ": "16GB"}}
	now := db.now()
	if err := db.write(ctx, func(tx *sql.Tx) error { return insertAsset(ctx, tx, a, now, 0, hitori.AssetCreated, "") }); err != nil {
		t.Fatal(err)
	}
	var got *hitori.Asset
	var changes []hitori.FieldChange
	err = db.write(ctx, func(tx *sql.Tx) error {
		var err error
		if got, err = loadAsset(ctx, tx, a.ID, true); err != nil {
			return err
		}
		if d := hitori.DiffAssets(a, got); len(d) != 0 || got.Status != hitori.AssetInUse || *got.PriceYen != price {
			t.Errorf("read back differs: %+v", d)
		}
		next := *got
		next.Location, next.Custom = "本社3F", map[string]string{"メモリ": "32GB"}
		changes, err = updateAsset(ctx, tx, got, &next, now, 0, hitori.AssetChanged, "")
		if err != nil {
			return err
		}
		same := next
		none, err := updateAsset(ctx, tx, &next, &same, now, 0, hitori.AssetChanged, "")
		if len(none) != 0 {
			t.Errorf("unchanged update recorded %v", none)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(changes) != 2 || changes[0].Field != "location" || changes[1].Field != "custom.メモリ" || changes[1].New != "32GB" {
		t.Errorf("changes = %+v", changes)
	}
	var events int
	if err := db.r.QueryRowContext(ctx, `SELECT COUNT(*) FROM asset_events WHERE asset_id = $1`, a.ID).Scan(&events); err != nil || events != 2 {
		t.Errorf("events = %d, %v; want 2 (created, changed)", events, err)
	}
	for _, k := range [][3]string{{"PC-001", "", ""}, {"", "SN1", ""}, {"X", "SN1", ""}} {
		if id, err := matchAsset(ctx, db.r, k[0], k[1], k[2]); err != nil || id != a.ID {
			t.Errorf("match %v = %d, %v", k, id, err)
		}
	}
	if id, _ := matchAsset(ctx, db.r, "", "", "no-such-uuid"); id != 0 {
		t.Errorf("match of unknown uuid = %d", id)
	}
	dup := &hitori.Asset{Number: "PC-001"}
	err = db.write(ctx, func(tx *sql.Tx) error { return insertAsset(ctx, tx, dup, now, 0, hitori.AssetCreated, "") })
	if e, ok := hitori.AsError(err); !ok || e.Fields["number"] == "" {
		t.Errorf("duplicate number: %v", err)
	}
}
