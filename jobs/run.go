package jobs

import (
	"context"
	"fmt"
	"time"

	"hitori"
)

// work is one worker: it runs jobs from queue until ctx ends. Jobs still
// in queue then are left there, leased to this process; Run releases them.
func (e *Engine) work(ctx, base context.Context, queue <-chan *hitori.Job, f *fill) {
	for {
		var j *hitori.Job
		select {
		case <-ctx.Done():
			return
		case j = <-queue:
		}
		if ctx.Err() != nil {
			return // stopping: this job is released with the rest
		}
		f.started.Add(1)
		select { // the buffer has room: dispatch may claim more
		case e.taken <- struct{}{}:
		default:
		}
		jctx, ok := e.begin(base, j)
		if !ok {
			e.drop(base, j)
			continue
		}
		e.runJob(base, jctx, j)
	}
}

// drop gives back a claimed job that must not start here because its
// lease may have run out while it waited. The write names this process as
// the owner, so it changes nothing if another process took the job.
func (e *Engine) drop(base context.Context, j *hitori.Job) {
	ctx, cancel := context.WithTimeout(context.WithoutCancel(base), 10*time.Second)
	defer cancel()
	if err := e.store.Requeue(ctx, j.ID, e.cfg.Owner, 0, "lease ran out before the job started"); err != nil {
		e.cfg.Logger.Error("jobs: give back job", "id", j.ID, "err", err)
	}
}

// runJob runs one claimed job and records its result under its lease.
func (e *Engine) runJob(base, jctx context.Context, j *hitori.Job) {
	e.mu.Lock()
	h := e.handlers[j.Kind]
	e.mu.Unlock()
	start := e.cfg.Now()
	err := call(jctx, h, j)
	took := e.cfg.Now().Sub(start)
	e.end(j.ID)
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
		serr = e.store.Requeue(ctx, j.ID, e.cfg.Owner, e.cfg.delayFor(j.Attempts, err), err.Error())
	}
	final := err != nil && (IsPermanent(err) || j.Attempts >= j.MaxAttempts)
	e.count(j.Kind, took, err, final, serr)
	switch {
	case final:
		e.cfg.Logger.Error("jobs: job failed for good", "id", j.ID, "kind", j.Kind, "attempt", j.Attempts, "err", err)
	case err != nil:
		e.cfg.Logger.Warn("jobs: attempt failed, will retry", "id", j.ID, "kind", j.Kind, "attempt", j.Attempts,
			"of", j.MaxAttempts, "err", err)
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
