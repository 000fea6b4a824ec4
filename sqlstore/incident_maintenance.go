package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"sort"
	"time"

	"hitori"
)

// Recurring maintenance windows (JSON per row) and the upcoming
// maintenance the status page announces.

// RecurringWindows returns a monitor's recurring windows.
func (s *Incidents) RecurringWindows(ctx context.Context, monitorID int64) ([]hitori.RecurringWindow, error) {
	if _, err := staffActor(ctx); err != nil {
		return nil, err
	}
	var out []hitori.RecurringWindow
	err := s.eachRecurring(ctx, ` WHERE w.monitor_id = $1`, []any{monitorID}, func(w hitori.RecurringWindow, _ string, _ bool) {
		out = append(out, w)
	})
	return out, err
}

// eachRecurring reads recurring windows with their monitor's name and pause.
func (s *Incidents) eachRecurring(ctx context.Context, where string, args []any, fn func(hitori.RecurringWindow, string, bool)) error {
	rows, err := s.db.r.QueryContext(ctx, `SELECT w.id, w.monitor_id, w.spec, m.name, m.paused
		FROM monitor_recurring_windows w JOIN monitors m ON m.id = w.monitor_id`+where+` ORDER BY w.id`, args...)
	if err != nil {
		return fmt.Errorf("sqlstore: recurring windows: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var w hitori.RecurringWindow
		var id, mid int64
		var spec, name string
		var paused bool
		if err := rows.Scan(&id, &mid, &spec, &name, &paused); err != nil {
			return err
		}
		if err := json.Unmarshal([]byte(spec), &w); err != nil {
			return fmt.Errorf("sqlstore: recurring window %d: %w", id, err)
		}
		w.ID, w.MonitorID = id, mid
		fn(w, name, paused)
	}
	return rows.Err()
}

// SaveRecurringWindows replaces a monitor's recurring windows and moves
// the monitors' version, so the scheduler reloads them.
func (s *Incidents) SaveRecurringWindows(ctx context.Context, monitorID int64, ws []hitori.RecurringWindow) error {
	u, err := staffActor(ctx)
	if err != nil {
		return err
	}
	if len(ws) > hitori.RecurringWindowsMax {
		return hitori.FieldError("windows", "window.error.too_many")
	}
	for i := range ws {
		if err := ws[i].Validate(); err != nil {
			return err
		}
	}
	now := s.db.now()
	return s.db.write(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE monitors SET updated_at = $1 WHERE id = $2`, now, monitorID)
		if err != nil {
			return fmt.Errorf("sqlstore: recurring windows: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return notFound(sql.ErrNoRows, "monitor")
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM monitor_recurring_windows WHERE monitor_id = $1`, monitorID); err != nil {
			return fmt.Errorf("sqlstore: recurring windows: %w", err)
		}
		for i := range ws {
			spec, _ := json.Marshal(ws[i])
			if err := tx.QueryRowContext(ctx, `INSERT INTO monitor_recurring_windows (monitor_id, spec) VALUES ($1, $2) RETURNING id`,
				monitorID, string(spec)).Scan(&ws[i].ID); err != nil {
				return fmt.Errorf("sqlstore: recurring window: %w", err)
			}
			ws[i].MonitorID = monitorID
		}
		detail, _ := json.Marshal(ws)
		return auditTx(ctx, tx, now, u, hitori.AuditWindows, ruleTarget(monitorID), "", string(detail))
	})
}

// loadRecurring hangs the recurring windows on the monitors loaded for
// the scheduler.
func (s *Incidents) loadRecurring(ctx context.Context, byID map[int64]*hitori.Monitor) error {
	if len(byID) == 0 {
		return nil
	}
	return s.eachRecurring(ctx, ``, nil, func(w hitori.RecurringWindow, _ string, _ bool) {
		if m := byID[w.MonitorID]; m != nil {
			m.Recurring = append(m.Recurring, w)
		}
	})
}

// UpcomingMaintenance lists maintenance running at from or starting
// before until, one-off and recurring, of unpaused monitors.
func (s *Incidents) UpcomingMaintenance(ctx context.Context, from, until time.Time) ([]*hitori.PlannedMaintenance, error) {
	var out []*hitori.PlannedMaintenance
	rows, err := s.db.r.QueryContext(ctx, `SELECT w.monitor_id, m.name, w.starts_at, w.ends_at, w.note
		FROM monitor_windows w JOIN monitors m ON m.id = w.monitor_id
		WHERE w.ends_at > $1 AND w.starts_at < $2 AND NOT m.paused`, from.UTC(), until.UTC())
	if err != nil {
		return nil, fmt.Errorf("sqlstore: upcoming maintenance: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		p := &hitori.PlannedMaintenance{}
		if err := rows.Scan(&p.MonitorID, &p.MonitorName, &p.Starts, &p.Ends, &p.Note); err != nil {
			return nil, err
		}
		p.Starts, p.Ends = p.Starts.UTC(), p.Ends.UTC()
		out = append(out, p)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	err = s.eachRecurring(ctx, ``, nil, func(w hitori.RecurringWindow, name string, paused bool) {
		for t, n := from, 0; !paused && n < 100; n++ {
			st, en, ok := w.NextAfter(t)
			if !ok || !st.Before(until) {
				return
			}
			out = append(out, &hitori.PlannedMaintenance{MonitorID: w.MonitorID, MonitorName: name,
				Starts: st.UTC(), Ends: en.UTC(), Note: w.Note, Recurring: true})
			t = en
		}
	})
	sort.SliceStable(out, func(i, j int) bool { return out[i].Starts.Before(out[j].Starts) })
	return out, err
}
