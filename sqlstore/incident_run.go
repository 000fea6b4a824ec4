package sqlstore

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/base64"
	"errors"
	"fmt"
	"time"

	"hitori"
)

// Alerting's background side of the incidents store.

// DueIncidents lists open incidents whose next look is due.
func (s *Incidents) DueIncidents(ctx context.Context, now time.Time, limit int) ([]int64, error) {
	rows, err := s.db.r.QueryContext(ctx, `SELECT id FROM incidents WHERE next_at IS NOT NULL AND next_at <= $1
		AND resolved_at IS NULL ORDER BY next_at LIMIT $2`, now.UTC(), limit)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: due incidents: %w", err)
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}

// IncidentForAct returns an incident, its monitor's state (nil when the
// monitor is gone) and the monitor's retries. Read through the writer, so
// it sees the latest batch.
func (s *Incidents) IncidentForAct(ctx context.Context, id int64) (*hitori.Incident, *hitori.MonitorState, int, error) {
	in, err := scanIncident(s.db.w.QueryRowContext(ctx, `SELECT `+incidentColumns+` FROM incidents i WHERE i.id = $1`, id))
	if err != nil {
		return nil, nil, 0, notFound(err, "incident")
	}
	st := &hitori.MonitorState{MonitorID: in.MonitorID}
	var status sql.NullString
	var since sql.NullTime
	var failures sql.NullInt64
	var msg sql.NullString
	var paused bool
	var retries int
	err = s.db.w.QueryRowContext(ctx, `SELECT m.retries, m.paused, s.status, s.since, s.failures, s.last_msg
		FROM monitors m LEFT JOIN monitor_states s ON s.monitor_id = m.id WHERE m.id = $1`, in.MonitorID).
		Scan(&retries, &paused, &status, &since, &failures, &msg)
	if errors.Is(err, sql.ErrNoRows) {
		return in, nil, 0, nil
	}
	if err != nil {
		return nil, nil, 0, fmt.Errorf("sqlstore: incident's monitor: %w", err)
	}
	st.Status, st.Since, st.Failures = hitori.MonitorStatus(status.String), since.Time.UTC(), int(failures.Int64)
	st.Last = &hitori.CheckResult{MonitorID: in.MonitorID, Message: msg.String}
	if paused {
		st.Status = hitori.MonitorPaused
	}
	return in, st, retries, nil
}

// ApplyIncident writes what alerting decided, if nobody changed the
// incident meanwhile (compare-and-set on its version).
func (s *Incidents) ApplyIncident(ctx context.Context, in *hitori.Incident, entries []*hitori.IncidentEntry, jobs []*hitori.Job) error {
	now := s.db.now()
	return s.db.write(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE incidents SET status = $1, resolved_at = $2, step = $3, step_at = $4,
			remind_at = $5, held = $6, next_at = $7, version = version + 1 WHERE id = $8 AND version = $9`,
			string(in.Status), timeArg(in.ResolvedAt), in.Step, timeArg(in.StepAt), timeArg(in.RemindAt), in.Held,
			timeArg(in.NextAt), in.ID, in.Version)
		if err != nil {
			return fmt.Errorf("sqlstore: apply incident %d: %w", in.ID, err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return hitori.Errorf(hitori.ECONFLICT, "incident %d changed meanwhile", in.ID)
		}
		for _, e := range entries {
			e.IncidentID = in.ID
			if err := addEntry(ctx, tx, e); err != nil {
				return err
			}
		}
		for _, j := range jobs {
			if err := enqueueTx(ctx, tx, now, j); err != nil {
				return fmt.Errorf("sqlstore: incident %d job: %w", in.ID, err)
			}
		}
		in.Version++
		return nil
	})
}

// IncidentTimeline returns an incident's timeline (alerting's own read:
// no user check).
func (s *Incidents) IncidentTimeline(ctx context.Context, id int64) ([]*hitori.IncidentEntry, error) {
	return s.entries(ctx, s.db.w, id)
}

// SetIncidentItem records the work item an incident became.
func (s *Incidents) SetIncidentItem(ctx context.Context, id, itemID int64) error {
	now := s.db.now()
	return s.db.write(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE incidents SET item_id = $1 WHERE id = $2 AND item_id = 0`, itemID, id)
		if err != nil {
			return fmt.Errorf("sqlstore: incident %d item: %w", id, err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return nil
		}
		return addEntry(ctx, tx, &hitori.IncidentEntry{IncidentID: id, At: now, Kind: hitori.EntryItem, Message: hitori.ItemKey(itemID)})
	})
}

// AckKey returns the secret that signs ack links, made on first use.
func (s *Incidents) AckKey(ctx context.Context) ([]byte, error) {
	var secret string
	err := s.db.r.QueryRowContext(ctx, `SELECT secret FROM alert_keys WHERE name = 'ack'`).Scan(&secret)
	if errors.Is(err, sql.ErrNoRows) {
		b := make([]byte, 32)
		rand.Read(b)
		err = s.db.write(ctx, func(tx *sql.Tx) error {
			if _, err := tx.ExecContext(ctx, `INSERT INTO alert_keys (name, secret) VALUES ('ack', $1) ON CONFLICT (name) DO NOTHING`,
				base64.StdEncoding.EncodeToString(b)); err != nil {
				return err
			}
			return tx.QueryRowContext(ctx, `SELECT secret FROM alert_keys WHERE name = 'ack'`).Scan(&secret)
		})
	}
	if err != nil {
		return nil, fmt.Errorf("sqlstore: ack key: %w", err)
	}
	return base64.StdEncoding.DecodeString(secret)
}
