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

// Installed software is stored as links (asset_packages) to a catalogue
// of packages (software_packages: name, version, publisher, title key),
// which a fleet shares: see migration 0032.

// installed is one package an asset has.
type installed struct {
	packageID int64
	hitori.InventorySoftware
}

// syncSoftware makes an asset's installed software the given list (name
// and version identify a program) and returns the programs added and
// removed as history entries "software". A program whose publisher
// changed is linked to its new package without a history entry; a
// package whose title key is stale (TitleKey changed) gets the new one.
func syncSoftware(ctx context.Context, tx *sql.Tx, id int64, list []hitori.InventorySoftware) ([]hitori.FieldChange, error) {
	have, err := installedSoftware(ctx, tx, id)
	if err != nil {
		return nil, err
	}
	var added []hitori.InventorySoftware
	var changes []hitori.FieldChange
	var unlink []int64
	for _, s := range list {
		k := [2]string{s.Name, s.Version}
		old, ok := have[k]
		if !ok {
			added = append(added, s)
			changes = append(changes, hitori.FieldChange{Field: "software", New: softwareText(s)})
			continue
		}
		delete(have, k)
		switch {
		case old.Publisher != s.Publisher:
			unlink, added = append(unlink, old.packageID), append(added, s)
		case old.TitleKey != s.TitleKey:
			if _, err := tx.ExecContext(ctx, `UPDATE software_packages SET title_key = $1 WHERE id = $2`, s.TitleKey, old.packageID); err != nil {
				return nil, fmt.Errorf("sqlstore: asset software: %w", err)
			}
		}
	}
	for _, k := range sortedPairs(have) {
		unlink = append(unlink, have[k].packageID)
		changes = append(changes, hitori.FieldChange{Field: "software", Old: softwareText(have[k].InventorySoftware)})
	}
	for _, p := range unlink {
		if _, err := tx.ExecContext(ctx, `DELETE FROM asset_packages WHERE asset_id = $1 AND package_id = $2`, id, p); err != nil {
			return nil, fmt.Errorf("sqlstore: asset software: %w", err)
		}
	}
	if err := insertSoftware(ctx, tx, id, added); err != nil {
		return nil, err
	}
	return changes, nil
}

func installedSoftware(ctx context.Context, tx *sql.Tx, id int64) (map[[2]string]installed, error) {
	rows, err := tx.QueryContext(ctx, `SELECT p.id, p.name, p.version, p.publisher, p.title_key
		FROM asset_packages s JOIN software_packages p ON p.id = s.package_id WHERE s.asset_id = $1`, id)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: asset software: %w", err)
	}
	defer rows.Close()
	have := map[[2]string]installed{}
	for rows.Next() {
		var s installed
		if err := rows.Scan(&s.packageID, &s.Name, &s.Version, &s.Publisher, &s.TitleKey); err != nil {
			return nil, fmt.Errorf("sqlstore: asset software: %w", err)
		}
		have[[2]string{s.Name, s.Version}] = s
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("sqlstore: asset software: %w", err)
	}
	return have, nil
}

// insertSoftware links programs to an asset whatever their number in one
// statement when the catalogue has them all (as it has for every PC of a
// fleet but the first to report a program), three when it lacks some: the
// link, the missing packages, the links left. The programs travel as one
// JSON object {ident: [name, version, publisher, title_key], …} that
// json_each unpacks, the same SQL on SQLite and PostgreSQL; linking reads
// only its keys. (Row-per-placeholder INSERTs cost 19 statements for a PC
// of 900 programs — round trips on PostgreSQL — and, on SQLite, time
// quadratic in their placeholders.)
func insertSoftware(ctx context.Context, tx *sql.Tx, id int64, list []hitori.InventorySoftware) error {
	if len(list) == 0 {
		return nil
	}
	doc := softwareJSON(list)
	linked, err := linkSoftware(ctx, tx, id, doc, "")
	if err != nil || linked == int64(len(list)) {
		return err
	}
	if err := insertPackages(ctx, tx, doc); err != nil {
		return err
	}
	_, err = linkSoftware(ctx, tx, id, doc, ` ON CONFLICT (asset_id, package_id) DO NOTHING`)
	return err
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

// linkSoftware links the asset to the catalogue's packages of doc's
// programs and returns how many links it made.
func linkSoftware(ctx context.Context, tx *sql.Tx, id int64, doc, conflict string) (int64, error) {
	return execLinks(ctx, tx, `INSERT INTO asset_packages (asset_id, package_id)
		SELECT a.id, p.id FROM assets a, json_each($2) r JOIN software_packages p ON p.ident = r.key
		WHERE a.id = $1`+conflict, id, doc)
}

// execLinks runs a statement that links programs and returns how many
// links it made.
func execLinks(ctx context.Context, tx *sql.Tx, query string, args ...any) (int64, error) {
	res, err := tx.ExecContext(ctx, query, args...)
	if err != nil {
		return 0, fmt.Errorf("sqlstore: asset software: %w", err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return 0, fmt.Errorf("sqlstore: asset software: %w", err)
	}
	return n, nil
}

// packageIdent is software_packages.ident: inventory text has no control
// characters (inventory.clean), so a line feed cannot be part of a field.
func packageIdent(s hitori.InventorySoftware) string {
	return s.Name + "\n" + s.Version + "\n" + s.Publisher
}

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

func sortedPairs(m map[[2]string]installed) [][2]string {
	keys := make([][2]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b [2]string) int { return strings.Compare(a[0]+"\x00"+a[1], b[0]+"\x00"+b[1]) })
	return keys
}
