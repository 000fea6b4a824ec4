package jobs

import (
	"context"
	"sync"
	"time"
)

// completer records successful jobs as done in batches: one UPDATE … WHERE
// id IN (…) for the jobs that finished within a few milliseconds of each
// other, instead of one commit per job. Without the pause a fast commit
// (SQLite's, a few hundred microseconds) found only two or three jobs
// waiting, and the writes competed with claims for the one writer.
type completer struct {
	mu      sync.Mutex
	pending []int64
	kick    chan struct{} // the first job of a batch is waiting
	full    chan struct{} // a whole batch is waiting: write without the pause
}

const (
	completeLinger = 5 * time.Millisecond // how long the first done job waits for others
	completeBatch  = 256                  // jobs that are written at once without waiting
)

func newCompleter() *completer {
	return &completer{kick: make(chan struct{}, 1), full: make(chan struct{}, 1)}
}

// add queues a finished job's ID for the next write.
func (c *completer) add(id int64) {
	c.mu.Lock()
	c.pending = append(c.pending, id)
	n := len(c.pending)
	c.mu.Unlock()
	ch := c.kick
	if n >= completeBatch {
		ch = c.full
	}
	select {
	case ch <- struct{}{}:
	default:
	}
}

func (c *completer) take() []int64 {
	c.mu.Lock()
	defer c.mu.Unlock()
	ids := c.pending
	c.pending = nil
	return ids
}

// runCompleter writes batches until stop closes, then writes what is left
// (Run stops it before releasing leases, so no finished job is requeued).
func (e *Engine) runCompleter(stop <-chan struct{}) {
	flush := func() {
		ids := e.done.take()
		if len(ids) == 0 {
			return
		}
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		if err := e.store.Complete(ctx, e.cfg.Owner, ids...); err != nil {
			// The leases run out and the jobs run again: at least once.
			e.cfg.Logger.Error("jobs: record done", "n", len(ids), "err", err)
		}
	}
	linger := time.NewTimer(time.Hour)
	linger.Stop()
	for {
		select {
		case <-stop:
			flush()
			return
		case <-e.done.kick:
		case <-e.done.full:
		}
		linger.Reset(completeLinger)
		select {
		case <-stop:
		case <-e.done.full:
		case <-linger.C:
		}
		linger.Stop()
		flush()
	}
}
