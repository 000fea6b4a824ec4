package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"hitori"
)

// PutSchedule adds a schedule or updates the one of that name. NextRun is
// kept when the spec is unchanged, so a process restarting and declaring
// its schedules again neither delays nor repeats a run; Enabled is kept
// too, as an administrator may have turned the schedule off.
func (s *Jobs) PutSchedule(ctx context.Context, sc *hitori.Schedule) error {
	err := s.db.write(ctx, func(tx *sql.Tx) error {
		return tx.QueryRowContext(ctx, `INSERT INTO job_schedules (name, kind, payload, spec, next_run, enabled)
			VALUES ($1, $2, $3, $4, $5, $6)
			ON CONFLICT (name) DO UPDATE SET kind = excluded.kind, payload = excluded.payload, spec = excluded.spec,
				next_run = CASE WHEN job_schedules.spec = excluded.spec THEN job_schedules.next_run ELSE excluded.next_run END
			RETURNING id, next_run, enabled`,
			sc.Name, sc.Kind, sc.Payload, sc.Spec, sc.NextRun.UTC().Truncate(time.Microsecond), sc.Enabled).
			Scan(&sc.ID, &sc.NextRun, &sc.Enabled)
	})
	if err != nil {
		return fmt.Errorf("sqlstore: put schedule %s: %w", sc.Name, err)
	}
	sc.NextRun = sc.NextRun.UTC()
	return nil
}

// SetScheduleEnabled turns a schedule on or off.
func (s *Jobs) SetScheduleEnabled(ctx context.Context, name string, on bool) error {
	n, err := s.count(ctx, "enable schedule", `UPDATE job_schedules SET enabled = $1 WHERE name = $2`, on, name)
	if err == nil && n == 0 {
		return hitori.Errorf(hitori.ENOTFOUND, "schedule %s not found", name)
	}
	return err
}

// scheduleColumns is what scanSchedule reads, with the latest job joined as j.
const scheduleColumns = `s.id, s.name, s.kind, s.payload, s.spec, s.next_run, s.last_run, s.enabled,
	COALESCE(s.last_job_id, 0), COALESCE(j.state, ''), COALESCE(j.last_error, '')`

func (s *Jobs) schedules(ctx context.Context, where string, args ...any) ([]*hitori.Schedule, error) {
	rows, err := s.db.r.QueryContext(ctx, `SELECT `+scheduleColumns+` FROM job_schedules s
		LEFT JOIN jobs j ON j.id = s.last_job_id `+where+` ORDER BY s.name`, args...)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: list schedules: %w", err)
	}
	defer rows.Close()
	var out []*hitori.Schedule
	for rows.Next() {
		var sc hitori.Schedule
		var last sql.NullTime
		if err := rows.Scan(&sc.ID, &sc.Name, &sc.Kind, &sc.Payload, &sc.Spec, &sc.NextRun, &last, &sc.Enabled,
			&sc.LastJobID, &sc.LastState, &sc.LastError); err != nil {
			return nil, fmt.Errorf("sqlstore: list schedules: %w", err)
		}
		sc.NextRun, sc.LastRun = sc.NextRun.UTC(), utcOrZero(last)
		out = append(out, &sc)
	}
	return out, rows.Err()
}

// Schedules lists every schedule with the state and error of its latest job.
func (s *Jobs) Schedules(ctx context.Context) ([]*hitori.Schedule, error) {
	return s.schedules(ctx, ``)
}

// DueSchedules lists the enabled schedules whose next run has come.
func (s *Jobs) DueSchedules(ctx context.Context) ([]*hitori.Schedule, error) {
	return s.schedules(ctx, `WHERE s.enabled AND s.next_run <= $1`, s.db.now())
}

// FireSchedule enqueues a due schedule's job and moves its next run to next,
// in one transaction. The UPDATE is the claim: it matches only while the
// schedule is still due, so of two processes firing it at once exactly one
// enqueues. The job's unique key is the schedule's name, so a run still
// waiting or running is not joined by another. It reports whether this
// call fired the schedule.
func (s *Jobs) FireSchedule(ctx context.Context, name string, next time.Time) (bool, error) {
	now := s.db.now()
	fired := false
	err := s.db.write(ctx, func(tx *sql.Tx) error {
		var sc hitori.Schedule
		err := tx.QueryRowContext(ctx, `UPDATE job_schedules SET next_run = $1, last_run = $2
			WHERE name = $3 AND enabled AND next_run <= $2 RETURNING kind, payload`,
			next.UTC().Truncate(time.Microsecond), now, name).Scan(&sc.Kind, &sc.Payload)
		if errors.Is(err, sql.ErrNoRows) {
			return nil // another process fired it, or it was turned off
		} else if err != nil {
			return err
		}
		j := &hitori.Job{Kind: sc.Kind, Payload: sc.Payload, UniqueKey: "schedule:" + name}
		if err := enqueueTx(ctx, tx, now, j); err != nil {
			return err
		}
		fired = true
		_, err = tx.ExecContext(ctx, `UPDATE job_schedules SET last_job_id = $1 WHERE name = $2`, j.ID, name)
		return err
	})
	if err != nil {
		return false, fmt.Errorf("sqlstore: fire schedule %s: %w", name, err)
	}
	return fired, nil
}
