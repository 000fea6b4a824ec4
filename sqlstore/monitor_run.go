package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"hitori"
)

// The scheduler's side of the monitors store: shard leases, loading the
// monitors of owned shards, and batched writes of results.

// ClaimShards renews holder's shard leases and takes free or expired ones
// up to its fair share among the live holders; above its share it lets
// the surplus expire so a newly started process gets work.
func (s *Monitors) ClaimShards(ctx context.Context, holder string, shards int, ttl time.Duration) ([]int, error) {
	now := s.db.now()
	until := now.Add(ttl)
	var mine []int
	err := s.db.writeUncounted(ctx, func(tx *sql.Tx) error {
		var vals []string
		for i := range shards {
			vals = append(vals, "("+strconv.Itoa(i)+", '', $1)")
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO monitor_shards (shard, owner, lease_until) VALUES `+
			strings.Join(vals, ", ")+` ON CONFLICT (shard) DO NOTHING`, time.Unix(0, 0).UTC()); err != nil {
			return fmt.Errorf("sqlstore: monitor shards: %w", err)
		}
		if _, err := tx.ExecContext(ctx, `UPDATE monitor_shards SET lease_until = $1 WHERE owner = $2 AND shard < $3`,
			until, holder, shards); err != nil {
			return fmt.Errorf("sqlstore: renew shards: %w", err)
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO monitor_holders (holder, seen_until) VALUES ($1, $2)
			ON CONFLICT (holder) DO UPDATE SET seen_until = excluded.seen_until`, holder, until); err != nil {
			return fmt.Errorf("sqlstore: monitor holder: %w", err)
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM monitor_holders WHERE seen_until < $1`, now.Add(-time.Hour)); err != nil {
			return fmt.Errorf("sqlstore: monitor holders: %w", err)
		}
		var owned, live int
		err := tx.QueryRowContext(ctx, `SELECT (SELECT COUNT(*) FROM monitor_shards WHERE owner = $1 AND shard < $3),
			(SELECT COUNT(*) FROM monitor_holders WHERE holder <> $1 AND seen_until > $2)`,
			holder, now, shards).Scan(&owned, &live)
		if err != nil {
			return fmt.Errorf("sqlstore: count shards: %w", err)
		}
		share := (shards + live) / (live + 1) // ceil(shards / holders)
		switch {
		case owned < share:
			// The outer lease_until test is re-checked on PostgreSQL when a
			// concurrent claim took the row first, so no shard gets two owners.
			_, err = tx.ExecContext(ctx, `UPDATE monitor_shards SET owner = $1, lease_until = $2
				WHERE lease_until <= $3 AND shard < $5 AND shard IN (SELECT shard FROM monitor_shards
					WHERE lease_until <= $3 AND shard < $5 ORDER BY shard LIMIT $4)`, holder, until, now, share-owned, shards)
		case owned > share:
			_, err = tx.ExecContext(ctx, `UPDATE monitor_shards SET lease_until = $1 WHERE owner = $2 AND shard IN
				(SELECT shard FROM monitor_shards WHERE owner = $2 ORDER BY shard DESC LIMIT $3)`, now, holder, owned-share)
		}
		if err != nil {
			return fmt.Errorf("sqlstore: claim shards: %w", err)
		}
		rows, err := tx.QueryContext(ctx, `SELECT shard FROM monitor_shards WHERE owner = $1 AND lease_until > $2 AND shard < $3
			ORDER BY shard`, holder, now, shards)
		if err != nil {
			return fmt.Errorf("sqlstore: owned shards: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			var n int
			if err := rows.Scan(&n); err != nil {
				return err
			}
			mine = append(mine, n)
		}
		return rows.Err()
	})
	return mine, err
}

// ReleaseShards gives holder's shards up at once (a clean shutdown).
func (s *Monitors) ReleaseShards(ctx context.Context, holder string) error {
	return s.db.writeUncounted(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `UPDATE monitor_shards SET lease_until = $1 WHERE owner = $2`, time.Unix(0, 0).UTC(), holder)
		if err == nil {
			_, err = tx.ExecContext(ctx, `DELETE FROM monitor_holders WHERE holder = $1`, holder)
		}
		return err
	})
}

// LoadMonitors returns the monitors of the given shards with their state
// and their maintenance windows that have not ended.
func (s *Monitors) LoadMonitors(ctx context.Context, shardsOf []int, shards int) ([]*hitori.Monitor, []*hitori.MonitorState, error) {
	if len(shardsOf) == 0 {
		return nil, nil, nil
	}
	in := make([]string, len(shardsOf))
	for i, n := range shardsOf {
		in[i] = strconv.Itoa(n)
	}
	cond := ` WHERE m.id % ` + strconv.Itoa(shards) + ` IN (` + strings.Join(in, ",") + `)`
	rows, err := s.db.r.QueryContext(ctx, `SELECT `+monitorColumns+`, `+stateColumns+monitorFrom+cond+` ORDER BY m.id`)
	if err != nil {
		return nil, nil, fmt.Errorf("sqlstore: load monitors: %w", err)
	}
	defer rows.Close()
	var ms []*hitori.Monitor
	var sts []*hitori.MonitorState
	byID := map[int64]*hitori.Monitor{}
	for rows.Next() {
		m, st, err := scanMonitor(rows)
		if err != nil {
			return nil, nil, err
		}
		ms, sts, byID[m.ID] = append(ms, m), append(sts, st), m
	}
	if err := rows.Err(); err != nil {
		return nil, nil, err
	}
	wr, err := s.db.r.QueryContext(ctx, `SELECT w.monitor_id, w.id, w.starts_at, w.ends_at, w.note
		FROM monitor_windows w JOIN monitors m ON m.id = w.monitor_id`+cond+` AND w.ends_at > $1`, s.db.now())
	if err != nil {
		return nil, nil, fmt.Errorf("sqlstore: load monitor windows: %w", err)
	}
	defer wr.Close()
	for wr.Next() {
		var id int64
		var w hitori.MaintenanceWindow
		if err := wr.Scan(&id, &w.ID, &w.Starts, &w.Ends, &w.Note); err != nil {
			return nil, nil, err
		}
		if m := byID[id]; m != nil {
			w.Starts, w.Ends = w.Starts.UTC(), w.Ends.UTC()
			m.Windows = append(m.Windows, w)
		}
	}
	if err := wr.Err(); err != nil {
		return nil, nil, err
	}
	return ms, sts, s.db.Incidents().loadRecurring(ctx, byID)
}

// MonitorsVersion changes whenever a monitor is created, changed or deleted.
func (s *Monitors) MonitorsVersion(ctx context.Context) (string, error) {
	var n int64
	var last, deleted sql.NullTime
	// Separate statements: SQLite returns an aggregate's time as text.
	for _, q := range []struct {
		sql  string
		dest any
	}{
		{`SELECT COUNT(*) FROM monitors`, &n},
		{`SELECT updated_at FROM monitors ORDER BY updated_at DESC LIMIT 1`, &last},
		{`SELECT done_until FROM monitor_rollup_marks WHERE period = 'deleted'`, &deleted},
	} {
		if err := s.db.r.QueryRowContext(ctx, q.sql).Scan(q.dest); err != nil && err != sql.ErrNoRows {
			return "", fmt.Errorf("sqlstore: monitors version: %w", err)
		}
	}
	return fmt.Sprintf("%d/%d/%d", n, last.Time.UnixNano(), deleted.Time.UnixNano()), nil
}

// row is one row of placeholders for a multi-row INSERT after n
// arguments: anonymous "?" on SQLite, whose driver looks numbered
// parameters up one by one (quadratic in a 2,000-parameter statement,
// half the CPU of a batch), "$n" on PostgreSQL.
func (db *DB) row(n, cols int) string {
	var b strings.Builder
	b.WriteByte('(')
	for i := range cols {
		if i > 0 {
			b.WriteString(", ")
		}
		if db.Dialect == SQLite {
			b.WriteByte('?')
		} else {
			b.WriteString("$" + strconv.Itoa(n+i+1))
		}
	}
	b.WriteByte(')')
	return b.String()
}

// rowsPerInsert keeps multi-row statements under both databases'
// parameter limits.
const rowsPerInsert = 400

// SaveResults stores results, states and state changes in one transaction
// with multi-row statements: one commit per batch, not per check.
func (s *Monitors) SaveResults(ctx context.Context, results []*hitori.CheckResult, states []*hitori.MonitorState, events []*hitori.MonitorEvent) error {
	return s.db.write(ctx, func(tx *sql.Tx) error {
		for chunk := range slices.Chunk(results, rowsPerInsert) {
			var b strings.Builder
			args := make([]any, 0, 5*len(chunk))
			b.WriteString(`INSERT INTO monitor_results (monitor_id, at, ok, latency_us, message) VALUES `)
			for i, r := range chunk {
				if i > 0 {
					b.WriteString(", ")
				}
				b.WriteString(s.db.row(len(args), 5))
				args = append(args, r.MonitorID, r.At.UTC().Truncate(time.Microsecond), r.OK, r.Latency.Microseconds(), clip(r.Message))
			}
			if _, err := tx.ExecContext(ctx, b.String(), args...); err != nil {
				return fmt.Errorf("sqlstore: save results: %w", err)
			}
		}
		for chunk := range slices.Chunk(states, rowsPerInsert) {
			var b strings.Builder
			args := make([]any, 0, 8*len(chunk))
			b.WriteString(`INSERT INTO monitor_states (monitor_id, status, since, failures, last_at, last_ok, last_us, last_msg) VALUES `)
			for i, st := range chunk {
				if i > 0 {
					b.WriteString(", ")
				}
				b.WriteString(s.db.row(len(args), 8))
				var at any
				ok, us, msg := false, int64(0), ""
				if l := st.Last; l != nil {
					at, ok, us, msg = l.At.UTC().Truncate(time.Microsecond), l.OK, l.Latency.Microseconds(), clip(l.Message)
				}
				args = append(args, st.MonitorID, string(st.Status), st.Since.UTC().Truncate(time.Microsecond), st.Failures, at, ok, us, msg)
			}
			b.WriteString(` ON CONFLICT (monitor_id) DO UPDATE SET status = excluded.status, since = excluded.since,
				failures = excluded.failures, last_at = excluded.last_at, last_ok = excluded.last_ok,
				last_us = excluded.last_us, last_msg = excluded.last_msg`)
			if _, err := tx.ExecContext(ctx, b.String(), args...); err != nil {
				return fmt.Errorf("sqlstore: save monitor states: %w", err)
			}
		}
		for _, e := range events {
			err := tx.QueryRowContext(ctx, `INSERT INTO monitor_events (monitor_id, at, from_status, to_status, message)
				VALUES ($1, $2, $3, $4, $5) RETURNING id`, e.MonitorID, e.At.UTC().Truncate(time.Microsecond),
				string(e.From), string(e.To), clip(e.Message)).Scan(&e.ID)
			if err != nil {
				return fmt.Errorf("sqlstore: save monitor event: %w", err)
			}
		}
		// The incidents the changes open or move, in the same transaction.
		return incidentsOnEvents(ctx, tx, s.db.now(), events, states)
	})
}

// clip keeps a result's message within its stored limit, on a rune boundary.
func clip(s string) string {
	if len(s) <= hitori.MonitorMessageMax {
		return s
	}
	return strings.ToValidUTF8(s[:hitori.MonitorMessageMax], "")
}
