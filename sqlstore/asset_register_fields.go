package sqlstore

import (
	"context"
	"database/sql"
	"fmt"

	"hitori"
)

// Custom field definitions: the fields an administrator adds to one asset
// type (e.g. メモリ and CPU for PCs, 回線番号 for phones).

// AssetFieldDefs lists the custom fields of type t ("" : of every type), in
// display order.
func (s *Assets) AssetFieldDefs(ctx context.Context, t hitori.AssetType) ([]*hitori.AssetFieldDef, error) {
	rows, err := s.db.r.QueryContext(ctx, `SELECT id, asset_type, name, position FROM asset_field_defs
		WHERE $1 = '' OR asset_type = $1 ORDER BY asset_type, position, id`, string(t))
	if err != nil {
		return nil, fmt.Errorf("sqlstore: asset fields: %w", err)
	}
	defer rows.Close()
	out := []*hitori.AssetFieldDef{}
	for rows.Next() {
		d := &hitori.AssetFieldDef{}
		var typ string
		if err := rows.Scan(&d.ID, &typ, &d.Name, &d.Position); err != nil {
			return nil, fmt.Errorf("sqlstore: asset fields: %w", err)
		}
		d.Type = hitori.AssetType(typ)
		out = append(out, d)
	}
	return out, rows.Err()
}

// SaveAssetFieldDef creates (ID 0) or renames a custom field. A rename
// does not move values already stored under the old name.
func (s *Assets) SaveAssetFieldDef(ctx context.Context, d *hitori.AssetFieldDef) error {
	if err := d.Validate(); err != nil {
		return err
	}
	return s.db.write(ctx, func(tx *sql.Tx) error {
		var err error
		if d.ID == 0 {
			err = tx.QueryRowContext(ctx, `INSERT INTO asset_field_defs (asset_type, name, position) VALUES ($1, $2, $3) RETURNING id`,
				string(d.Type), d.Name, d.Position).Scan(&d.ID)
		} else {
			var res sql.Result
			res, err = tx.ExecContext(ctx, `UPDATE asset_field_defs SET asset_type = $1, name = $2, position = $3 WHERE id = $4`,
				string(d.Type), d.Name, d.Position, d.ID)
			if n, _ := rowsAffected(res); err == nil && n == 0 {
				return notFound(sql.ErrNoRows, "asset field")
			}
		}
		if isUniqueViolation(err) {
			return hitori.FieldError("name", "asset.error.name_taken")
		}
		if err != nil {
			return fmt.Errorf("sqlstore: save asset field: %w", err)
		}
		return nil
	})
}

func rowsAffected(res sql.Result) (int64, error) {
	if res == nil {
		return 0, nil
	}
	return res.RowsAffected()
}

// DeleteAssetFieldDef removes a custom field's definition; values stay in
// the assets (and in their history) until edited away.
func (s *Assets) DeleteAssetFieldDef(ctx context.Context, id int64) error {
	return s.deleteRow(ctx, "asset_field_defs", "asset field", id)
}
