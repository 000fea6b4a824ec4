package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"hitori"
)

// Jobs stores the job engine's jobs and schedules (package jobs).
//
// Another store method enqueues a job in its own transaction — the outbox:
// the job commits with the change that caused it, or neither does:
//
//	err := db.write(ctx, func(tx *sql.Tx) error {
//		// … the method's own writes …
//		return enqueueTx(ctx, tx, db.now(), &hitori.Job{Kind: "mail.send", Payload: p})
//	})
type Jobs struct{ db *DB }

// Jobs returns the job store.
func (db *DB) Jobs() *Jobs { return &Jobs{db: db} }

// jobColumns is what scanJob reads, in order.
const jobColumns = `id, kind, payload, COALESCE(unique_key, ''), state, run_at, attempts, max_attempts,
	last_error, lease_owner, lease_until, created_at, started_at, finished_at`

type rowScanner interface{ Scan(dest ...any) error }

func scanJob(r rowScanner) (*hitori.Job, error) {
	var j hitori.Job
	var lease, started, finished sql.NullTime
	if err := r.Scan(&j.ID, &j.Kind, &j.Payload, &j.UniqueKey, &j.State, &j.RunAt, &j.Attempts, &j.MaxAttempts,
		&j.LastError, &j.LeaseOwner, &lease, &j.CreatedAt, &started, &finished); err != nil {
		return nil, err
	}
	j.RunAt = j.RunAt.UTC()
	j.CreatedAt = j.CreatedAt.UTC()
	j.LeaseUntil, j.StartedAt, j.FinishedAt = utcOrZero(lease), utcOrZero(started), utcOrZero(finished)
	return &j, nil
}

func utcOrZero(t sql.NullTime) time.Time {
	if !t.Valid {
		return time.Time{}
	}
	return t.Time.UTC()
}

// Enqueue stores a new queued job and sets its ID, state and times. A job
// whose UniqueKey is already held by a queued or running job is not added:
// j then gets that job's ID and state.
func (s *Jobs) Enqueue(ctx context.Context, j *hitori.Job) error {
	now := s.db.now()
	err := s.db.write(ctx, func(tx *sql.Tx) error { return enqueueTx(ctx, tx, now, j) })
	if err != nil {
		return fmt.Errorf("sqlstore: enqueue %s: %w", j.Kind, err)
	}
	return nil
}

// enqueueTx is Enqueue inside the caller's transaction (the outbox).
func enqueueTx(ctx context.Context, tx *sql.Tx, now time.Time, j *hitori.Job) error {
	if err := j.Validate(); err != nil {
		return err
	}
	if j.MaxAttempts == 0 {
		j.MaxAttempts = hitori.DefaultJobMaxAttempts
	}
	if j.RunAt.IsZero() {
		j.RunAt = now
	}
	j.RunAt = j.RunAt.UTC().Truncate(time.Microsecond)
	var key any
	if j.UniqueKey != "" {
		key = j.UniqueKey
	}
	err := tx.QueryRowContext(ctx, `INSERT INTO jobs (kind, payload, unique_key, state, run_at, max_attempts, created_at)
		VALUES ($1, $2, $3, 'queued', $4, $5, $6)
		ON CONFLICT (unique_key) WHERE unique_key IS NOT NULL AND state IN ('queued', 'running') DO NOTHING
		RETURNING id`, j.Kind, j.Payload, key, j.RunAt, j.MaxAttempts, now).Scan(&j.ID)
	if errors.Is(err, sql.ErrNoRows) {
		// The key is taken: hand back the job that holds it.
		return tx.QueryRowContext(ctx, `SELECT id, state, run_at FROM jobs
			WHERE unique_key = $1 AND state IN ('queued', 'running')`, j.UniqueKey).Scan(&j.ID, &j.State, &j.RunAt)
	}
	if err != nil {
		return err
	}
	j.State, j.CreatedAt = hitori.JobQueued, now
	return nil
}

// Get returns one job.
func (s *Jobs) Get(ctx context.Context, id int64) (*hitori.Job, error) {
	j, err := scanJob(s.db.r.QueryRowContext(ctx, `SELECT `+jobColumns+` FROM jobs WHERE id = $1`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, hitori.Errorf(hitori.ENOTFOUND, "job %d not found", id)
	}
	if err != nil {
		return nil, fmt.Errorf("sqlstore: get job: %w", err)
	}
	return j, nil
}
