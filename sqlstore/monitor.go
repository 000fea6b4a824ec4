package sqlstore

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"hitori"
)

var _ hitori.MonitorStore = (*Monitors)(nil)

// Monitors is the monitors area's storage.
type Monitors struct{ db *DB }

// Monitors returns the monitors store.
func (db *DB) Monitors() *Monitors { return &Monitors{db: db} }

const monitorColumns = `m.id, m.name, m.type, m.target, m.interval_s, m.timeout_s, m.retries, m.options,
	COALESCE(m.token, ''), m.system_id, m.runbook_id, m.paused, m.created_at, m.updated_at`

const stateColumns = `COALESCE(s.status, ''), s.since, COALESCE(s.failures, 0), s.last_at, COALESCE(s.last_ok, FALSE),
	COALESCE(s.last_us, 0), COALESCE(s.last_msg, '')`

const monitorFrom = ` FROM monitors m LEFT JOIN monitor_states s ON s.monitor_id = m.id`

func scanMonitor(row scanner) (*hitori.Monitor, *hitori.MonitorState, error) {
	m := &hitori.Monitor{}
	st := &hitori.MonitorState{}
	var typ, opts, status string
	var ivl, tmo int64
	var sys, rb sql.NullInt64
	var since, lastAt sql.NullTime
	var lastOK bool
	var lastUS int64
	var lastMsg string
	if err := row.Scan(&m.ID, &m.Name, &typ, &m.Target, &ivl, &tmo, &m.Retries, &opts, &m.Token, &sys, &rb, &m.Paused,
		&m.CreatedAt, &m.UpdatedAt, &status, &since, &st.Failures, &lastAt, &lastOK, &lastUS, &lastMsg); err != nil {
		return nil, nil, err
	}
	m.Type, m.Interval, m.Timeout = hitori.MonitorType(typ), time.Duration(ivl)*time.Second, time.Duration(tmo)*time.Second
	if err := json.Unmarshal([]byte(opts), &m.Options); err != nil {
		return nil, nil, fmt.Errorf("sqlstore: monitor %d options: %w", m.ID, err)
	}
	if sys.Valid {
		m.SystemID = &sys.Int64
	}
	if rb.Valid {
		m.RunbookID = &rb.Int64
	}
	m.CreatedAt, m.UpdatedAt = m.CreatedAt.UTC(), m.UpdatedAt.UTC()
	st.MonitorID, st.Status = m.ID, hitori.MonitorStatus(status)
	if st.Status == "" {
		st.Status, st.Since = hitori.MonitorPending, m.CreatedAt
	} else {
		st.Since = since.Time.UTC()
	}
	if lastAt.Valid {
		st.Last = &hitori.CheckResult{MonitorID: m.ID, At: lastAt.Time.UTC(), OK: lastOK,
			Latency: time.Duration(lastUS) * time.Microsecond, Message: lastMsg}
	}
	if m.Paused {
		st.Status = hitori.MonitorPaused
	}
	return m, st, nil
}

func newHeartbeatToken() string {
	b := make([]byte, 24)
	rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}

// monitorArgs are the columns CreateMonitor and UpdateMonitor write, in order.
func monitorArgs(m *hitori.Monitor) ([]any, error) {
	opts, err := json.Marshal(m.Options)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: monitor options: %w", err)
	}
	return []any{m.Name, string(m.Type), m.Target, int64(m.Interval / time.Second), int64(m.Timeout / time.Second),
		m.Retries, string(opts), idArg(m.SystemID), idArg(m.RunbookID)}, nil
}

// CreateMonitor stores a new monitor; a heartbeat gets its token.
func (s *Monitors) CreateMonitor(ctx context.Context, m *hitori.Monitor) error {
	if _, err := staffActor(ctx); err != nil {
		return err
	}
	if err := m.Validate(); err != nil {
		return err
	}
	args, err := monitorArgs(m)
	if err != nil {
		return err
	}
	var token any
	if m.Type == hitori.MonitorHeartbeat {
		m.Token = newHeartbeatToken()
		token = m.Token
	}
	now := s.db.now()
	return s.db.write(ctx, func(tx *sql.Tx) error {
		err := tx.QueryRowContext(ctx, `INSERT INTO monitors (name, type, target, interval_s, timeout_s, retries, options,
			system_id, runbook_id, token, paused, created_at, updated_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12) RETURNING id`,
			append(args, token, m.Paused, now)...).Scan(&m.ID)
		if err != nil {
			return fmt.Errorf("sqlstore: create monitor: %w", err)
		}
		m.CreatedAt, m.UpdatedAt = now, now
		return putWindows(ctx, tx, m)
	})
}

// UpdateMonitor changes a monitor's settings (not its token, nor paused).
func (s *Monitors) UpdateMonitor(ctx context.Context, m *hitori.Monitor) error {
	if _, err := staffActor(ctx); err != nil {
		return err
	}
	if err := m.Validate(); err != nil {
		return err
	}
	args, err := monitorArgs(m)
	if err != nil {
		return err
	}
	now := s.db.now()
	return s.db.write(ctx, func(tx *sql.Tx) error {
		var token sql.NullString
		if err := tx.QueryRowContext(ctx, `SELECT token FROM monitors WHERE id = $1`, m.ID).Scan(&token); err != nil {
			return notFound(err, "monitor")
		}
		if m.Type == hitori.MonitorHeartbeat && !token.Valid {
			token = sql.NullString{String: newHeartbeatToken(), Valid: true}
		}
		m.Token = token.String
		_, err := tx.ExecContext(ctx, `UPDATE monitors SET name = $1, type = $2, target = $3, interval_s = $4,
			timeout_s = $5, retries = $6, options = $7, system_id = $8, runbook_id = $9, token = $10, updated_at = $11
			WHERE id = $12`, append(args, token, now, m.ID)...)
		if err != nil {
			return fmt.Errorf("sqlstore: update monitor %d: %w", m.ID, err)
		}
		m.UpdatedAt = now
		if _, err := tx.ExecContext(ctx, `DELETE FROM monitor_windows WHERE monitor_id = $1`, m.ID); err != nil {
			return fmt.Errorf("sqlstore: monitor windows: %w", err)
		}
		return putWindows(ctx, tx, m)
	})
}

func putWindows(ctx context.Context, tx *sql.Tx, m *hitori.Monitor) error {
	for i := range m.Windows {
		w := &m.Windows[i]
		err := tx.QueryRowContext(ctx, `INSERT INTO monitor_windows (monitor_id, starts_at, ends_at, note)
			VALUES ($1, $2, $3, $4) RETURNING id`, m.ID, w.Starts.UTC(), w.Ends.UTC(), w.Note).Scan(&w.ID)
		if err != nil {
			return fmt.Errorf("sqlstore: monitor window: %w", err)
		}
	}
	return nil
}

// DeleteMonitor removes a monitor with its history.
func (s *Monitors) DeleteMonitor(ctx context.Context, id int64) error {
	if _, err := staffActor(ctx); err != nil {
		return err
	}
	return s.db.write(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `DELETE FROM monitors WHERE id = $1`, id)
		if err != nil {
			return fmt.Errorf("sqlstore: delete monitor %d: %w", id, err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return notFound(sql.ErrNoRows, "monitor")
		}
		for _, t := range []string{"monitor_windows", "monitor_states", "monitor_results", "monitor_rollups", "monitor_events"} {
			if _, err := tx.ExecContext(ctx, `DELETE FROM `+t+` WHERE monitor_id = $1`, id); err != nil {
				return fmt.Errorf("sqlstore: delete monitor %d: %w", id, err)
			}
		}
		return bumpMonitors(ctx, tx, s.db.now())
	})
}

// bumpMonitors moves the version MonitorsVersion reports after a delete
// (which leaves no updated_at behind).
func bumpMonitors(ctx context.Context, tx *sql.Tx, now time.Time) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO monitor_rollup_marks (period, done_until) VALUES ('deleted', $1)
		ON CONFLICT (period) DO UPDATE SET done_until = excluded.done_until`, now)
	return err
}

// SetMonitorPaused pauses or resumes a monitor.
func (s *Monitors) SetMonitorPaused(ctx context.Context, id int64, paused bool) error {
	if _, err := staffActor(ctx); err != nil {
		return err
	}
	now := s.db.now()
	return s.db.write(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE monitors SET paused = $1, updated_at = $2 WHERE id = $3`, paused, now, id)
		if err != nil {
			return fmt.Errorf("sqlstore: pause monitor %d: %w", id, err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return notFound(sql.ErrNoRows, "monitor")
		}
		return nil
	})
}

// FindMonitor returns a monitor with its maintenance windows and state.
func (s *Monitors) FindMonitor(ctx context.Context, id int64) (*hitori.Monitor, *hitori.MonitorState, error) {
	if _, err := staffActor(ctx); err != nil {
		return nil, nil, err
	}
	m, st, err := scanMonitor(s.db.r.QueryRowContext(ctx, `SELECT `+monitorColumns+`, `+stateColumns+monitorFrom+` WHERE m.id = $1`, id))
	if err != nil {
		return nil, nil, notFound(err, "monitor")
	}
	rows, err := s.db.r.QueryContext(ctx, `SELECT id, starts_at, ends_at, note FROM monitor_windows WHERE monitor_id = $1 ORDER BY starts_at`, id)
	if err != nil {
		return nil, nil, fmt.Errorf("sqlstore: monitor windows: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var w hitori.MaintenanceWindow
		if err := rows.Scan(&w.ID, &w.Starts, &w.Ends, &w.Note); err != nil {
			return nil, nil, err
		}
		w.Starts, w.Ends = w.Starts.UTC(), w.Ends.UTC()
		m.Windows = append(m.Windows, w)
	}
	return m, st, rows.Err()
}

// FindMonitors returns one page of monitors by name, with their state and
// the last 24 hours' uptime (from the hourly roll-ups and the raw results
// not yet rolled up).
func (s *Monitors) FindMonitors(ctx context.Context, f hitori.MonitorFilter) ([]*hitori.MonitorSummary, int, error) {
	if _, err := staffActor(ctx); err != nil {
		return nil, 0, err
	}
	if f.Limit <= 0 || f.Limit > 500 {
		f.Limit = 50
	}
	where, args := "", []any{}
	if q := strings.TrimSpace(f.Query); q != "" {
		args = append(args, "%"+escapeLike(strings.ToLower(q))+"%")
		where = ` WHERE LOWER(m.name) LIKE $1 ESCAPE '\' OR LOWER(m.target) LIKE $1 ESCAPE '\'`
	}
	var total int
	if err := s.db.r.QueryRowContext(ctx, `SELECT COUNT(*) FROM monitors m`+where, args...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("sqlstore: count monitors: %w", err)
	}
	// Uptime: hourly roll-ups for the hours summarised, raw results after
	// them, so a page reads at most an hour or so of raw rows per monitor.
	// The page is chosen first (on the name index), so the per-monitor
	// sums run for its rows only: PostgreSQL computes the select list
	// before a sort.
	since := s.db.now().Add(-24 * time.Hour)
	var mark sql.NullTime
	if err := s.db.r.QueryRowContext(ctx, `SELECT done_until FROM monitor_rollup_marks WHERE period = 'hour'`).Scan(&mark); err != nil && err != sql.ErrNoRows {
		return nil, 0, fmt.Errorf("sqlstore: rollup mark: %w", err)
	}
	raw := since
	if mark.Valid && mark.Time.After(since) {
		raw = mark.Time.UTC()
	}
	n := len(args)
	q := fmt.Sprintf(`SELECT `+monitorColumns+`, `+stateColumns+`,
		(SELECT COUNT(*) FROM monitor_results r WHERE r.monitor_id = m.id AND r.at >= $%[1]d)
			+ (SELECT COALESCE(SUM(u.checks), 0) FROM monitor_rollups u WHERE u.monitor_id = m.id AND u.period = 'hour' AND u.start_at >= $%[4]d AND u.start_at < $%[1]d),
		(SELECT COUNT(*) FROM monitor_results r WHERE r.monitor_id = m.id AND r.at >= $%[1]d AND r.ok)
			+ (SELECT COALESCE(SUM(u.up), 0) FROM monitor_rollups u WHERE u.monitor_id = m.id AND u.period = 'hour' AND u.start_at >= $%[4]d AND u.start_at < $%[1]d)`+
		` FROM (SELECT m.id FROM monitors m`+where+` ORDER BY LOWER(m.name), m.id LIMIT $%[2]d OFFSET $%[3]d) pg
		JOIN monitors m ON m.id = pg.id LEFT JOIN monitor_states s ON s.monitor_id = m.id
		ORDER BY LOWER(m.name), m.id`, n+1, n+2, n+3, n+4)
	rows, err := s.db.r.QueryContext(ctx, q, append(args, raw, f.Limit, max(f.Offset, 0), since)...)
	if err != nil {
		return nil, 0, fmt.Errorf("sqlstore: find monitors: %w", err)
	}
	defer rows.Close()
	var out []*hitori.MonitorSummary
	for rows.Next() {
		var checks, up int
		m, st, err := scanMonitor(scanTail{rows, []any{&checks, &up}})
		if err != nil {
			return nil, 0, err
		}
		sum := &hitori.MonitorSummary{Monitor: m, State: *st, Uptime: -1}
		if checks > 0 {
			sum.Uptime = 100 * float64(up) / float64(checks)
		}
		out = append(out, sum)
	}
	return out, total, rows.Err()
}

// scanTail scans extra columns after what a scan function reads.
type scanTail struct {
	row  scanner
	tail []any
}

func (t scanTail) Scan(dest ...any) error { return t.row.Scan(append(dest, t.tail...)...) }

// Heartbeat records a call of /hb/{token}.
func (s *Monitors) Heartbeat(ctx context.Context, token string) error {
	if token == "" || len(token) > 100 {
		return notFound(sql.ErrNoRows, "monitor")
	}
	now := s.db.now()
	return s.db.write(ctx, func(tx *sql.Tx) error {
		var id int64
		if err := tx.QueryRowContext(ctx, `SELECT id FROM monitors WHERE token = $1`, token).Scan(&id); err != nil {
			return notFound(err, "monitor")
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO monitor_states (monitor_id, status, since, beat_at) VALUES ($1, 'pending', $2, $2)
			ON CONFLICT (monitor_id) DO UPDATE SET beat_at = excluded.beat_at`, id, now)
		if err != nil {
			return fmt.Errorf("sqlstore: heartbeat: %w", err)
		}
		return nil
	})
}

// LastBeat returns the time of a heartbeat monitor's last call (zero: never).
func (s *Monitors) LastBeat(ctx context.Context, id int64) (time.Time, error) {
	var at sql.NullTime
	err := s.db.r.QueryRowContext(ctx, `SELECT beat_at FROM monitor_states WHERE monitor_id = $1`, id).Scan(&at)
	if err != nil && err != sql.ErrNoRows {
		return time.Time{}, fmt.Errorf("sqlstore: last beat: %w", err)
	}
	return at.Time.UTC(), nil
}
