package jobs

import (
	"context"
	"fmt"
	"sync"
	"time"

	"hitori"
)

// dispatch claims as many jobs as there are free workers and starts them,
// until ctx ends. When nothing is due it sleeps until the next queued job's
// run time, a wake-up, or Poll — whichever comes first — so a job due in
// 200 ms starts then, not at the next poll.
func (e *Engine) dispatch(ctx, base context.Context, workers *sync.WaitGroup) {
	kinds := e.kinds()
	sem := make(chan struct{}, e.cfg.Workers)
	timer := time.NewTimer(0)
	defer timer.Stop()
	for ctx.Err() == nil {
		free := e.cfg.Workers - len(sem)
		if free == 0 {
			select {
			case <-ctx.Done():
			case <-e.freed:
			}
			continue
		}
		jobs, err := e.store.Claim(ctx, e.cfg.Owner, kinds, free, e.cfg.Lease)
		if err != nil && ctx.Err() == nil {
			e.cfg.Logger.Error("jobs: claim", "err", err)
		}
		for _, j := range jobs {
			sem <- struct{}{}
			workers.Go(func() {
				e.runJob(base, j)
				<-sem
				select {
				case e.freed <- struct{}{}:
				default:
				}
			})
		}
		if len(jobs) == free && err == nil {
			continue // every slot filled and more may be due: claim again when one frees
		}
		timer.Reset(e.idleWait(ctx, kinds, err))
		select {
		case <-ctx.Done():
		case <-e.wake:
		case <-timer.C:
		case <-e.freed:
			if len(jobs) == 0 {
				// Room was already free and nothing was due: keep sleeping.
				select {
				case <-ctx.Done():
				case <-e.wake:
				case <-timer.C:
				}
			}
		}
		if !timer.Stop() {
			select {
			case <-timer.C:
			default:
			}
		}
	}
}

// idleWait is how long to sleep when fewer jobs were due than workers free.
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

// runJob runs one claimed job and records its result under its lease.
func (e *Engine) runJob(base context.Context, j *hitori.Job) {
	e.mu.Lock()
	h := e.handlers[j.Kind]
	jctx, cancel := context.WithTimeout(base, e.cfg.Timeout)
	e.running[j.ID] = cancel
	e.mu.Unlock()
	start := e.cfg.Now()
	err := call(jctx, h, j)
	took := e.cfg.Now().Sub(start)
	e.mu.Lock()
	delete(e.running, j.ID)
	e.mu.Unlock()
	cancel()
	if err != nil && base.Err() != nil {
		return // stopped by the engine's stop: Run releases the job
	}
	// The result is written even while the engine stops.
	ctx, done := context.WithTimeout(context.WithoutCancel(base), 10*time.Second)
	defer done()
	var serr error
	switch {
	case err == nil:
		e.done.add(j.ID)
	case IsPermanent(err) || j.Attempts >= j.MaxAttempts:
		serr = e.store.Fail(ctx, j.ID, e.cfg.Owner, err.Error())
	default:
		serr = e.store.Requeue(ctx, j.ID, e.cfg.Owner, e.cfg.backoff(j.Attempts), err.Error())
	}
	e.count(j.Kind, took, err, err != nil && (IsPermanent(err) || j.Attempts >= j.MaxAttempts), serr)
	if err != nil {
		e.cfg.Logger.Warn("jobs: job failed", "id", j.ID, "kind", j.Kind, "attempt", j.Attempts, "err", err)
	}
	if serr != nil {
		e.cfg.Logger.Error("jobs: record result", "id", j.ID, "kind", j.Kind, "err", serr)
	}
}

// call runs h, turning a panic into an error so one bad job cannot stop
// the process; a panic is not retried.
func call(ctx context.Context, h Handler, j *hitori.Job) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = Permanent(fmt.Errorf("panic: %v", r))
		}
	}()
	return h(ctx, j)
}
