package sqlstore

import (
	"cmp"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"

	"hitori"
)

// Reports from unknown devices held for approval (the site's setting).

// deviceKey names a device across reports: its hardware identity, never
// the agent's DEVICEID (which changes when the agent is reinstalled).
func deviceKey(r *hitori.InventoryReport) string {
	switch {
	case r.UUID != "":
		return "uuid:" + r.UUID
	case r.BIOSSerial != "":
		return "serial:" + r.BIOSSerial
	case len(r.MACs) > 0:
		return "mac:" + r.MACs[0]
	}
	return "device:" + r.DeviceID
}

func holdInventory(ctx context.Context, tx *sql.Tx, r *hitori.InventoryReport, ip string, now time.Time) (hitori.InventoryOutcome, error) {
	key := deviceKey(r)
	var id int64
	var status string
	err := tx.QueryRowContext(ctx, `SELECT id, status FROM inventory_pending WHERE device_key = $1`, key).Scan(&id, &status)
	if err != nil && err != sql.ErrNoRows {
		return hitori.InventoryOutcome{}, fmt.Errorf("sqlstore: pending inventory: %w", err)
	}
	if status == "rejected" {
		return hitori.InventoryOutcome{PendingID: id, Refused: true}, nil
	}
	b, err := json.Marshal(r)
	if err != nil {
		return hitori.InventoryOutcome{}, fmt.Errorf("sqlstore: pending inventory: %w", err)
	}
	if id != 0 {
		_, err = tx.ExecContext(ctx, `UPDATE inventory_pending SET device_id = $1, hostname = $2, serial = $3, uuid = $4, source_ip = $5, report = $6, received_at = $7 WHERE id = $8`,
			r.DeviceID, r.Hostname, r.BIOSSerial, r.UUID, ip, string(b), now, id)
	} else {
		err = tx.QueryRowContext(ctx, `INSERT INTO inventory_pending (device_key, device_id, hostname, serial, uuid, source_ip, report, received_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`, key, r.DeviceID, r.Hostname, r.BIOSSerial, r.UUID, ip, string(b), now).Scan(&id)
	}
	if err != nil {
		return hitori.InventoryOutcome{}, fmt.Errorf("sqlstore: pending inventory: %w", err)
	}
	return hitori.InventoryOutcome{Held: true, PendingID: id}, nil
}

// InventoryPendingList lists held and rejected reports, newest first
// (without their bodies).
func (s *Assets) InventoryPendingList(ctx context.Context) ([]*hitori.InventoryPending, error) {
	rows, err := s.db.r.QueryContext(ctx, `SELECT id, device_id, hostname, serial, uuid, source_ip, received_at, status
		FROM inventory_pending ORDER BY received_at DESC, id DESC LIMIT 1000`)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: pending inventory: %w", err)
	}
	defer rows.Close()
	var out []*hitori.InventoryPending
	for rows.Next() {
		p := &hitori.InventoryPending{}
		if err := rows.Scan(&p.ID, &p.DeviceID, &p.Hostname, &p.Serial, &p.UUID, &p.SourceIP, &p.ReceivedAt, &p.Status); err != nil {
			return nil, fmt.Errorf("sqlstore: pending inventory: %w", err)
		}
		p.ReceivedAt = p.ReceivedAt.UTC()
		out = append(out, p)
	}
	return out, rows.Err()
}

// DecideInventoryPending applies a held report (approve: the asset is
// created, or updated when it has appeared meanwhile) or marks the device
// rejected, so its later reports are dropped.
func (s *Assets) DecideInventoryPending(ctx context.Context, id int64, approve bool, actorID int64, titleKey func(string) string) (hitori.InventoryOutcome, error) {
	var out hitori.InventoryOutcome
	now := s.db.now()
	sw := s.db.softwareWrite(titleKey)
	err := s.db.write(ctx, func(tx *sql.Tx) error {
		var body, status string
		err := tx.QueryRowContext(ctx, `SELECT report, status FROM inventory_pending WHERE id = $1`, id).Scan(&body, &status)
		if err != nil {
			return notFound(err, "pending inventory")
		}
		if !approve {
			_, err := tx.ExecContext(ctx, `UPDATE inventory_pending SET status = 'rejected' WHERE id = $1`, id)
			return err
		}
		var r hitori.InventoryReport
		if err := json.Unmarshal([]byte(body), &r); err != nil {
			return fmt.Errorf("sqlstore: pending inventory %d: %w", id, err)
		}
		if out, err = applyInventory(ctx, tx, &r, hitori.InventoryApply{TitleKey: titleKey}, now, sw); err != nil {
			return err
		}
		if err := sw.finish(ctx, tx); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM inventory_pending WHERE id = $1`, id); err != nil {
			return fmt.Errorf("sqlstore: pending inventory: %w", err)
		}
		if out.Created && actorID != 0 {
			_, err = tx.ExecContext(ctx, `UPDATE asset_events SET actor_id = $1 WHERE asset_id = $2 AND kind = $3`, actorID, out.AssetID, string(hitori.AssetCreated))
		}
		return err
	})
	if err == nil {
		sw.committed()
	}
	return out, err
}

// InventoryStates lists every asset with an inventory report.
func (s *Assets) InventoryStates(ctx context.Context, withSoftware bool) ([]*hitori.InventoryState, error) {
	rows, err := s.db.r.QueryContext(ctx, `SELECT `+assetColumns+`, i.detail`+assetFrom+` JOIN asset_inventory i ON i.asset_id = a.id ORDER BY a.id`)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: inventory states: %w", err)
	}
	defer rows.Close()
	var out []*hitori.InventoryState
	byID := map[int64]*hitori.InventoryState{}
	for rows.Next() {
		var detail string
		a, err := scanAsset(scanFunc(func(dest ...any) error { return rows.Scan(append(dest, &detail)...) }))
		if err != nil {
			return nil, fmt.Errorf("sqlstore: inventory states: %w", err)
		}
		st := &hitori.InventoryState{Asset: a}
		if err := json.Unmarshal([]byte(detail), &st.Detail); err != nil {
			return nil, fmt.Errorf("sqlstore: asset %d inventory detail: %w", a.ID, err)
		}
		out = append(out, st)
		byID[a.ID] = st
	}
	if err := rows.Err(); err != nil || !withSoftware {
		return out, err
	}
	rows.Close()
	packages, err := allPackages(ctx, s.db.r)
	if err != nil {
		return nil, err
	}
	sets, err := s.db.r.QueryContext(ctx, `SELECT s.asset_id, s.packages FROM asset_package_sets s
		JOIN asset_inventory i ON i.asset_id = s.asset_id`)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: inventory software: %w", err)
	}
	defer sets.Close()
	for sets.Next() {
		var id int64
		var set string
		if err := sets.Scan(&id, &set); err != nil {
			return nil, fmt.Errorf("sqlstore: inventory software: %w", err)
		}
		st := byID[id]
		if st == nil {
			continue
		}
		ids, err := parsePackageSet(set)
		if err != nil {
			return nil, fmt.Errorf("sqlstore: asset %d software: %w", id, err)
		}
		for _, p := range ids {
			st.Software = append(st.Software, packages[p])
		}
		slices.SortFunc(st.Software, func(a, b hitori.InventorySoftware) int {
			return cmp.Or(strings.Compare(a.Name, b.Name), strings.Compare(a.Version, b.Version))
		})
	}
	return out, sets.Err()
}

// scanFunc adapts a function to the scanner interface.
type scanFunc func(dest ...any) error

func (f scanFunc) Scan(dest ...any) error { return f(dest...) }
