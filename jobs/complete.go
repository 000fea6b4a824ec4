package jobs

import (
	"context"
	"sync"
	"time"
)

// completer records successful jobs as done in batches: while one write
// commits, the jobs that finish meanwhile gather for the next. An idle
// engine writes each at once; a busy one writes one transaction for many,
// instead of one commit per job.
type completer struct {
	mu      sync.Mutex
	pending []int64
	kick    chan struct{}
}

func newCompleter() *completer { return &completer{kick: make(chan struct{}, 1)} }

// add queues a finished job's ID for the next write.
func (c *completer) add(id int64) {
	c.mu.Lock()
	c.pending = append(c.pending, id)
	c.mu.Unlock()
	select {
	case c.kick <- struct{}{}:
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

// run writes batches until stop closes, then writes what is left.
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
	for {
		select {
		case <-stop:
			flush()
			return
		case <-e.done.kick:
			flush()
		}
	}
}
