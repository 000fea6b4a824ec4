package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

// Every end of a run names the lease owner: a process whose lease ran out
// and whose job another process took cannot overwrite that run's result.

// Complete marks owner's running jobs done, many in one transaction: the
// engine gathers jobs that finished while the previous write committed
// (group commit), which is what lets it outrun one commit per job.
func (s *Jobs) Complete(ctx context.Context, owner string, ids ...int64) error {
	now := s.db.now()
	err := s.db.write(ctx, func(tx *sql.Tx) error {
		for len(ids) > 0 {
			chunk := ids[:min(len(ids), 500)]
			ids = ids[len(chunk):]
			args := []any{now, owner}
			for _, id := range chunk {
				args = append(args, id)
			}
			if _, err := tx.ExecContext(ctx, `UPDATE jobs SET state = 'done', finished_at = $1, last_error = '',
				lease_owner = '', lease_until = NULL WHERE lease_owner = $2 AND state = 'running' AND id IN (`+
				placeholders(3, len(chunk))+`)`, args...); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("sqlstore: complete jobs: %w", err)
	}
	return nil
}

// Requeue puts owner's running job back in the queue to run after delay,
// keeping the error that made it fail.
func (s *Jobs) Requeue(ctx context.Context, id int64, owner string, delay time.Duration, lastErr string) error {
	now := s.db.now()
	return s.finish(ctx, "requeue", `UPDATE jobs SET state = 'queued', run_at = $1, last_error = $2,
		lease_owner = '', lease_until = NULL WHERE id = $3 AND lease_owner = $4 AND state = 'running'`,
		now.Add(delay), truncate(lastErr, 2000), id, owner)
}

// Fail moves owner's running job to the failed state for an administrator to see.
func (s *Jobs) Fail(ctx context.Context, id int64, owner string, lastErr string) error {
	return s.finish(ctx, "fail", `UPDATE jobs SET state = 'failed', finished_at = $1, last_error = $2,
		lease_owner = '', lease_until = NULL WHERE id = $3 AND lease_owner = $4 AND state = 'running'`,
		s.db.now(), truncate(lastErr, 2000), id, owner)
}

func (s *Jobs) finish(ctx context.Context, what, q string, args ...any) error {
	err := s.db.write(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, q, args...)
		return err
	})
	if err != nil {
		return fmt.Errorf("sqlstore: %s job: %w", what, err)
	}
	return nil
}

// Release hands owner's running jobs back to the queue at once, for a
// process that stops before they finish. The interrupted attempt is not
// counted against the job.
func (s *Jobs) Release(ctx context.Context, owner string) (int, error) {
	return s.count(ctx, "release", `UPDATE jobs SET state = 'queued', run_at = $1, attempts = attempts - 1,
		lease_owner = '', lease_until = NULL WHERE state = 'running' AND lease_owner = $2`, s.db.now(), owner)
}

// Reap requeues running jobs whose lease ran out (their process died), or
// fails them when that was their last attempt: a job that kills its worker
// every time must not be retried forever.
func (s *Jobs) Reap(ctx context.Context) (int, error) {
	now := s.db.now()
	return s.count(ctx, "reap", `UPDATE jobs SET
		state = CASE WHEN attempts >= max_attempts THEN 'failed' ELSE 'queued' END,
		finished_at = CASE WHEN attempts >= max_attempts THEN $1 END,
		last_error = 'lease of ' || lease_owner || ' expired: the process stopped or hung',
		lease_owner = '', lease_until = NULL
		WHERE state = 'running' AND lease_until < $1`, now)
}

// Purge deletes done and cancelled jobs that finished more than keep ago,
// at most limit of them, and returns how many it deleted.
func (s *Jobs) Purge(ctx context.Context, keep time.Duration, limit int) (int, error) {
	return s.count(ctx, "purge", `DELETE FROM jobs WHERE id IN (SELECT id FROM jobs
		WHERE state IN ('done', 'cancelled') AND finished_at < $1 LIMIT $2)`, s.db.now().Add(-keep), limit)
}

func (s *Jobs) count(ctx context.Context, what, q string, args ...any) (int, error) {
	var n int64
	err := s.db.writeUncounted(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, q, args...)
		if err != nil {
			return err
		}
		n, err = res.RowsAffected()
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("sqlstore: %s jobs: %w", what, err)
	}
	return int(n), nil
}
