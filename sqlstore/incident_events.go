package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"time"

	"hitori"
)

// The monitors' writer calls incidentsOnEvents inside the transaction
// that stores a batch's state changes, so an outage and its incident (and
// the job that alerts about it) commit together or not at all.

// incidentsOnEvents opens an incident when a monitor goes down, marks it
// recovering when it comes back (a later failure before the recovery held
// stays the same outage), notes maintenance, and wakes incidents whose
// first alert waits for more failures. Each change owes a JobIncidentAct.
func incidentsOnEvents(ctx context.Context, tx *sql.Tx, now time.Time, events []*hitori.MonitorEvent, states []*hitori.MonitorState) error {
	for _, e := range events {
		at := e.At.UTC().Truncate(time.Microsecond)
		var id int64
		var up sql.NullTime
		err := tx.QueryRowContext(ctx, `SELECT id, up_at FROM incidents WHERE monitor_id = $1 AND resolved_at IS NULL`, e.MonitorID).Scan(&id, &up)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("sqlstore: open incident of monitor %d: %w", e.MonitorID, err)
		}
		entry := &hitori.IncidentEntry{IncidentID: id, At: at, Message: e.Message}
		set, update := `next_at = $1, version = version + 1`, true
		switch {
		case e.To == hitori.MonitorDown && id == 0:
			if id, err = openIncident(ctx, tx, e.MonitorID, at); err != nil || id == 0 {
				return err
			}
			entry.IncidentID, entry.Kind, update = id, hitori.EntryDown, false
			if err := enqueueTx(ctx, tx, now, incidentJob(hitori.JobIncidentItem, id)); err != nil {
				return fmt.Errorf("sqlstore: incident item job: %w", err)
			}
		case id == 0:
			continue // nothing open: an up or a maintenance without an outage
		case e.To == hitori.MonitorDown && up.Valid:
			entry.Kind, set = hitori.EntryDownAgain, `up_at = NULL, `+set
		case e.To == hitori.MonitorDown:
			entry.Kind = hitori.EntryDown // back from maintenance, still down
		case e.To == hitori.MonitorUp:
			entry.Kind, set = hitori.EntryUp, `up_at = $1, `+set
		case e.To == hitori.MonitorMaintenance:
			entry.Kind = hitori.EntryMaintenance
		default:
			continue
		}
		if update {
			if _, err := tx.ExecContext(ctx, `UPDATE incidents SET `+set+` WHERE id = $2`, at, id); err != nil {
				return fmt.Errorf("sqlstore: incident %d: %w", id, err)
			}
		}
		if err := addEntry(ctx, tx, entry); err != nil {
			return err
		}
		if err := enqueueTx(ctx, tx, now, incidentJob(hitori.JobIncidentAct, id)); err != nil {
			return fmt.Errorf("sqlstore: incident act job: %w", err)
		}
	}
	return wakeCounted(ctx, tx, now, states)
}

// openIncident inserts the incident of a monitor that went down; 0 when
// the monitor is gone (deleted while its batch was pending).
func openIncident(ctx context.Context, tx *sql.Tx, monitorID int64, at time.Time) (int64, error) {
	var name string
	if err := tx.QueryRowContext(ctx, `SELECT name FROM monitors WHERE id = $1`, monitorID).Scan(&name); err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return 0, nil
		}
		return 0, fmt.Errorf("sqlstore: incident's monitor %d: %w", monitorID, err)
	}
	rule, _, err := alertRuleTx(ctx, tx, monitorID)
	if err != nil {
		return 0, err
	}
	var id int64
	err = tx.QueryRowContext(ctx, `INSERT INTO incidents (monitor_id, title, status, opened_at, critical, next_at)
		VALUES ($1, $2, $3, $4, $5, $4) RETURNING id`, monitorID, name, string(hitori.IncidentOpen), at, rule.Critical).Scan(&id)
	if err != nil {
		return 0, fmt.Errorf("sqlstore: open incident: %w", err)
	}
	return id, nil
}

// wakeCounted makes incidents whose first alert waits for more failures
// due again when a down monitor's count moves (held incidents without a
// time to wake have next_at NULL).
func wakeCounted(ctx context.Context, tx *sql.Tx, now time.Time, states []*hitori.MonitorState) error {
	for _, st := range states {
		if st.Status != hitori.MonitorDown {
			continue
		}
		rows, err := tx.QueryContext(ctx, `UPDATE incidents SET next_at = $1, version = version + 1
			WHERE monitor_id = $2 AND resolved_at IS NULL AND step = 0 AND next_at IS NULL AND held RETURNING id`, now, st.MonitorID)
		if err != nil {
			return fmt.Errorf("sqlstore: wake incident: %w", err)
		}
		var ids []int64
		for rows.Next() {
			var id int64
			if err := rows.Scan(&id); err != nil {
				rows.Close()
				return err
			}
			ids = append(ids, id)
		}
		rows.Close()
		for _, id := range ids {
			if err := enqueueTx(ctx, tx, now, incidentJob(hitori.JobIncidentAct, id)); err != nil {
				return fmt.Errorf("sqlstore: incident act job: %w", err)
			}
		}
	}
	return nil
}

// incidentJob is a job about one incident; one of a kind may wait per
// incident.
func incidentJob(kind string, id int64) *hitori.Job {
	p, _ := json.Marshal(hitori.IncidentJob{IncidentID: id})
	return &hitori.Job{Kind: kind, Payload: string(p), UniqueKey: kind + ":" + strconv.FormatInt(id, 10), MaxAttempts: 20}
}
