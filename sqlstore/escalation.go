package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"

	"hitori"
)

// Alert rules and the on-call calendar, kept as JSON: read whole, written
// whole, never queried by their parts.

// alertRuleTx returns the monitor's rule or the defaults (a stored
// default row, or hitori.DefaultAlertRule).
func alertRuleTx(ctx context.Context, q querier, monitorID int64) (*hitori.AlertRule, bool, error) {
	var text string
	var mid int64
	err := q.QueryRowContext(ctx, `SELECT monitor_id, rule FROM alert_rules WHERE monitor_id IN (0, $1)
		ORDER BY monitor_id DESC LIMIT 1`, monitorID).Scan(&mid, &text)
	if errors.Is(err, sql.ErrNoRows) {
		return hitori.DefaultAlertRule(), false, nil
	}
	if err != nil {
		return nil, false, fmt.Errorf("sqlstore: alert rule: %w", err)
	}
	r := hitori.DefaultAlertRule()
	r.Steps = nil
	if err := json.Unmarshal([]byte(text), r); err != nil {
		return nil, false, fmt.Errorf("sqlstore: alert rule of monitor %d: %w", mid, err)
	}
	r.MonitorID = mid
	return r, mid == monitorID && monitorID != 0, nil
}

// AlertRule returns a monitor's rule, or the defaults.
func (s *Incidents) AlertRule(ctx context.Context, monitorID int64) (*hitori.AlertRule, bool, error) {
	return alertRuleTx(ctx, s.db.r, monitorID)
}

// SaveAlertRule stores a monitor's rule (MonitorID 0: the defaults).
func (s *Incidents) SaveAlertRule(ctx context.Context, r *hitori.AlertRule) error {
	u, err := staffActor(ctx)
	if err != nil {
		return err
	}
	if err := r.Validate(); err != nil {
		return err
	}
	text, err := json.Marshal(r)
	if err != nil {
		return fmt.Errorf("sqlstore: alert rule: %w", err)
	}
	now := s.db.now()
	return s.db.write(ctx, func(tx *sql.Tx) error {
		if r.MonitorID != 0 {
			var one int
			if err := tx.QueryRowContext(ctx, `SELECT 1 FROM monitors WHERE id = $1`, r.MonitorID).Scan(&one); err != nil {
				return notFound(err, "monitor")
			}
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO alert_rules (monitor_id, rule, updated_at) VALUES ($1, $2, $3)
			ON CONFLICT (monitor_id) DO UPDATE SET rule = excluded.rule, updated_at = excluded.updated_at`,
			r.MonitorID, string(text), now); err != nil {
			return fmt.Errorf("sqlstore: save alert rule: %w", err)
		}
		r.UpdatedAt = now
		return auditTx(ctx, tx, now, u, hitori.AuditAlertRule, ruleTarget(r.MonitorID), "", string(text))
	})
}

func ruleTarget(monitorID int64) string {
	if monitorID == 0 {
		return "alert defaults"
	}
	return "monitor " + strconv.FormatInt(monitorID, 10)
}

// DeleteAlertRule returns a monitor to the defaults.
func (s *Incidents) DeleteAlertRule(ctx context.Context, monitorID int64) error {
	u, err := staffActor(ctx)
	if err != nil {
		return err
	}
	if monitorID == 0 {
		return hitori.KeyError(hitori.EINVALID, "alert.error.defaults")
	}
	now := s.db.now()
	return s.db.write(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `DELETE FROM alert_rules WHERE monitor_id = $1`, monitorID); err != nil {
			return fmt.Errorf("sqlstore: delete alert rule: %w", err)
		}
		return auditTx(ctx, tx, now, u, hitori.AuditAlertRule, ruleTarget(monitorID), "", "defaults")
	})
}

// OnCall returns the on-call calendar (empty when never saved).
func (s *Incidents) OnCall(ctx context.Context) (*hitori.OnCallCalendar, error) {
	c := &hitori.OnCallCalendar{}
	var text string
	err := s.db.r.QueryRowContext(ctx, `SELECT calendar, updated_at FROM oncall_calendar WHERE id = 1`).Scan(&text, &c.UpdatedAt)
	if errors.Is(err, sql.ErrNoRows) {
		return c, nil
	}
	if err != nil {
		return nil, fmt.Errorf("sqlstore: on-call calendar: %w", err)
	}
	if err := json.Unmarshal([]byte(text), c); err != nil {
		return nil, fmt.Errorf("sqlstore: on-call calendar: %w", err)
	}
	c.UpdatedAt = c.UpdatedAt.UTC()
	return c, nil
}

// SaveOnCall replaces the on-call calendar.
func (s *Incidents) SaveOnCall(ctx context.Context, c *hitori.OnCallCalendar) error {
	u, err := staffActor(ctx)
	if err != nil {
		return err
	}
	if err := c.Validate(); err != nil {
		return err
	}
	text, err := json.Marshal(c)
	if err != nil {
		return fmt.Errorf("sqlstore: on-call calendar: %w", err)
	}
	now := s.db.now()
	return s.db.write(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `INSERT INTO oncall_calendar (id, calendar, updated_at) VALUES (1, $1, $2)
			ON CONFLICT (id) DO UPDATE SET calendar = excluded.calendar, updated_at = excluded.updated_at`, string(text), now); err != nil {
			return fmt.Errorf("sqlstore: save on-call calendar: %w", err)
		}
		c.UpdatedAt = now
		return auditTx(ctx, tx, now, u, hitori.AuditOnCall, "on-call", "", string(text))
	})
}

// AlertChannelNames returns the enabled alert channels' names by id (the
// notify area's table): alerting skips, and says so on the timeline, a
// step's channel that was deleted or disabled since the rule was saved.
func (s *Incidents) AlertChannelNames(ctx context.Context) (map[int64]string, error) {
	rows, err := s.db.r.QueryContext(ctx, `SELECT id, name FROM channels WHERE enabled ORDER BY id`)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: alert channel names: %w", err)
	}
	defer rows.Close()
	out := map[int64]string{}
	for rows.Next() {
		var id int64
		var name string
		if err := rows.Scan(&id, &name); err != nil {
			return nil, err
		}
		out[id] = name
	}
	return out, rows.Err()
}
