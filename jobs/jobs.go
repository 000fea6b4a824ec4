// Package jobs runs hitori's background work: durable jobs stored in the
// database, claimed in batches under leases, run by a bounded worker pool,
// retried with backoff and moved to a visible failed state; and recurring
// schedules that enqueue jobs.
//
// Delivery is at least once. A lease fences each run — a process whose
// lease was taken over cannot record a result, and a live process renews
// its leases so nobody takes over a job while it runs — but a process that
// dies after a handler's effect and before the job is marked done leaves
// the job to run again. Handlers must therefore be idempotent (an INSERT …
// ON CONFLICT DO NOTHING keyed by the job ID, a Message-ID checked before
// sending).
package jobs

import (
	"context"
	"errors"
	"time"

	"hitori"
)

// Store is what the engine needs from the database; sqlstore.Jobs has it.
// Absolute times come from the store's clock: the engine passes durations.
type Store interface {
	Claim(ctx context.Context, owner string, kinds []string, n int, lease time.Duration) ([]*hitori.Job, error)
	Extend(ctx context.Context, owner string, lease time.Duration) ([]int64, error)
	Complete(ctx context.Context, owner string, ids ...int64) error
	Requeue(ctx context.Context, id int64, owner string, delay time.Duration, lastErr string) error
	Fail(ctx context.Context, id int64, owner string, lastErr string) error
	Release(ctx context.Context, owner string) (int, error)
	Reap(ctx context.Context) (int, error)
	Purge(ctx context.Context, keep time.Duration, limit int) (int, error)
	NextRunAt(ctx context.Context, kinds []string) (time.Time, bool, error)
	PutSchedule(ctx context.Context, s *hitori.Schedule) error
	DueSchedules(ctx context.Context) ([]*hitori.Schedule, error)
	FireSchedule(ctx context.Context, name string, next time.Time) (bool, error)
}

// Handler runs one job. Returning nil marks it done; an error retries it
// after a backoff until its attempts run out, and a Permanent error fails
// it at once. ctx ends at the job's timeout or when the engine stops.
type Handler func(ctx context.Context, j *hitori.Job) error

type permanent struct{ err error }

func (p permanent) Error() string { return p.err.Error() }
func (p permanent) Unwrap() error { return p.err }

// Permanent marks err as one a retry cannot fix (a malformed payload, a
// deleted item): the job fails at once.
func Permanent(err error) error {
	if err == nil {
		return nil
	}
	return permanent{err}
}

// IsPermanent tells whether err was marked with Permanent.
func IsPermanent(err error) bool {
	var p permanent
	return errors.As(err, &p)
}
