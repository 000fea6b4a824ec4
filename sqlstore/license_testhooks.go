package sqlstore

import (
	"context"
	"database/sql"

	"hitori"
)

// InsertAssetForTest stores an asset through the shared row helper, for
// tests of areas that read assets without writing them (licenses, alerts).
func (db *DB) InsertAssetForTest(ctx context.Context, a *hitori.Asset) error {
	return db.write(ctx, func(tx *sql.Tx) error {
		return insertAsset(ctx, tx, a, db.now(), 0, hitori.AssetCreated, "")
	})
}

// AddSoftwareForTest records software as installed on an asset, as an
// inventory report would; titleKey is asset.TitleKey(name).
func (db *DB) AddSoftwareForTest(ctx context.Context, assetID int64, name, version, titleKey string) error {
	return db.write(ctx, func(tx *sql.Tx) error {
		return insertSoftware(ctx, tx, assetID, []hitori.InventorySoftware{{Name: name, Version: version, TitleKey: titleKey}})
	})
}
