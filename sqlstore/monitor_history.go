package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"time"

	"hitori"
)

// History: raw results for a short window, hourly roll-ups for a month,
// daily roll-ups for two years, state changes for a year. With these the
// rows a monitor can hold are bounded whatever its interval (docs/monitors.md).
const (
	RollupHourKeep = 31 * 24 * time.Hour
	RollupDayKeep  = 2 * 366 * 24 * time.Hour
	EventKeep      = 366 * 24 * time.Hour
	// ResultKeepMin is the shortest raw window: a day's roll-up is made
	// from the raw results of that day, so they must outlive it.
	ResultKeepMin = 26 * time.Hour
	rollupCatchUp = 72 // periods summarised per run at most, so one run stays short
)

// jst is the day boundary of the daily roll-ups: a Japanese day.
var jst = time.FixedZone("JST", 9*3600)

// RecentResults returns a monitor's newest raw results, newest first.
func (s *Monitors) RecentResults(ctx context.Context, id int64, limit int) ([]*hitori.CheckResult, error) {
	if _, err := staffActor(ctx); err != nil {
		return nil, err
	}
	if limit <= 0 || limit > 1000 {
		limit = 100
	}
	rows, err := s.db.r.QueryContext(ctx, `SELECT at, ok, latency_us, message FROM monitor_results
		WHERE monitor_id = $1 ORDER BY at DESC LIMIT $2`, id, limit)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: monitor results: %w", err)
	}
	defer rows.Close()
	var out []*hitori.CheckResult
	for rows.Next() {
		r := &hitori.CheckResult{MonitorID: id}
		var us int64
		if err := rows.Scan(&r.At, &r.OK, &us, &r.Message); err != nil {
			return nil, err
		}
		r.At, r.Latency = r.At.UTC(), time.Duration(us)*time.Microsecond
		out = append(out, r)
	}
	return out, rows.Err()
}

// Rollups returns a monitor's roll-ups of period ("hour", "day") since a time, oldest first.
func (s *Monitors) Rollups(ctx context.Context, id int64, period string, since time.Time) ([]*hitori.MonitorRollup, error) {
	if _, err := staffActor(ctx); err != nil {
		return nil, err
	}
	rows, err := s.db.r.QueryContext(ctx, `SELECT start_at, checks, up, p50_us, p95_us FROM monitor_rollups
		WHERE monitor_id = $1 AND period = $2 AND start_at >= $3 ORDER BY start_at`, id, period, since.UTC())
	if err != nil {
		return nil, fmt.Errorf("sqlstore: monitor rollups: %w", err)
	}
	defer rows.Close()
	var out []*hitori.MonitorRollup
	for rows.Next() {
		r := &hitori.MonitorRollup{MonitorID: id, Period: period}
		var p50, p95 int64
		if err := rows.Scan(&r.Start, &r.Checks, &r.Up, &p50, &p95); err != nil {
			return nil, err
		}
		r.Start, r.P50, r.P95 = r.Start.UTC(), time.Duration(p50)*time.Microsecond, time.Duration(p95)*time.Microsecond
		out = append(out, r)
	}
	return out, rows.Err()
}

// MonitorEvents returns a monitor's newest state changes, newest first.
func (s *Monitors) MonitorEvents(ctx context.Context, id int64, limit int) ([]*hitori.MonitorEvent, error) {
	if _, err := staffActor(ctx); err != nil {
		return nil, err
	}
	if limit <= 0 || limit > 1000 {
		limit = 50
	}
	rows, err := s.db.r.QueryContext(ctx, `SELECT id, at, from_status, to_status, message FROM monitor_events
		WHERE monitor_id = $1 ORDER BY id DESC LIMIT $2`, id, limit)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: monitor events: %w", err)
	}
	defer rows.Close()
	var out []*hitori.MonitorEvent
	for rows.Next() {
		e := &hitori.MonitorEvent{MonitorID: id}
		var from, to string
		if err := rows.Scan(&e.ID, &e.At, &from, &to, &e.Message); err != nil {
			return nil, err
		}
		e.At, e.From, e.To = e.At.UTC(), hitori.MonitorStatus(from), hitori.MonitorStatus(to)
		out = append(out, e)
	}
	return out, rows.Err()
}

// Rollup summarises every finished hour and (Japanese) day not yet
// summarised, then purges what is past its window. Each period is one
// transaction that also moves its mark, so a crash repeats nothing.
func (s *Monitors) Rollup(ctx context.Context, now time.Time, keep time.Duration) error {
	keep = max(keep, ResultKeepMin)
	hour := func(t time.Time) time.Time { return t.UTC().Truncate(time.Hour) }
	day := func(t time.Time) time.Time {
		y, m, d := t.In(jst).Date()
		return time.Date(y, m, d, 0, 0, 0, 0, jst).UTC()
	}
	for _, p := range []struct {
		name  string
		floor func(time.Time) time.Time
		next  func(time.Time) time.Time
	}{
		{"hour", hour, func(t time.Time) time.Time { return t.Add(time.Hour) }},
		{"day", day, func(t time.Time) time.Time { return day(t.Add(36 * time.Hour)) }},
	} {
		if err := s.rollPeriod(ctx, p.name, p.floor, p.next, now); err != nil {
			return err
		}
	}
	return s.purge(ctx, now, keep)
}

func (s *Monitors) rollPeriod(ctx context.Context, period string, floor, next func(time.Time) time.Time, now time.Time) error {
	var mark, first sql.NullTime
	if err := s.db.r.QueryRowContext(ctx, `SELECT done_until FROM monitor_rollup_marks WHERE period = $1`, period).Scan(&mark); err != nil && err != sql.ErrNoRows {
		return fmt.Errorf("sqlstore: rollup mark: %w", err)
	}
	start := mark.Time.UTC()
	if !mark.Valid {
		if err := s.db.r.QueryRowContext(ctx, `SELECT at FROM monitor_results ORDER BY at LIMIT 1`).Scan(&first); err != nil && err != sql.ErrNoRows {
			return fmt.Errorf("sqlstore: first result: %w", err)
		}
		if !first.Valid {
			return nil
		}
		start = floor(first.Time)
	}
	for range rollupCatchUp {
		end := next(start)
		if end.After(now) {
			return nil
		}
		if err := s.rollOne(ctx, period, start, end); err != nil {
			return err
		}
		start = end
	}
	return nil
}

// rollOne summarises [start, end) for every monitor with results in it.
func (s *Monitors) rollOne(ctx context.Context, period string, start, end time.Time) error {
	return s.db.write(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT monitor_id, ok, latency_us FROM monitor_results
			WHERE at >= $1 AND at < $2 ORDER BY monitor_id`, start, end)
		if err != nil {
			return fmt.Errorf("sqlstore: rollup read: %w", err)
		}
		type sum struct {
			id     int64
			checks int
			up     int
			lat    []int64
		}
		var sums []*sum
		for rows.Next() {
			var id, us int64
			var ok bool
			if err := rows.Scan(&id, &ok, &us); err != nil {
				rows.Close()
				return err
			}
			if len(sums) == 0 || sums[len(sums)-1].id != id {
				sums = append(sums, &sum{id: id})
			}
			c := sums[len(sums)-1]
			c.checks++
			if ok {
				c.up++
				c.lat = append(c.lat, us)
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		for _, c := range sums {
			slices.Sort(c.lat)
			_, err := tx.ExecContext(ctx, `INSERT INTO monitor_rollups (monitor_id, period, start_at, checks, up, p50_us, p95_us)
				VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (monitor_id, period, start_at) DO UPDATE SET
				checks = excluded.checks, up = excluded.up, p50_us = excluded.p50_us, p95_us = excluded.p95_us`,
				c.id, period, start, c.checks, c.up, percentile(c.lat, 50), percentile(c.lat, 95))
			if err != nil {
				return fmt.Errorf("sqlstore: rollup write: %w", err)
			}
		}
		_, err = tx.ExecContext(ctx, `INSERT INTO monitor_rollup_marks (period, done_until) VALUES ($1, $2)
			ON CONFLICT (period) DO UPDATE SET done_until = excluded.done_until`, period, end)
		return err
	})
}

// percentile of sorted values (nearest rank); 0 for none.
func percentile(sorted []int64, p int) int64 {
	if len(sorted) == 0 {
		return 0
	}
	i := (len(sorted)*p + 99) / 100
	return sorted[max(i-1, 0)]
}

// purge deletes raw results past keep that are already rolled up into
// days, roll-ups and events past their windows, and orphaned states.
func (s *Monitors) purge(ctx context.Context, now time.Time, keep time.Duration) error {
	return s.db.write(ctx, func(tx *sql.Tx) error {
		var day sql.NullTime
		if err := tx.QueryRowContext(ctx, `SELECT done_until FROM monitor_rollup_marks WHERE period = 'day'`).Scan(&day); err != nil && err != sql.ErrNoRows {
			return err
		}
		cut := now.Add(-keep)
		if day.Valid && day.Time.Before(cut) {
			cut = day.Time // never drop what the daily roll-up has not read
		}
		for _, q := range []struct {
			sql string
			arg any
		}{
			{`DELETE FROM monitor_results WHERE at < $1`, cut},
			{`DELETE FROM monitor_rollups WHERE period = 'hour' AND start_at < $1`, now.Add(-RollupHourKeep)},
			{`DELETE FROM monitor_rollups WHERE period = 'day' AND start_at < $1`, now.Add(-RollupDayKeep)},
			{`DELETE FROM monitor_events WHERE at < $1`, now.Add(-EventKeep)},
			{`DELETE FROM monitor_states WHERE monitor_id NOT IN (SELECT id FROM monitors) AND since < $1`, now.Add(-time.Hour)},
		} {
			if _, err := tx.ExecContext(ctx, q.sql, q.arg); err != nil {
				return fmt.Errorf("sqlstore: monitor purge: %w", err)
			}
		}
		return nil
	})
}

// SizeForBench returns the PostgreSQL size of the monitor tables in bytes
// (bench/monitors).
func (db *DB) SizeForBench(ctx context.Context) (int64, error) {
	var n int64
	err := db.r.QueryRowContext(ctx, `SELECT COALESCE(SUM(pg_total_relation_size(c.oid)), 0) FROM pg_class c
		WHERE c.relname LIKE 'monitor%' AND c.relkind = 'r' AND c.relnamespace = current_schema()::regnamespace`).Scan(&n)
	return n, err
}
