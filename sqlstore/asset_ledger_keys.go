package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"slices"

	"hitori"
)

// A ledger import matches each row against the register by asset number,
// then serial. Asking the database twice a row made a 50,000-row import
// 100,000 round trips on PostgreSQL; the import reads every number and
// serial once instead and keeps this copy current as its rows create and
// change assets.

// assetKeys are the register's asset numbers and serials.
type assetKeys struct {
	byNumber map[string]int64
	bySerial map[string][]int64 // ascending ids: the oldest asset of a serial first
	number   map[int64]string
}

func loadAssetKeys(ctx context.Context, tx *sql.Tx) (*assetKeys, error) {
	k := &assetKeys{byNumber: map[string]int64{}, bySerial: map[string][]int64{}, number: map[int64]string{}}
	rows, err := tx.QueryContext(ctx, `SELECT id, COALESCE(number, ''), serial FROM assets ORDER BY id`)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: ledger import: asset keys: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var number, serial string
		if err := rows.Scan(&id, &number, &serial); err != nil {
			return nil, fmt.Errorf("sqlstore: ledger import: asset keys: %w", err)
		}
		k.add(id, number, serial)
	}
	return k, rows.Err()
}

func (k *assetKeys) add(id int64, number, serial string) {
	if number != "" {
		k.byNumber[number] = id
		k.number[id] = number
	}
	if serial != "" {
		ids := k.bySerial[serial]
		i, _ := slices.BinarySearch(ids, id)
		k.bySerial[serial] = slices.Insert(ids, i, id)
	}
}

func (k *assetKeys) remove(id int64, number, serial string) {
	if number != "" && k.byNumber[number] == id {
		delete(k.byNumber, number)
	}
	delete(k.number, id)
	if ids := k.bySerial[serial]; serial != "" {
		if i, ok := slices.BinarySearch(ids, id); ok {
			if ids = slices.Delete(ids, i, i+1); len(ids) == 0 {
				delete(k.bySerial, serial)
			} else {
				k.bySerial[serial] = ids
			}
		}
	}
}

// match finds the asset a row means: by asset number, then by serial. A
// serial match is taken only when the asset found has no number or the
// row has none: a row with a new number and a known serial is another
// asset of the same serial, not a renumbering.
func (k *assetKeys) match(a *hitori.Asset) int64 {
	if id := k.byNumber[a.Number]; a.Number != "" && id != 0 {
		return id
	}
	ids := k.bySerial[a.Serial]
	if a.Serial == "" || len(ids) == 0 {
		return 0
	}
	if a.Number != "" && k.number[ids[0]] != "" {
		return 0
	}
	return ids[0]
}

// taken says whether number belongs to an asset other than id.
func (k *assetKeys) taken(number string, id int64) bool {
	other := k.byNumber[number]
	return number != "" && other != 0 && other != id
}
