package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"

	"hitori"
)

// The register: assets created, found, listed, edited and deleted by
// people (the ledger import and inventory reports have their own files).

var _ hitori.AssetRegister = (*Assets)(nil)

// assetActor is the history's actor: the context's user, 0 for the system.
func assetActor(ctx context.Context) int64 {
	if u := hitori.UserFromContext(ctx); u != nil {
		return u.ID
	}
	return 0
}

// CreateAsset stores a new asset and its "created" history entry.
func (s *Assets) CreateAsset(ctx context.Context, a *hitori.Asset) error {
	return s.db.write(ctx, func(tx *sql.Tx) error {
		if err := checkAssetRefs(ctx, tx, a); err != nil {
			return err
		}
		return insertAsset(ctx, tx, a, s.db.now(), assetActor(ctx), hitori.AssetCreated, "")
	})
}

// checkAssetRefs refuses a person or department that does not exist as a
// field error rather than a foreign-key failure.
func checkAssetRefs(ctx context.Context, q querier, a *hitori.Asset) error {
	for _, ref := range []struct {
		table, field string
		id           int64
	}{{"people", "person_id", a.PersonID}, {"departments", "department_id", a.DepartmentID}} {
		if ref.id == 0 {
			continue
		}
		var n int
		if err := q.QueryRowContext(ctx, `SELECT COUNT(*) FROM `+ref.table+` WHERE id = $1`, ref.id).Scan(&n); err != nil {
			return fmt.Errorf("sqlstore: check %s: %w", ref.table, err)
		}
		if n == 0 {
			return hitori.FieldError(ref.field, "asset.error.unknown_ref")
		}
	}
	return nil
}

// FindAsset reads one asset with its software count.
func (s *Assets) FindAsset(ctx context.Context, id int64) (*hitori.Asset, error) {
	a, err := scanAsset(s.db.r.QueryRowContext(ctx, `SELECT `+assetColumns+assetFrom+` WHERE a.id = $1`, id))
	if err != nil {
		return nil, notFound(err, "asset")
	}
	return a, fillSoftwareCounts(ctx, s.db.r, []*hitori.Asset{a})
}

// fillSoftwareCounts sets SoftwareCount of each asset in one query.
func fillSoftwareCounts(ctx context.Context, q querier, assets []*hitori.Asset) error {
	if len(assets) == 0 {
		return nil
	}
	byID := make(map[int64]*hitori.Asset, len(assets))
	args := make([]any, 0, len(assets))
	for _, a := range assets {
		byID[a.ID] = a
		args = append(args, a.ID)
	}
	rows, err := q.QueryContext(ctx, `SELECT asset_id, software_count FROM asset_package_sets WHERE asset_id IN (`+
		placeholders(1, len(args))+`)`, args...)
	if err != nil {
		return fmt.Errorf("sqlstore: count software: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var n int
		if err := rows.Scan(&id, &n); err != nil {
			return fmt.Errorf("sqlstore: count software: %w", err)
		}
		byID[id].SoftwareCount = n
	}
	return rows.Err()
}

// assetOrders are AssetFilter.Sort's columns; empty values sort last and
// every order ends in id so pages are stable.
var assetOrders = map[string]string{
	"":         "(a.number IS NULL) %[2]s, a.number %[1]s, a.id %[1]s",
	"number":   "(a.number IS NULL) %[2]s, a.number %[1]s, a.id %[1]s",
	"updated":  "a.updated_at %[1]s, a.id %[1]s",
	"acquired": "(a.acquired_on = '') %[2]s, a.acquired_on %[1]s, a.id %[1]s",
	"warranty": "(a.warranty_until = '') %[2]s, a.warranty_until %[1]s, a.id %[1]s",
	"type":     "a.type %[1]s, a.number %[1]s, a.id %[1]s",
	"status":   "a.status %[1]s, a.number %[1]s, a.id %[1]s",
}

// assetWhere turns a filter into a WHERE clause.
func assetWhere(f hitori.AssetFilter) (string, []any, error) {
	var conds []string
	var args []any
	add := func(cond string, v any) {
		args = append(args, v)
		conds = append(conds, strings.ReplaceAll(cond, "$?", fmt.Sprintf("$%d", len(args))))
	}
	if err := hitori.CheckTexts("q", f.Query, "number", f.Number, "serial", f.Serial, "location", f.Location); err != nil {
		return "", nil, err
	}
	if q := strings.TrimSpace(f.Query); q != "" {
		add(`(LOWER(COALESCE(a.number, '')) LIKE $? ESCAPE '\' OR LOWER(a.maker) LIKE $? ESCAPE '\'
			OR LOWER(a.model) LIKE $? ESCAPE '\' OR LOWER(a.serial) LIKE $? ESCAPE '\'
			OR LOWER(a.hostname) LIKE $? ESCAPE '\' OR LOWER(COALESCE(p.name, '')) LIKE $? ESCAPE '\')`,
			"%"+escapeLike(strings.ToLower(q))+"%")
	}
	if f.Number != "" {
		add("a.number = $?", f.Number)
	}
	if f.Serial != "" {
		add("a.serial = $?", f.Serial)
	}
	if f.Type != "" {
		if !f.Type.Valid() {
			return "", nil, hitori.FieldError("type", "asset.error.type")
		}
		add("a.type = $?", string(f.Type))
	}
	if f.Status != "" {
		if !f.Status.Valid() {
			return "", nil, hitori.FieldError("status", "asset.error.status")
		}
		add("a.status = $?", string(f.Status))
	}
	if f.PersonID != 0 {
		add("a.person_id = $?", f.PersonID)
	}
	if f.DepartmentID != 0 {
		add("a.department_id = $?", f.DepartmentID)
	}
	if l := strings.TrimSpace(f.Location); l != "" {
		add(`LOWER(a.location) LIKE $? ESCAPE '\'`, "%"+escapeLike(strings.ToLower(l))+"%")
	}
	if len(conds) == 0 {
		return "", nil, nil
	}
	return " WHERE " + strings.Join(conds, " AND "), args, nil
}

// FindAssets lists one page of the assets matching f and the total.
func (s *Assets) FindAssets(ctx context.Context, f hitori.AssetFilter) ([]*hitori.Asset, int, error) {
	order, ok := assetOrders[f.Sort]
	if !ok {
		return nil, 0, hitori.FieldError("sort", "error.invalid")
	}
	dir, last := "ASC", "ASC" // false sorts before true: empty values last
	if f.Desc {
		dir = "DESC"
	}
	order = fmt.Sprintf(order, dir, last)
	where, args, err := assetWhere(f)
	if err != nil {
		return nil, 0, err
	}
	offset, limit := hitori.Page(f.Offset, f.Limit, 50, 500)
	var total int
	if err := s.db.r.QueryRowContext(ctx, `SELECT COUNT(*)`+assetFrom+where, args...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("sqlstore: count assets: %w", err)
	}
	out := []*hitori.Asset{}
	if total == 0 || offset >= total {
		return out, total, nil
	}
	args = append(args, limit, offset)
	rows, err := s.db.r.QueryContext(ctx, fmt.Sprintf(`SELECT %s%s%s ORDER BY %s LIMIT $%d OFFSET $%d`,
		assetColumns, assetFrom, where, order, len(args)-1, len(args)), args...)
	if err != nil {
		return nil, 0, fmt.Errorf("sqlstore: find assets: %w", err)
	}
	if out, err = scanAssets(rows); err != nil {
		return nil, 0, err
	}
	return out, total, fillSoftwareCounts(ctx, s.db.r, out)
}

// UpdateAsset applies change to the stored asset in one transaction and
// records what changed under the kind that says it best.
func (s *Assets) UpdateAsset(ctx context.Context, id int64, note string, change func(a *hitori.Asset) error) ([]hitori.FieldChange, error) {
	var changes []hitori.FieldChange
	err := s.db.write(ctx, func(tx *sql.Tx) error {
		old, err := loadAsset(ctx, tx, id, true)
		if err != nil {
			return err
		}
		next := *old
		next.Custom = hitori.CopyCustom(old.Custom)
		if err := change(&next); err != nil {
			return err
		}
		if err := checkAssetRefs(ctx, tx, &next); err != nil {
			return err
		}
		changes, err = updateAsset(ctx, tx, old, &next, s.db.now(), assetActor(ctx), assetChangeKind(old, &next), note)
		return err
	})
	return changes, err
}

// assetChangeKind names an edit by the fields it touched: a status change
// alone, an assignment, a move, or a general edit.
func assetChangeKind(old, next *hitori.Asset) hitori.AssetEventKind {
	only := map[string]bool{}
	for _, c := range hitori.DiffAssets(old, next) {
		only[c.Field] = true
	}
	switch {
	case len(only) == 1 && only["status"] && (old.Status == hitori.AssetRepair || next.Status == hitori.AssetRepair):
		return hitori.AssetRepaired
	case len(only) == 1 && only["status"]:
		return hitori.AssetStatusSet
	case len(only) == 1 && only["location"]:
		return hitori.AssetMoved
	case len(only) > 0 && len(only) <= 2 && !hasOther(only, "person_id", "department_id"):
		return hitori.AssetAssigned
	}
	return hitori.AssetChanged
}

// hasOther reports whether set holds a key other than the given ones.
func hasOther(set map[string]bool, keys ...string) bool {
	n := len(set)
	for _, k := range keys {
		if set[k] {
			n--
		}
	}
	return n > 0
}

// DeleteAsset removes an asset with its history and software list, and
// returns it as it was (the caller audits the deletion).
func (s *Assets) DeleteAsset(ctx context.Context, id int64) (*hitori.Asset, error) {
	var a *hitori.Asset
	err := s.db.write(ctx, func(tx *sql.Tx) error {
		var err error
		if a, err = loadAsset(ctx, tx, id, true); err != nil {
			return err
		}
		if a.Status != hitori.AssetRetired {
			if err := countAssetTitles(ctx, tx, id, -1); err != nil {
				return err
			}
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM assets WHERE id = $1`, id); err != nil {
			return fmt.Errorf("sqlstore: delete asset: %w", err)
		}
		return nil
	})
	return a, err
}

// AssetHistory lists an asset's history, newest first (limit 0: 200).
func (s *Assets) AssetHistory(ctx context.Context, id int64, limit int) ([]*hitori.AssetEvent, error) {
	_, limit = hitori.Page(0, limit, 200, 1000)
	rows, err := s.db.r.QueryContext(ctx, `SELECT e.id, e.asset_id, e.at, e.actor_id, e.kind, e.changes, e.note,
		COALESCE(NULLIF(u.name, ''), u.email, '')
		FROM asset_events e LEFT JOIN users u ON u.id = e.actor_id WHERE e.asset_id = $1 ORDER BY e.at DESC, e.id DESC LIMIT $2`, id, limit)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: asset history: %w", err)
	}
	defer rows.Close()
	out := []*hitori.AssetEvent{}
	for rows.Next() {
		e := &hitori.AssetEvent{}
		var actor sql.NullInt64
		var kind, changes string
		if err := rows.Scan(&e.ID, &e.AssetID, &e.At, &actor, &kind, &changes, &e.Note, &e.Actor); err != nil {
			return nil, fmt.Errorf("sqlstore: asset history: %w", err)
		}
		e.At, e.ActorID, e.Kind = e.At.UTC(), actor.Int64, hitori.AssetEventKind(kind)
		if changes != "" && changes != "[]" {
			if err := json.Unmarshal([]byte(changes), &e.Changes); err != nil {
				return nil, fmt.Errorf("sqlstore: asset event %d: %w", e.ID, err)
			}
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

// AssetSoftware lists what inventory last saw installed on an asset.
func (s *Assets) AssetSoftware(ctx context.Context, id int64) ([]hitori.AssetSoftwareEntry, error) {
	ids, err := packageSet(ctx, s.db.r, id)
	if err != nil || len(ids) == 0 {
		return []hitori.AssetSoftwareEntry{}, err
	}
	rows, err := s.db.r.QueryContext(ctx, `SELECT p.name, p.version, p.publisher FROM json_each($1) r
		JOIN software_packages p ON p.id = CAST(r.key AS BIGINT) ORDER BY p.name, p.version`, idsJSON(ids))
	if err != nil {
		return nil, fmt.Errorf("sqlstore: asset software: %w", err)
	}
	defer rows.Close()
	out := []hitori.AssetSoftwareEntry{}
	for rows.Next() {
		var e hitori.AssetSoftwareEntry
		if err := rows.Scan(&e.Name, &e.Version, &e.Publisher); err != nil {
			return nil, fmt.Errorf("sqlstore: asset software: %w", err)
		}
		out = append(out, e)
	}
	return out, rows.Err()
}
