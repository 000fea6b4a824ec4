package intake

import (
	"context"
	"os"
	"runtime"
	"sync"
)

// FileResult is the outcome of one file of IngestFiles.
type FileResult struct {
	Path   string
	Result Result
	Err    error
}

// IngestFiles ingests files in the order given and calls report for each,
// in that order. Reading, parsing, hashing and storing files run ahead on
// every core; decisions stay in order, so a reply never commits before the
// message it answers. Messages are committed in batches (see commitBatch),
// each message in a savepoint of its own, and reported only once their
// batch has committed: a run killed at any point has reported nothing it
// did not commit, and a re-run skips exactly what was committed. It stops
// early only when ctx is done.
func (p *Pipeline) IngestFiles(ctx context.Context, paths []string, report func(FileResult)) error {
	workers := max(runtime.GOMAXPROCS(0), 1)
	type prep struct {
		pr  *prepared
		err error
	}
	slots := make([]chan prep, len(paths))
	for i := range slots {
		slots[i] = make(chan prep, 1)
	}
	// ahead bounds the parsed messages waiting for their commit, and so memory.
	ahead := make(chan struct{}, 2*workers)
	jobs := make(chan int)
	stop := make(chan struct{})
	go func() {
		defer close(jobs)
		for i := range paths {
			select {
			case ahead <- struct{}{}:
			case <-stop:
				return
			}
			select {
			case jobs <- i:
			case <-stop:
				return
			}
		}
	}()
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for i := range jobs {
				raw, err := os.ReadFile(paths[i])
				if err != nil {
					slots[i] <- prep{err: err}
					continue
				}
				pr, err := p.prepare(ctx, raw)
				slots[i] <- prep{pr, err}
			}
		})
	}
	next := 0
	defer func() {
		// Stopped early: let the workers finish, then take back the files of
		// messages prepared but never committed.
		close(stop)
		wg.Wait()
		for _, slot := range slots[next:] {
			select {
			case pp := <-slot:
				if pp.pr != nil {
					p.finish(ctx, pp.pr, false)
				}
			default:
			}
		}
	}()
	b := &batch{p: p, report: report}
	for i, path := range paths {
		var pp prep
		select {
		case pp = <-slots[i]:
		case <-ctx.Done():
			b.abandon(ctx)
			return ctx.Err()
		}
		next = i + 1
		<-ahead // the batch, bounded by size and bytes, holds it from here
		b.add(ctx, path, pp.pr, pp.err)
		if err := ctx.Err(); err != nil {
			b.abandon(ctx)
			return err
		}
	}
	b.flush(ctx)
	return ctx.Err()
}
