package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"hitori"
)

// FindExpiries lists what runs out between from and until: warranty and
// lease ends of assets that are not retired, and license renewals, soonest
// first, each with the steps already alerted for that date.
func (s *Assets) FindExpiries(ctx context.Context, from, until hitori.Date) ([]*hitori.Expiry, error) {
	if _, err := staffActor(ctx); err != nil {
		return nil, err
	}
	rows, err := s.db.r.QueryContext(ctx, `
		SELECT 'warranty', a.id, COALESCE(a.number, ''), a.maker, a.model, a.warranty_until FROM assets a
			WHERE a.status <> 'retired' AND a.warranty_until >= $1 AND a.warranty_until <= $2
		UNION ALL
		SELECT 'lease', a.id, COALESCE(a.number, ''), a.maker, a.model, a.lease_until FROM assets a
			WHERE a.status <> 'retired' AND a.lease_until >= $1 AND a.lease_until <= $2
		UNION ALL
		SELECT 'renewal', l.id, '', t.name, '', l.renewal_on FROM licenses l JOIN software_titles t ON t.id = l.title_id
			WHERE l.renewal_on >= $1 AND l.renewal_on <= $2
		ORDER BY 6, 1, 2`, string(from), string(until))
	if err != nil {
		return nil, fmt.Errorf("sqlstore: find expiries: %w", err)
	}
	defer rows.Close()
	var out []*hitori.Expiry
	for rows.Next() {
		e := &hitori.Expiry{}
		var kind, number, maker, model, on string
		if err := rows.Scan(&kind, &e.RefID, &number, &maker, &model, &on); err != nil {
			return nil, err
		}
		e.Kind, e.On = hitori.ExpiryKind(kind), hitori.Date(on)
		e.Label = strings.Join(strings.Fields(number+" "+maker+" "+model), " ")
		out = append(out, e)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	return out, s.alertedSteps(ctx, out, from, until)
}

// alertedSteps fills each expiry's Alerted from asset_alerts.
func (s *Assets) alertedSteps(ctx context.Context, list []*hitori.Expiry, from, until hitori.Date) error {
	if len(list) == 0 {
		return nil
	}
	type thing struct {
		kind string
		ref  int64
		on   string
	}
	byThing := make(map[thing]*hitori.Expiry, len(list))
	for _, e := range list {
		byThing[thing{string(e.Kind), e.RefID, string(e.On)}] = e
	}
	rows, err := s.db.r.QueryContext(ctx, `SELECT kind, ref_id, due_on, step FROM asset_alerts
		WHERE due_on >= $1 AND due_on <= $2 ORDER BY step DESC`, string(from), string(until))
	if err != nil {
		return fmt.Errorf("sqlstore: alerted steps: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var t thing
		var step int
		if err := rows.Scan(&t.kind, &t.ref, &t.on, &step); err != nil {
			return err
		}
		if e := byThing[t]; e != nil {
			e.Alerted = append(e.Alerted, step)
		}
	}
	return rows.Err()
}

// RecordAlerts remembers the alerts not recorded before and queues the
// job outbox owes for them, in one transaction: a crash leaves neither, a
// second run of the same day finds nothing new.
func (s *Assets) RecordAlerts(ctx context.Context, alerts []*hitori.AssetAlert, outbox hitori.AlertOutbox) ([]*hitori.AssetAlert, error) {
	return s.db.recordFresh(ctx, alerts, outbox, func(tx *sql.Tx, a *hitori.AssetAlert, now time.Time) error {
		var id int64
		return tx.QueryRowContext(ctx, `INSERT INTO asset_alerts (kind, ref_id, due_on, step, label, sent_at)
			VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (kind, ref_id, due_on, step) DO NOTHING RETURNING id`,
			string(a.Kind), a.RefID, string(a.On), a.Step, truncate(a.Label, 500), now).Scan(&id)
	})
}

// recordFresh runs insert for each alert in one transaction (sql.ErrNoRows:
// recorded before) and queues the job outbox owes for the new ones in the
// same transaction; it returns the new ones.
func (db *DB) recordFresh(ctx context.Context, alerts []*hitori.AssetAlert, outbox hitori.AlertOutbox,
	insert func(tx *sql.Tx, a *hitori.AssetAlert, now time.Time) error) ([]*hitori.AssetAlert, error) {
	if _, err := staffActor(ctx); err != nil {
		return nil, err
	}
	var fresh []*hitori.AssetAlert
	now := db.now()
	err := db.write(ctx, func(tx *sql.Tx) error {
		fresh = fresh[:0]
		for _, a := range alerts {
			err := insert(tx, a, now)
			if errors.Is(err, sql.ErrNoRows) {
				continue // sent before
			}
			if err != nil {
				return fmt.Errorf("sqlstore: record alert: %w", err)
			}
			fresh = append(fresh, a)
		}
		if len(fresh) == 0 || outbox == nil {
			return nil
		}
		if j := outbox(slices.Clone(fresh)); j != nil {
			return enqueueTx(ctx, tx, now, j)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return fresh, nil
}
