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

// insertMACs stores a new asset's MAC addresses in one statement: a
// first report's writes wait in line behind each other, and on PostgreSQL
// every statement is a round trip.
func insertMACs(ctx context.Context, tx *sql.Tx, id int64, macs []string) error {
	if len(macs) == 0 {
		return nil
	}
	values := make([]string, len(macs))
	args := make([]any, 0, 1+len(macs))
	args = append(args, id)
	for i, m := range macs {
		values[i] = fmt.Sprintf("($1, $%d)", i+2)
		args = append(args, m)
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO asset_macs (asset_id, mac) VALUES `+strings.Join(values, ", "), args...); err != nil {
		return fmt.Errorf("sqlstore: asset MACs: %w", err)
	}
	return nil
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
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
