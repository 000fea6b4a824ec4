package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"

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

// softwareBatch is how many programs one INSERT writes (5 values each).
// SQLite looks each numbered parameter up by name in a list, so a long
// statement costs the square of its parameters: 50 rows keep that small.
const softwareBatch = 50

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
	for len(added) > 0 {
		n := min(len(added), softwareBatch)
		var q strings.Builder
		q.WriteString(`INSERT INTO asset_software (asset_id, name, version, publisher, title_key) VALUES `)
		args := make([]any, 0, n*5)
		for i, s := range added[:n] {
			if i > 0 {
				q.WriteString(", ")
			}
			q.WriteString("(" + placeholders(i*5+1, 5) + ")")
			args = append(args, id, s.Name, s.Version, s.Publisher, s.TitleKey)
		}
		if _, err := tx.ExecContext(ctx, q.String(), args...); err != nil {
			return nil, fmt.Errorf("sqlstore: asset software: %w", err)
		}
		added = added[n:]
	}
	return changes, nil
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
