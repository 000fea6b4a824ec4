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
	sw := db.softwareWrite(nil)
	err := db.write(ctx, func(tx *sql.Tx) error {
		a, err := loadAsset(ctx, tx, assetID, true)
		if err != nil {
			return err
		}
		ids, err := packageSet(ctx, tx, assetID)
		if err != nil {
			return err
		}
		have, err := sw.describe(ctx, tx, ids)
		if err != nil {
			return err
		}
		list := []hitori.InventorySoftware{{Name: name, Version: version, TitleKey: titleKey}}
		for _, p := range have {
			list = append(list, p)
		}
		if _, err := sw.setSoftware(ctx, tx, assetID, list, false, a.Status != hitori.AssetRetired); err != nil {
			return err
		}
		return addTitleInstalls(ctx, tx, sw.deltas)
	})
	if err == nil {
		sw.committed()
	}
	return err
}
