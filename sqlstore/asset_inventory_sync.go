package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"hitori"
)

// syncMACs makes an asset's stored MAC addresses the given ones and
// returns what was added or removed.
func syncMACs(ctx context.Context, tx *sql.Tx, id int64, macs []string) ([]hitori.FieldChange, error) {
	rows, err := tx.QueryContext(ctx, `SELECT mac FROM asset_macs WHERE asset_id = $1`, id)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: asset MACs: %w", err)
	}
	have := map[string]bool{}
	for rows.Next() {
		var m string
		if err := rows.Scan(&m); err != nil {
			rows.Close()
			return nil, fmt.Errorf("sqlstore: asset MACs: %w", err)
		}
		have[m] = true
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("sqlstore: asset MACs: %w", err)
	}
	var changes []hitori.FieldChange
	for _, m := range macs {
		if have[m] {
			delete(have, m)
			continue
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO asset_macs (asset_id, mac) VALUES ($1, $2)`, id, m); err != nil {
			return nil, fmt.Errorf("sqlstore: asset MAC: %w", err)
		}
		changes = append(changes, hitori.FieldChange{Field: "mac", New: m})
	}
	gone := sortedKeys(have)
	for _, m := range gone {
		if _, err := tx.ExecContext(ctx, `DELETE FROM asset_macs WHERE asset_id = $1 AND mac = $2`, id, m); err != nil {
			return nil, fmt.Errorf("sqlstore: asset MAC: %w", err)
		}
		changes = append(changes, hitori.FieldChange{Field: "mac", Old: m})
	}
	return changes, nil
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// syncSoftware makes an asset's installed software the given list (name
// and version identify a row) and returns the programs added, removed and
// whose publisher or title changed, as history entries "software".
func syncSoftware(ctx context.Context, tx *sql.Tx, id int64, list []hitori.InventorySoftware) ([]hitori.FieldChange, error) {
	rows, err := tx.QueryContext(ctx, `SELECT name, version, publisher, title_key FROM asset_software WHERE asset_id = $1`, id)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: asset software: %w", err)
	}
	have := map[[2]string]hitori.InventorySoftware{}
	for rows.Next() {
		var s hitori.InventorySoftware
		if err := rows.Scan(&s.Name, &s.Version, &s.Publisher, &s.TitleKey); err != nil {
			rows.Close()
			return nil, fmt.Errorf("sqlstore: asset software: %w", err)
		}
		have[[2]string{s.Name, s.Version}] = s
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("sqlstore: asset software: %w", err)
	}
	var added []hitori.InventorySoftware
	var changes []hitori.FieldChange
	for _, s := range list {
		k := [2]string{s.Name, s.Version}
		old, ok := have[k]
		if !ok {
			added = append(added, s)
			changes = append(changes, hitori.FieldChange{Field: "software", New: softwareText(s)})
			continue
		}
		delete(have, k)
		if old.Publisher != s.Publisher || old.TitleKey != s.TitleKey {
			if _, err := tx.ExecContext(ctx, `UPDATE asset_software SET publisher = $1, title_key = $2 WHERE asset_id = $3 AND name = $4 AND version = $5`,
				s.Publisher, s.TitleKey, id, s.Name, s.Version); err != nil {
				return nil, fmt.Errorf("sqlstore: asset software: %w", err)
			}
		}
	}
	for _, k := range sortedPairs(have) {
		if _, err := tx.ExecContext(ctx, `DELETE FROM asset_software WHERE asset_id = $1 AND name = $2 AND version = $3`, id, k[0], k[1]); err != nil {
			return nil, fmt.Errorf("sqlstore: asset software: %w", err)
		}
		changes = append(changes, hitori.FieldChange{Field: "software", Old: softwareText(have[k])})
	}
	if err := insertSoftware(ctx, tx, id, added); err != nil {
		return nil, err
	}
	return changes, nil
}

// insertSoftware writes programs in one statement whatever their number:
// the rows travel as one JSON object {"0": [name, version, publisher,
// title_key], …} that json_each unpacks, the same SQL on SQLite and
// PostgreSQL. Row-per-placeholder INSERTs cost 19 statements for a PC of
// 900 programs (round trips on PostgreSQL) and, on SQLite, time quadratic
// in their placeholders.
func insertSoftware(ctx context.Context, tx *sql.Tx, id int64, list []hitori.InventorySoftware) error {
	if len(list) == 0 {
		return nil
	}
	b := make([]byte, 0, 200*len(list))
	b = append(b, '{')
	for i, s := range list {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, '"')
		b = strconv.AppendInt(b, int64(i), 10)
		b = append(b, `":[`...)
		for k, v := range [4]string{s.Name, s.Version, s.Publisher, s.TitleKey} {
			if k > 0 {
				b = append(b, ',')
			}
			b = appendJSONString(b, v)
		}
		b = append(b, ']')
	}
	b = append(b, '}')
	_, err := tx.ExecContext(ctx, `INSERT INTO asset_software (asset_id, name, version, publisher, title_key)
		SELECT a.id, r.value ->> 0, r.value ->> 1, r.value ->> 2, r.value ->> 3 FROM assets a, json_each($2) r WHERE a.id = $1`, id, string(b))
	if err != nil {
		return fmt.Errorf("sqlstore: asset software: %w", err)
	}
	return nil
}

// appendJSONString appends v as a JSON string; encoding/json does the
// rare string that needs more than quotes and backslashes escaped.
func appendJSONString(b []byte, v string) []byte {
	plain := utf8.ValidString(v)
	for i := 0; plain && i < len(v); i++ {
		plain = v[i] >= 0x20 && v[i] != '"' && v[i] != '\\' && v[i] != 0x7f
	}
	if plain {
		return append(append(append(b, '"'), v...), '"')
	}
	q, _ := json.Marshal(v)
	return append(b, q...)
}

func sortedPairs(m map[[2]string]hitori.InventorySoftware) [][2]string {
	keys := make([][2]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b [2]string) int { return strings.Compare(a[0]+"\x00"+a[1], b[0]+"\x00"+b[1]) })
	return keys
}

func softwareText(s hitori.InventorySoftware) string {
	return strings.TrimSpace(s.Name + " " + s.Version)
}

// detailChanges names the hardware that differs between two reports, as
// history shows it. Free disk space and addresses are left out: they move
// without anything having changed on the device.
func detailChanges(old, new hitori.InventoryDetail) []hitori.FieldChange {
	var out []hitori.FieldChange
	add := func(field, o, n string) {
		if o != n {
			out = append(out, hitori.FieldChange{Field: field, Old: o, New: n})
		}
	}
	add("cpu", old.CPU, new.CPU)
	add("cpu_cores", count(old.CPUCores), count(new.CPUCores))
	add("memory_mb", count(old.MemoryMB), count(new.MemoryMB))
	add("bios", old.BIOS.Vendor+" "+old.BIOS.Version, new.BIOS.Vendor+" "+new.BIOS.Version)
	add("disks", joinParts(old.Disks, diskText), joinParts(new.Disks, diskText))
	add("volumes", joinParts(old.Volumes, volumeText), joinParts(new.Volumes, volumeText))
	add("nics", joinParts(old.NICs, nicText), joinParts(new.NICs, nicText))
	add("antivirus", joinParts(old.Antivirus, avText), joinParts(new.Antivirus, avText))
	return out
}

func count[N int | int64](n N) string {
	if n == 0 {
		return ""
	}
	return fmt.Sprint(n)
}

func joinParts[T any](parts []T, f func(T) string) string {
	s := make([]string, len(parts))
	for i, p := range parts {
		s[i] = f(p)
	}
	return strings.Join(s, ", ")
}

func diskText(d hitori.InventoryDisk) string {
	return fmt.Sprintf("%s %s %d MB", d.Name, d.Model, d.SizeMB)
}

func volumeText(v hitori.InventoryVolume) string {
	s := fmt.Sprintf("%s %d MB", v.Mount, v.TotalMB)
	if v.Encrypted {
		s += " " + v.Encryption + " encrypted"
	}
	return s
}

func nicText(n hitori.InventoryNIC) string { return n.Name + " " + n.MAC }

func avText(a hitori.InventoryAntivirus) string {
	return fmt.Sprintf("%s enabled=%t up_to_date=%t", a.Name, a.Enabled, a.UpToDate)
}
