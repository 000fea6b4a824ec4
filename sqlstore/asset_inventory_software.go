package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"hitori"
)

// Installed software is stored as one set of catalogue ids per asset
// (asset_package_sets) over a catalogue of packages (software_packages:
// name, version, publisher, title key) that a fleet shares, and the
// installations of each title are a count the writes keep
// (software_title_installs): see migrations 0032 and 0034.

// softwareWrite is what one write transaction's inventory changes share:
// the process's catalogue, what the transaction learned of it (kept for
// other transactions only once it commits), and the changes to the title
// counts, written together at the end.
type softwareWrite struct {
	cat      *packageCatalogue
	titleKey func(string) string // the normaliser title keys come from (for a retitle)
	idents   map[string]int64
	packages map[int64]hitori.InventorySoftware
	deltas   map[string]int
	retitle  bool
}

func newSoftwareWrite(cat *packageCatalogue) *softwareWrite {
	return &softwareWrite{cat: cat, idents: map[string]int64{}, packages: map[int64]hitori.InventorySoftware{}, deltas: map[string]int{}}
}

func (w *softwareWrite) learn(id int64, p hitori.InventorySoftware) {
	w.idents[packageIdent(p)] = id
	w.packages[id] = p
}

// packageIDs returns the catalogue ids of list's programs, ascending and
// once each, adding the packages the catalogue lacks. A package whose
// stored title key is not the one list gives (the normaliser changed)
// asks for a retitle at the end of the transaction.
func (w *softwareWrite) packageIDs(ctx context.Context, tx *sql.Tx, list []hitori.InventorySoftware) ([]int64, error) {
	ids := make([]int64, len(list))
	unknown, stale := w.cat.find(list, ids)
	w.retitle = w.retitle || stale
	var missing []hitori.InventorySoftware
	var at []int // missing[k] is list[at[k]]
	for _, i := range unknown {
		if id, ok := w.idents[packageIdent(list[i])]; ok {
			ids[i] = id
			w.retitle = w.retitle || w.packages[id].TitleKey != list[i].TitleKey
			continue
		}
		missing, at = append(missing, list[i]), append(at, i)
	}
	for attempt := 0; len(missing) > 0; attempt++ {
		if attempt == 1 {
			if err := insertPackages(ctx, tx, softwareJSON(missing)); err != nil {
				return nil, err
			}
		}
		if attempt == 2 {
			return nil, fmt.Errorf("sqlstore: software packages: %d not in the catalogue after adding them", len(missing))
		}
		found, err := packagesByIdent(ctx, tx, softwareJSON(missing))
		if err != nil {
			return nil, err
		}
		rest, restAt := missing[:0], at[:0]
		for k, s := range missing {
			p, ok := found[packageIdent(s)]
			if !ok {
				rest, restAt = append(rest, s), append(restAt, at[k])
				continue
			}
			w.learn(p.id, p.InventorySoftware)
			w.retitle = w.retitle || p.TitleKey != s.TitleKey
			ids[at[k]] = p.id
		}
		missing, at = rest, restAt
	}
	slices.Sort(ids)
	return slices.Compact(ids), nil
}

// describe returns the catalogue's packages of ids, reading those neither
// the transaction nor the catalogue knows.
func (w *softwareWrite) describe(ctx context.Context, tx *sql.Tx, ids []int64) (map[int64]hitori.InventorySoftware, error) {
	out := make(map[int64]hitori.InventorySoftware, len(ids))
	var unknown []int64
	for _, id := range ids {
		if p, ok := w.packages[id]; ok {
			out[id] = p
		} else if p, ok := w.cat.byID(id); ok {
			out[id] = p
		} else {
			unknown = append(unknown, id)
		}
	}
	if len(unknown) == 0 {
		return out, nil
	}
	found, err := packagesByID(ctx, tx, unknown)
	if err != nil {
		return nil, err
	}
	for id, p := range found {
		w.learn(id, p)
		out[id] = p
	}
	return out, nil
}

// finish writes the transaction's changes to the title counts, or
// retitles the catalogue and counts everything again when a package's
// title key was stale.
func (w *softwareWrite) finish(ctx context.Context, tx *sql.Tx) error {
	if w.retitle {
		return retitlePackages(ctx, tx, w.titleKey)
	}
	return addTitleInstalls(ctx, tx, w.deltas)
}

// committed hands what the transaction learned to the catalogue; after a
// retitle the catalogue starts again.
func (w *softwareWrite) committed() {
	if w.retitle {
		w.cat.reset()
		return
	}
	w.cat.add(w.packages)
}

// setSoftware makes an asset's installed software the given list (name
// and version identify a program) and returns the programs added and
// removed as history entries "software" (none for a new asset, whose
// history says it was created). A program whose publisher changed is a
// new package without a history entry. counted says whether the asset
// counts towards its titles' installations (it is not retired).
func (w *softwareWrite) setSoftware(ctx context.Context, tx *sql.Tx, id int64, list []hitori.InventorySoftware, isNew, counted bool) ([]hitori.FieldChange, error) {
	ids, err := w.packageIDs(ctx, tx, list)
	if err != nil {
		return nil, err
	}
	var old []int64
	if !isNew {
		if old, err = packageSet(ctx, tx, id); err != nil {
			return nil, err
		}
		if slices.Equal(old, ids) {
			return nil, nil
		}
	}
	var changes []hitori.FieldChange
	if !isNew {
		if changes, err = w.softwareChanges(ctx, tx, old, list); err != nil {
			return nil, err
		}
	}
	if counted {
		if err := w.titleChanges(ctx, tx, old, list); err != nil {
			return nil, err
		}
	}
	return changes, writePackageSet(ctx, tx, id, ids)
}

// softwareChanges is what history says of a new list over the old set:
// programs (name and version) added, then those removed.
func (w *softwareWrite) softwareChanges(ctx context.Context, tx *sql.Tx, old []int64, list []hitori.InventorySoftware) ([]hitori.FieldChange, error) {
	packages, err := w.describe(ctx, tx, old)
	if err != nil {
		return nil, err
	}
	have := make(map[[2]string]hitori.InventorySoftware, len(packages))
	for _, p := range packages {
		have[[2]string{p.Name, p.Version}] = p
	}
	var changes []hitori.FieldChange
	for _, s := range list {
		k := [2]string{s.Name, s.Version}
		if _, ok := have[k]; ok {
			delete(have, k)
			continue
		}
		changes = append(changes, hitori.FieldChange{Field: "software", New: softwareText(s)})
	}
	gone := make([][2]string, 0, len(have))
	for k := range have {
		gone = append(gone, k)
	}
	slices.SortFunc(gone, func(a, b [2]string) int { return strings.Compare(a[0]+"\x00"+a[1], b[0]+"\x00"+b[1]) })
	for _, k := range gone {
		changes = append(changes, hitori.FieldChange{Field: "software", Old: softwareText(have[k])})
	}
	return changes, nil
}

// titleChanges counts the titles the asset gains and loses when its set
// old becomes list's. list's title keys are its packages' (where one is
// not, the transaction retitles and counts everything again).
func (w *softwareWrite) titleChanges(ctx context.Context, tx *sql.Tx, old []int64, list []hitori.InventorySoftware) error {
	had := map[string]bool{}
	if len(old) > 0 {
		before, err := w.describe(ctx, tx, old)
		if err != nil {
			return err
		}
		for _, k := range titlesOf(before) {
			had[k] = true
		}
	}
	seen := make(map[string]bool, len(list))
	for _, s := range list {
		if seen[s.TitleKey] {
			continue
		}
		seen[s.TitleKey] = true
		if had[s.TitleKey] {
			delete(had, s.TitleKey)
		} else {
			w.deltas[s.TitleKey]++
		}
	}
	for k := range had {
		w.deltas[k]--
	}
	return nil
}

// titlesOf is the distinct title keys of packages.
func titlesOf(packages map[int64]hitori.InventorySoftware) []string {
	seen := make(map[string]bool, len(packages))
	out := make([]string, 0, len(packages))
	for _, p := range packages {
		if !seen[p.TitleKey] {
			seen[p.TitleKey] = true
			out = append(out, p.TitleKey)
		}
	}
	return out
}

// packageSet reads an asset's set (nil when it has none).
func packageSet(ctx context.Context, q querier, id int64) ([]int64, error) {
	var s string
	err := q.QueryRowContext(ctx, `SELECT packages FROM asset_package_sets WHERE asset_id = $1`, id).Scan(&s)
	if err == sql.ErrNoRows {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("sqlstore: asset %d software: %w", id, err)
	}
	ids, err := parsePackageSet(s)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: asset %d software: %w", id, err)
	}
	return ids, nil
}

func writePackageSet(ctx context.Context, tx *sql.Tx, id int64, ids []int64) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO asset_package_sets (asset_id, packages, software_count) VALUES ($1, $2, $3)
		ON CONFLICT (asset_id) DO UPDATE SET packages = excluded.packages, software_count = excluded.software_count`,
		id, formatPackageSet(ids), len(ids))
	if err != nil {
		return fmt.Errorf("sqlstore: asset %d software: %w", id, err)
	}
	return nil
}

// insertPackages adds softwareJSON's programs the catalogue lacks.
func insertPackages(ctx context.Context, tx *sql.Tx, doc string) error {
	// The WHERE keeps SQLite from reading ON CONFLICT as a join's ON.
	if _, err := tx.ExecContext(ctx, `INSERT INTO software_packages (ident, name, version, publisher, title_key)
		SELECT r.key, r.value ->> 0, r.value ->> 1, r.value ->> 2, r.value ->> 3 FROM json_each($1) r WHERE true
		ON CONFLICT (ident) DO NOTHING`, doc); err != nil {
		return fmt.Errorf("sqlstore: software packages: %w", err)
	}
	return nil
}

// catalogued is a catalogue row.
type catalogued struct {
	id int64
	hitori.InventorySoftware
}

// packagesByIdent reads the catalogue's rows of softwareJSON's programs,
// by ident.
func packagesByIdent(ctx context.Context, tx *sql.Tx, doc string) (map[string]catalogued, error) {
	byID, err := readPackages(ctx, tx, `SELECT p.id, p.name, p.version, p.publisher, p.title_key
		FROM json_each($1) r JOIN software_packages p ON p.ident = r.key`, doc)
	if err != nil {
		return nil, err
	}
	out := make(map[string]catalogued, len(byID))
	for id, p := range byID {
		out[packageIdent(p)] = catalogued{id, p}
	}
	return out, nil
}

// packagesByID reads the catalogue's rows of ids.
func packagesByID(ctx context.Context, q querier, ids []int64) (map[int64]hitori.InventorySoftware, error) {
	return readPackages(ctx, q, `SELECT p.id, p.name, p.version, p.publisher, p.title_key
		FROM json_each($1) r JOIN software_packages p ON p.id = CAST(r.key AS BIGINT)`, idsJSON(ids))
}

// allPackages reads the whole catalogue: a few thousand rows, as many
// as a fleet has different programs.
func allPackages(ctx context.Context, q querier) (map[int64]hitori.InventorySoftware, error) {
	return readPackages(ctx, q, `SELECT id, name, version, publisher, title_key FROM software_packages`)
}

// readPackages runs a query of catalogue rows (id, name, version,
// publisher, title key) and returns them by id.
func readPackages(ctx context.Context, q querier, query string, args ...any) (map[int64]hitori.InventorySoftware, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: software packages: %w", err)
	}
	defer rows.Close()
	out := map[int64]hitori.InventorySoftware{}
	for rows.Next() {
		var id int64
		var p hitori.InventorySoftware
		if err := rows.Scan(&id, &p.Name, &p.Version, &p.Publisher, &p.TitleKey); err != nil {
			return nil, fmt.Errorf("sqlstore: software packages: %w", err)
		}
		out[id] = p
	}
	return out, rows.Err()
}

// packageIdent is software_packages.ident: inventory text has no control
// characters (inventory.clean), so a line feed cannot be part of a field.
func packageIdent(s hitori.InventorySoftware) string {
	return s.Name + "\n" + s.Version + "\n" + s.Publisher
}

// softwareJSON is {ident: [name, version, publisher, title_key], …}: one
// parameter that json_each unpacks, the same SQL on SQLite and
// PostgreSQL, whatever the number of programs.
func softwareJSON(list []hitori.InventorySoftware) string {
	b := make([]byte, 0, 300*len(list))
	b = append(b, '{')
	for i, s := range list {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendJSONString(b, packageIdent(s))
		b = append(b, ":["...)
		for k, v := range [4]string{s.Name, s.Version, s.Publisher, s.TitleKey} {
			if k > 0 {
				b = append(b, ',')
			}
			b = appendJSONString(b, v)
		}
		b = append(b, ']')
	}
	return string(append(b, '}'))
}

// appendJSONString appends v as a JSON string; encoding/json does the
// rare string that needs more escaped than quotes, backslashes and line
// feeds.
func appendJSONString(b []byte, v string) []byte {
	plain := utf8.ValidString(v)
	for i := 0; plain && i < len(v); i++ {
		plain = v[i] >= 0x20 && v[i] != 0x7f || v[i] == '\n'
	}
	if !plain {
		q, _ := json.Marshal(v)
		return append(b, q...)
	}
	b = append(b, '"')
	for i := 0; i < len(v); i++ {
		switch c := v[i]; c {
		case '"', '\\':
			b = append(b, '\\', c)
		case '\n':
			b = append(b, '\\', 'n')
		default:
			b = append(b, c)
		}
	}
	return append(b, '"')
}
