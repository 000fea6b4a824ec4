package jobs

import (
	"context"
	"time"

	"hitori"
)

// dispatch claims jobs ahead into queue, a buffer the workers take from,
// until ctx ends. One claim transaction fills the buffer (to fill's target,
// at most Batch jobs) and the next is made only when it is half empty, so a
// busy engine spends one write on many jobs instead of one per free
// worker. The claimed jobs are leased to this process while they wait: the
// heartbeat renews them and Run releases the ones never started.
//
// When the due jobs run out it sleeps: for Gather after a claim that found
// some (more are arriving; the pause lets several gather for one claim
// instead of a claim and a query per job), or until the next queued job's
// run time, a wake-up or Poll after a claim that found none.
func (e *Engine) dispatch(ctx context.Context, queue chan *hitori.Job, f *fill) {
	kinds := e.kinds()
	timer := time.NewTimer(0)
	defer timer.Stop()
	for ctx.Err() == nil {
		size := f.target()
		if len(queue) > size/2 {
			select {
			case <-ctx.Done():
			case <-e.taken:
			}
			continue
		}
		n := size - len(queue)
		claimed := time.Now()
		jobs, err := e.store.Claim(ctx, e.cfg.Owner, kinds, n, e.cfg.Lease)
		if err != nil && ctx.Err() == nil {
			e.cfg.Logger.Error("jobs: claim", "err", err)
		}
		e.hold(jobs, claimed)
		for _, j := range jobs {
			queue <- j // never blocks: only dispatch sends, and n had room
		}
		var wait time.Duration
		switch {
		case err == nil && len(jobs) == n:
			continue // more may be due: claim again once the buffer drains
		case err == nil && len(jobs) > 0:
			wait = e.cfg.Gather
		default:
			wait = e.idleWait(ctx, kinds, err)
		}
		timer.Reset(wait)
		select {
		case <-ctx.Done():
		case <-e.wake:
		case <-timer.C:
		}
		if !timer.Stop() {
			select {
			case <-timer.C:
			default:
			}
		}
	}
}

// idleWait is how long to sleep after a claim found nothing due: one query
// per idle spell, not one per job.
func (e *Engine) idleWait(ctx context.Context, kinds []string, claimErr error) time.Duration {
	if claimErr != nil {
		return e.cfg.Poll
	}
	next, ok, err := e.store.NextRunAt(ctx, kinds)
	if err != nil || !ok {
		return e.cfg.Poll
	}
	return min(max(next.Sub(e.cfg.Now()), time.Millisecond), e.cfg.Poll)
}
