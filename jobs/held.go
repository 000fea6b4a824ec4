package jobs

import (
	"context"
	"time"

	"hitori"
)

// held is a job this process has claimed: waiting in the buffer for a
// worker (cancel is nil) or running. Times are this process's monotonic
// clock, not the database's: they only measure how long since a lease was
// taken or renewed.
type held struct {
	claimed time.Time          // just before the claim: renewals begun earlier cannot have seen the job
	until   time.Time          // the lease as last renewed: a waiting job past it may be another's now
	lost    bool               // a renewal found the job taken: it must not start
	cancel  context.CancelFunc // nil while waiting
}

// hold records freshly claimed jobs before they reach a worker.
func (e *Engine) hold(jobs []*hitori.Job, claimed time.Time) {
	e.mu.Lock()
	defer e.mu.Unlock()
	for _, j := range jobs {
		e.held[j.ID] = &held{claimed: claimed, until: claimed.Add(e.cfg.Lease)}
	}
}

// begin moves a waiting job to running and returns its context, or false
// when its lease may have passed to another process: running it could
// then overlap that process's run.
func (e *Engine) begin(base context.Context, j *hitori.Job) (context.Context, bool) {
	e.mu.Lock()
	defer e.mu.Unlock()
	h := e.held[j.ID]
	if h == nil || h.lost || time.Now().After(h.until) {
		delete(e.held, j.ID)
		return nil, false
	}
	ctx, cancel := context.WithTimeout(base, e.cfg.Timeout)
	h.cancel = cancel
	return ctx, true
}

// end forgets a job whose run ended.
func (e *Engine) end(id int64) {
	e.mu.Lock()
	defer e.mu.Unlock()
	if h := e.held[id]; h != nil && h.cancel != nil {
		h.cancel()
	}
	delete(e.held, id)
}

// renewed applies a lease renewal begun at start that returned the IDs
// still ours: those get a new deadline; any other job claimed before start
// was taken from us, so a running one is stopped and a waiting one never
// starts. Jobs claimed after start are left alone — the renewal could not
// see them.
func (e *Engine) renewed(start time.Time, ids []int64) {
	ours := make(map[int64]bool, len(ids))
	for _, id := range ids {
		ours[id] = true
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	for id, h := range e.held {
		switch {
		case ours[id]:
			h.until = start.Add(e.cfg.Lease)
		case !h.claimed.Before(start) || h.lost:
		case h.cancel != nil:
			e.cfg.Logger.Warn("jobs: lease lost; stopping job", "id", id)
			h.lost = true
			h.cancel()
		default:
			e.cfg.Logger.Warn("jobs: lease lost before the job started; dropping it", "id", id)
			h.lost = true
		}
	}
}
