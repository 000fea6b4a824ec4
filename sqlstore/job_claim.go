package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"hitori"
)

// Claim leases up to n due queued jobs of the given kinds to owner for
// lease, counting an attempt on each. Only kinds the caller can run are
// claimed, so processes of different versions may share a database.
func (s *Jobs) Claim(ctx context.Context, owner string, kinds []string, n int, lease time.Duration) ([]*hitori.Job, error) {
	if n <= 0 || len(kinds) == 0 {
		return nil, nil
	}
	now := s.db.now()
	args := []any{owner, now.Add(lease), now, n}
	for _, k := range kinds {
		args = append(args, k)
	}
	q := fmt.Sprintf(claimJobsSQL(s.db.Dialect), placeholders(5, len(kinds)))
	var jobs []*hitori.Job
	err := s.db.writeUncounted(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, q, args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			j, err := scanJob(rows)
			if err != nil {
				return err
			}
			jobs = append(jobs, j)
		}
		return rows.Err()
	})
	if err != nil {
		return nil, fmt.Errorf("sqlstore: claim jobs: %w", err)
	}
	return jobs, nil
}

// Extend renews owner's leases on its running jobs and returns their IDs;
// a job missing from the answer was taken from owner, whose handler should stop.
func (s *Jobs) Extend(ctx context.Context, owner string, lease time.Duration) ([]int64, error) {
	now := s.db.now()
	var ids []int64
	err := s.db.writeUncounted(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `UPDATE jobs SET lease_until = $1
			WHERE state = 'running' AND lease_owner = $2 RETURNING id`, now.Add(lease), owner)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var id int64
			if err := rows.Scan(&id); err != nil {
				return err
			}
			ids = append(ids, id)
		}
		return rows.Err()
	})
	if err != nil {
		return nil, fmt.Errorf("sqlstore: extend leases: %w", err)
	}
	return ids, nil
}

// NextRunAt returns when the earliest queued job of the kinds becomes due,
// or false if none is queued: an idle engine sleeps until then.
func (s *Jobs) NextRunAt(ctx context.Context, kinds []string) (time.Time, bool, error) {
	if len(kinds) == 0 {
		return time.Time{}, false, nil
	}
	args := make([]any, len(kinds))
	for i, k := range kinds {
		args[i] = k
	}
	// ORDER BY … LIMIT 1 rather than MIN(): SQLite returns an aggregate as
	// text, the column as a time.
	var t time.Time
	err := s.db.r.QueryRowContext(ctx, `SELECT run_at FROM jobs WHERE state = 'queued' AND kind IN (`+
		placeholders(1, len(kinds))+`) ORDER BY run_at LIMIT 1`, args...).Scan(&t)
	if errors.Is(err, sql.ErrNoRows) {
		return time.Time{}, false, nil
	} else if err != nil {
		return time.Time{}, false, fmt.Errorf("sqlstore: next job: %w", err)
	}
	return t.UTC(), true, nil
}
