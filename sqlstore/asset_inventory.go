package sqlstore

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"

	"hitori"
)

// Inventory reports applied to the register (hitori.InventoryStore). A
// report matches its asset by hardware UUID, BIOS serial, then MAC address;
// a report identical to the last one (same digest) only moves
// last_seen_at, so the daily reports of unchanged PCs cost one UPDATE.

// ApplyInventory creates or updates the asset r describes, in one
// transaction.
func (s *Assets) ApplyInventory(ctx context.Context, r *hitori.InventoryReport, opt hitori.InventoryApply) (hitori.InventoryOutcome, error) {
	var out hitori.InventoryOutcome
	now := s.db.now()
	sw := s.db.softwareWrite(opt.TitleKey)
	err := s.db.write(ctx, func(tx *sql.Tx) error {
		var err error
		if out, err = applyInventory(ctx, tx, r, opt, now, sw); err != nil {
			return err
		}
		return sw.finish(ctx, tx)
	})
	if err == nil {
		sw.committed()
	}
	return out, err
}

// softwareWrite starts the software changes of one write transaction.
func (db *DB) softwareWrite(titleKey func(string) string) *softwareWrite {
	w := newSoftwareWrite(&db.packages)
	w.titleKey = titleKey
	return w
}

// applyInventory applies one report; sw collects the transaction's
// software changes (its caller finishes it before committing).
func applyInventory(ctx context.Context, tx *sql.Tx, r *hitori.InventoryReport, opt hitori.InventoryApply, now time.Time, sw *softwareWrite) (hitori.InventoryOutcome, error) {
	id, err := matchInventory(ctx, tx, r)
	if err != nil {
		return hitori.InventoryOutcome{}, err
	}
	if id == 0 {
		if opt.HoldUnknown {
			return holdInventory(ctx, tx, r, opt.SourceIP, now)
		}
		return createFromInventory(ctx, tx, r, opt.TitleKey, now, sw)
	}
	return updateFromInventory(ctx, tx, id, r, opt.TitleKey, now, sw)
}

// matchInventory finds the asset a report means: hardware UUID, then BIOS
// serial, then any of its MAC addresses (the oldest asset of the first key
// that matches); 0 when none.
func matchInventory(ctx context.Context, tx *sql.Tx, r *hitori.InventoryReport) (int64, error) {
	query, args := inventoryMatch(r)
	if query == "" {
		return 0, nil
	}
	rows, err := tx.QueryContext(ctx, query, args...)
	if err != nil {
		return 0, fmt.Errorf("sqlstore: match inventory: %w", err)
	}
	defer rows.Close()
	bestKey, best := 0, int64(0)
	for rows.Next() {
		var key int
		var id int64
		if err := rows.Scan(&key, &id); err != nil {
			return 0, fmt.Errorf("sqlstore: match inventory: %w", err)
		}
		if best == 0 || key < bestKey || key == bestKey && id < best {
			bestKey, best = key, id
		}
	}
	if err := rows.Err(); err != nil {
		return 0, fmt.Errorf("sqlstore: match inventory: %w", err)
	}
	return best, nil
}

// inventoryMatch is one statement for every key a report carries, each
// row tagged with its key's rank: a new PC's report asks once, not once
// a key (on PostgreSQL each is a round trip, while the batch's writes
// wait). Like oldestOf's, the statements do not sort: PostgreSQL walked
// the primary key in order for ORDER BY id LIMIT 1.
func inventoryMatch(r *hitori.InventoryReport) (string, []any) {
	var parts []string
	var args []any
	if r.UUID != "" {
		args = append(args, r.UUID)
		parts = append(parts, fmt.Sprintf(`SELECT 1, id FROM assets WHERE hardware_uuid = $%d AND hardware_uuid <> ''`, len(args)))
	}
	if r.BIOSSerial != "" {
		args = append(args, r.BIOSSerial)
		parts = append(parts, fmt.Sprintf(`SELECT 2, id FROM assets WHERE serial = $%d AND serial <> ''`, len(args)))
	}
	if len(r.MACs) > 0 {
		first := len(args) + 1
		for _, m := range r.MACs {
			args = append(args, m)
		}
		parts = append(parts, `SELECT 3, asset_id FROM asset_macs WHERE mac IN (`+placeholders(first, len(r.MACs))+`)`)
	}
	return strings.Join(parts, " UNION ALL "), args
}

// assetTypeOf guesses a new device's type from its operating system.
func assetTypeOf(r *hitori.InventoryReport) hitori.AssetType {
	if strings.Contains(strings.ToLower(r.OSName), "server") {
		return hitori.AssetServer
	}
	return hitori.AssetPC
}

func createFromInventory(ctx context.Context, tx *sql.Tx, r *hitori.InventoryReport, titleKey func(string) string, now time.Time, sw *softwareWrite) (hitori.InventoryOutcome, error) {
	seen := now
	a := &hitori.Asset{Type: assetTypeOf(r), Status: hitori.AssetInUse, Maker: r.Maker, Model: r.Model, Serial: r.BIOSSerial,
		HardwareUUID: r.UUID, Hostname: r.Hostname, OSName: r.OSName, OSVersion: r.OSVersion, LastSeenAt: &seen, Source: "inventory"}
	if err := insertAsset(ctx, tx, a, now, 0, hitori.AssetCreated, "inventory"); err != nil {
		return hitori.InventoryOutcome{}, err
	}
	out := hitori.InventoryOutcome{AssetID: a.ID, Created: true, Changed: true}
	if err := insertMACs(ctx, tx, a.ID, r.MACs); err != nil {
		return out, err
	}
	if _, err := sw.setSoftware(ctx, tx, a.ID, withTitleKeys(r.Software, titleKey), true, a.Status != hitori.AssetRetired); err != nil {
		return out, err
	}
	detail := detailOf(r)
	_, err := tx.ExecContext(ctx, `INSERT INTO asset_inventory (asset_id, device_id, bios_serial, detail, digest, changed_at) VALUES ($1, $2, $3, $4, $5, $6)`,
		a.ID, r.DeviceID, r.BIOSSerial, mustDetailJSON(detail), reportDigest(r), now)
	if err != nil {
		return out, fmt.Errorf("sqlstore: inventory detail: %w", err)
	}
	return out, nil
}

func updateFromInventory(ctx context.Context, tx *sql.Tx, id int64, r *hitori.InventoryReport, titleKey func(string) string, now time.Time, sw *softwareWrite) (hitori.InventoryOutcome, error) {
	out := hitori.InventoryOutcome{AssetID: id}
	digest := reportDigest(r)
	var oldDigest, oldDetail string
	err := tx.QueryRowContext(ctx, `SELECT digest FROM asset_inventory WHERE asset_id = $1`, id).Scan(&oldDigest)
	if err != nil && err != sql.ErrNoRows {
		return out, fmt.Errorf("sqlstore: inventory detail: %w", err)
	}
	hadDetail := err == nil
	if hadDetail && oldDigest == digest && !r.Partial {
		// The same report as last time: only the last-seen time moves.
		return out, touchLastSeen(ctx, tx, id, now)
	}
	if hadDetail {
		// Read only now: the detail is kilobytes, and most reports are
		// the same as the last one.
		if err := tx.QueryRowContext(ctx, `SELECT detail FROM asset_inventory WHERE asset_id = $1`, id).Scan(&oldDetail); err != nil {
			return out, fmt.Errorf("sqlstore: inventory detail: %w", err)
		}
	}
	old, err := loadAsset(ctx, tx, id, true)
	if err != nil {
		return out, err
	}
	next := *old
	has := sectionsOf(r)
	if r.UUID != "" {
		next.HardwareUUID = r.UUID
	}
	if has("hardware") && r.Hostname != "" {
		next.Hostname = r.Hostname
	}
	if has("operatingsystem") && r.OSName != "" {
		next.OSName, next.OSVersion = r.OSName, r.OSVersion
	}
	// The register's own maker, model and serial (from a ledger or a
	// person) win; inventory only fills them when they are empty.
	if next.Maker == "" {
		next.Maker = r.Maker
	}
	if next.Model == "" {
		next.Model = r.Model
	}
	if next.Serial == "" {
		next.Serial = r.BIOSSerial
	}
	seen := now
	next.LastSeenAt = &seen
	var changes []hitori.FieldChange
	if len(hitori.DiffAssets(old, &next)) > 0 {
		fields, err := updateAsset(ctx, tx, old, &next, now, 0, hitori.AssetInventory, "")
		if err != nil {
			return out, err
		}
		out.Changed = len(fields) > 0
	} else if err := touchLastSeen(ctx, tx, id, now); err != nil {
		return out, err
	}
	var prev hitori.InventoryDetail
	if hadDetail {
		if err := json.Unmarshal([]byte(oldDetail), &prev); err != nil {
			return out, fmt.Errorf("sqlstore: asset %d inventory detail: %w", id, err)
		}
	}
	detail := mergeDetail(prev, detailOf(r), has)
	changes = append(changes, detailChanges(prev, detail)...)
	if has("networks") {
		macChanges, err := syncMACs(ctx, tx, id, r.MACs)
		if err != nil {
			return out, err
		}
		changes = append(changes, macChanges...)
	}
	if has("softwares") {
		swChanges, err := sw.setSoftware(ctx, tx, id, withTitleKeys(r.Software, titleKey), false, next.Status != hitori.AssetRetired)
		if err != nil {
			return out, err
		}
		changes = append(changes, swChanges...)
	}
	if !r.Partial || !hadDetail || len(changes) > 0 {
		if err := saveDetail(ctx, tx, id, r, detail, digest, now, hadDetail, len(changes) > 0); err != nil {
			return out, err
		}
	}
	if len(changes) > 0 {
		out.Changed = true
		if err := addAssetEvent(ctx, tx, &hitori.AssetEvent{AssetID: id, At: now, Kind: hitori.AssetInventory, Changes: capChanges(changes)}); err != nil {
			return out, err
		}
	}
	return out, nil
}

// withTitleKeys fills the programs' title keys (the name itself without a
// normaliser).
func withTitleKeys(list []hitori.InventorySoftware, titleKey func(string) string) []hitori.InventorySoftware {
	for i := range list {
		if titleKey != nil {
			list[i].TitleKey = titleKey(list[i].Name)
		} else {
			list[i].TitleKey = list[i].Name
		}
	}
	return list
}

func touchLastSeen(ctx context.Context, tx *sql.Tx, id int64, now time.Time) error {
	if _, err := tx.ExecContext(ctx, `UPDATE assets SET last_seen_at = $1 WHERE id = $2`, now, id); err != nil {
		return fmt.Errorf("sqlstore: asset last seen: %w", err)
	}
	return nil
}

func saveDetail(ctx context.Context, tx *sql.Tx, id int64, r *hitori.InventoryReport, d hitori.InventoryDetail, digest string, now time.Time, exists, changed bool) error {
	if exists {
		q := `UPDATE asset_inventory SET device_id = $1, bios_serial = $2, detail = $3, digest = $4 WHERE asset_id = $5`
		args := []any{d.DeviceID, r.BIOSSerial, mustDetailJSON(d), digest, id}
		if changed {
			q = `UPDATE asset_inventory SET device_id = $1, bios_serial = $2, detail = $3, digest = $4, changed_at = $6 WHERE asset_id = $5`
			args = append(args, now)
		}
		if _, err := tx.ExecContext(ctx, q, args...); err != nil {
			return fmt.Errorf("sqlstore: inventory detail: %w", err)
		}
		return nil
	}
	_, err := tx.ExecContext(ctx, `INSERT INTO asset_inventory (asset_id, device_id, bios_serial, detail, digest, changed_at) VALUES ($1, $2, $3, $4, $5, $6)`,
		id, d.DeviceID, r.BIOSSerial, mustDetailJSON(d), digest, now)
	if err != nil {
		return fmt.Errorf("sqlstore: inventory detail: %w", err)
	}
	return nil
}

// maxEventChanges bounds one history entry: a first report after a
// reinstall may add hundreds of programs; the entry names the first ones
// and counts the rest.
const maxEventChanges = 100

func capChanges(c []hitori.FieldChange) []hitori.FieldChange {
	if len(c) <= maxEventChanges {
		return c
	}
	rest := len(c) - maxEventChanges
	return append(c[:maxEventChanges:maxEventChanges], hitori.FieldChange{Field: "more", New: fmt.Sprint(rest)})
}

// sectionsOf says whether a report carries a section: a full report
// carries all; a partial update only those it names.
func sectionsOf(r *hitori.InventoryReport) func(string) bool {
	return func(s string) bool { return !r.Partial || slices.Contains(r.Sections, s) }
}

func detailOf(r *hitori.InventoryReport) hitori.InventoryDetail {
	return hitori.InventoryDetail{DeviceID: r.DeviceID, Agent: r.Agent, CPU: r.CPU, CPUCores: r.CPUCores, MemoryMB: r.MemoryMB,
		BIOS: r.BIOS, Disks: r.Disks, Volumes: r.Volumes, NICs: r.NICs, OSArch: r.OSArch, Antivirus: r.Antivirus}
}

// mergeDetail keeps from prev what a partial update does not carry.
func mergeDetail(prev, d hitori.InventoryDetail, has func(string) bool) hitori.InventoryDetail {
	keep := func(section string, apply func()) {
		if !has(section) {
			apply()
		}
	}
	keep("cpus", func() { d.CPU, d.CPUCores = prev.CPU, prev.CPUCores })
	keep("bios", func() { d.BIOS = prev.BIOS })
	keep("storages", func() { d.Disks = prev.Disks })
	keep("drives", func() { d.Volumes = prev.Volumes })
	keep("networks", func() { d.NICs = prev.NICs })
	keep("antivirus", func() { d.Antivirus = prev.Antivirus })
	keep("operatingsystem", func() { d.OSArch = prev.OSArch })
	if !has("memories") && !has("hardware") {
		d.MemoryMB = prev.MemoryMB
	}
	if d.MemoryMB == 0 {
		d.MemoryMB = prev.MemoryMB
	}
	if d.DeviceID == "" {
		d.DeviceID = prev.DeviceID
	}
	return d
}

func mustDetailJSON(d hitori.InventoryDetail) string {
	b, err := json.Marshal(d)
	if err != nil {
		panic(err) // plain data: cannot fail
	}
	return string(b)
}

// reportDigest hashes what a report says (title keys aside), with free disk space rounded to
// whole percent: files come and go between two reports of an unchanged
// PC, and that alone is no change worth writing. The programs, most of a
// report, are hashed field by field, length-prefixed: JSON's reflection
// per program cost more than the hashing.
func reportDigest(r *hitori.InventoryReport) string {
	c := *r
	c.ReportedAt = time.Time{}
	c.Volumes = stableVolumes(r.Volumes)
	c.Software = nil
	h := sha256.New()
	json.NewEncoder(h).Encode(&c) // plain data: cannot fail
	b := make([]byte, 0, 32<<10)
	for _, s := range r.Software {
		for _, f := range [3]string{s.Name, s.Version, s.Publisher} { // TitleKey: derived from the name
			b = binary.AppendUvarint(b, uint64(len(f)))
			b = append(b, f...)
		}
		if len(b) > 30<<10 {
			h.Write(b)
			b = b[:0]
		}
	}
	h.Write(b)
	return hex.EncodeToString(h.Sum(nil)[:16])
}

func stableVolumes(vs []hitori.InventoryVolume) []hitori.InventoryVolume {
	out := slices.Clone(vs)
	for i := range out {
		if out[i].TotalMB > 0 {
			out[i].FreeMB = out[i].FreeMB * 100 / out[i].TotalMB
		}
	}
	return out
}
