package jobs

import (
	"context"
	"time"
)

// heartbeat renews this process's leases — of running jobs and of claimed
// ones waiting in the buffer — every third of a lease until stop closes,
// and stops or drops jobs that were taken from it (after a pause long
// enough for the lease to run out and another process to claim).
func (e *Engine) heartbeat(stop <-chan struct{}) {
	t := time.NewTicker(e.cfg.Lease / 3)
	defer t.Stop()
	for {
		select {
		case <-stop:
			return
		case <-t.C:
		}
		start := time.Now()
		ctx, cancel := context.WithTimeout(context.Background(), e.cfg.Lease/3)
		ids, err := e.store.Extend(ctx, e.cfg.Owner, e.cfg.Lease)
		cancel()
		if err != nil {
			e.cfg.Logger.Error("jobs: renew leases", "err", err)
			continue
		}
		e.renewed(start, ids)
	}
}

// maintain, every Poll until ctx ends, requeues jobs of dead processes and
// fires due schedules; every minute it deletes old done jobs.
func (e *Engine) maintain(ctx context.Context) {
	t := time.NewTicker(e.cfg.Poll)
	defer t.Stop()
	var lastPurge time.Time
	for {
		if n, err := e.store.Reap(ctx); err != nil && ctx.Err() == nil {
			e.cfg.Logger.Error("jobs: reap", "err", err)
		} else if n > 0 {
			e.cfg.Logger.Warn("jobs: requeued jobs of a stopped process", "n", n)
			e.Wake()
		}
		e.fireSchedules(ctx)
		if now := e.cfg.Now(); now.Sub(lastPurge) >= time.Minute {
			lastPurge = now
			e.purge(ctx)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// fireSchedules enqueues the jobs of due schedules.
func (e *Engine) fireSchedules(ctx context.Context) {
	due, err := e.store.DueSchedules(ctx)
	if err != nil {
		if ctx.Err() == nil {
			e.cfg.Logger.Error("jobs: due schedules", "err", err)
		}
		return
	}
	for _, s := range due {
		spec, err := ParseSpec(s.Spec)
		if err != nil {
			e.cfg.Logger.Error("jobs: schedule has a bad spec; not run", "name", s.Name, "err", err)
			continue
		}
		// Runs missed while no process was up are not caught up one by one:
		// the next run is the first one after now.
		next := spec.Next(e.cfg.Now(), e.cfg.Location, e.cfg.Calendar)
		if fired, err := e.store.FireSchedule(ctx, s.Name, next); err != nil {
			e.cfg.Logger.Error("jobs: fire schedule", "name", s.Name, "err", err)
		} else if fired {
			e.Wake()
		}
	}
}

// purge deletes done jobs past the retention window in bounded batches, so
// one purge never holds the writer for long.
func (e *Engine) purge(ctx context.Context) {
	const batch = 1000
	for ctx.Err() == nil {
		n, err := e.store.Purge(ctx, e.cfg.Retention, batch)
		if err != nil {
			e.cfg.Logger.Error("jobs: purge", "err", err)
			return
		}
		if n < batch {
			return
		}
	}
}
