package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"hitori"
)

// List returns a page of jobs in one state: queued ones in the order they
// will run, the others newest first.
func (s *Jobs) List(ctx context.Context, f hitori.JobFilter) ([]*hitori.Job, error) {
	if f.Limit <= 0 || f.Limit > 500 {
		f.Limit = 50
	}
	order := `id DESC`
	if f.State == hitori.JobQueued {
		order = `run_at, id`
	}
	rows, err := s.db.r.QueryContext(ctx, `SELECT `+jobColumns+` FROM jobs
		WHERE state = $1 AND ($2 = '' OR kind = $2) ORDER BY `+order+` LIMIT $3 OFFSET $4`,
		f.State, f.Kind, f.Limit, f.Offset)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: list jobs: %w", err)
	}
	defer rows.Close()
	var jobs []*hitori.Job
	for rows.Next() {
		j, err := scanJob(rows)
		if err != nil {
			return nil, fmt.Errorf("sqlstore: list jobs: %w", err)
		}
		jobs = append(jobs, j)
	}
	return jobs, rows.Err()
}

// Counts returns how many jobs there are of each kind in each state.
func (s *Jobs) Counts(ctx context.Context) ([]hitori.JobCount, error) {
	rows, err := s.db.r.QueryContext(ctx, `SELECT kind, state, COUNT(*) FROM jobs GROUP BY kind, state ORDER BY kind, state`)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: count jobs: %w", err)
	}
	defer rows.Close()
	var out []hitori.JobCount
	for rows.Next() {
		var c hitori.JobCount
		if err := rows.Scan(&c.Kind, &c.State, &c.N); err != nil {
			return nil, fmt.Errorf("sqlstore: count jobs: %w", err)
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// Retry sends a failed or cancelled job back to the queue to run now, with
// its attempts reset. ECONFLICT if it is in another state or its unique
// key is held by another waiting job.
func (s *Jobs) Retry(ctx context.Context, id int64) error {
	return s.adminSet(ctx, "retry", id, `UPDATE jobs SET state = 'queued', run_at = $1, attempts = 0,
		finished_at = NULL WHERE id = $2 AND state IN ('failed', 'cancelled')`)
}

// Cancel stops a queued job from running. ECONFLICT if it is not queued:
// a running job cannot be taken back from its handler.
func (s *Jobs) Cancel(ctx context.Context, id int64) error {
	return s.adminSet(ctx, "cancel", id, `UPDATE jobs SET state = 'cancelled', finished_at = $1
		WHERE id = $2 AND state = 'queued'`)
}

func (s *Jobs) adminSet(ctx context.Context, what string, id int64, q string) error {
	from, done := "failed or cancelled", "retried"
	if what == "cancel" {
		from, done = "queued", "cancelled"
	}
	err := s.db.write(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, q, s.db.now(), id)
		if err != nil && isUniqueViolation(err) {
			return hitori.Errorf(hitori.ECONFLICT, "another job with the same unique key is waiting")
		} else if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil || n == 1 {
			return err
		}
		var state hitori.JobState
		err = tx.QueryRowContext(ctx, `SELECT state FROM jobs WHERE id = $1`, id).Scan(&state)
		if errors.Is(err, sql.ErrNoRows) {
			return hitori.Errorf(hitori.ENOTFOUND, "job %d not found", id)
		} else if err != nil {
			return err
		}
		return hitori.Errorf(hitori.ECONFLICT, "job %d is %s: only %s jobs can be %s", id, state, from, done)
	})
	if err != nil {
		return fmt.Errorf("sqlstore: %s job: %w", what, err)
	}
	return nil
}
