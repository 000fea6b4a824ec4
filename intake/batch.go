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
// in that order. Reading, parsing and hashing run ahead on every core;
// decisions and commits stay in order, so a reply never commits before the
// message it answers. It stops early only when ctx is done.
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
	for i, path := range paths {
		var pp prep
		select {
		case pp = <-slots[i]:
		case <-ctx.Done():
			return ctx.Err()
		}
		next = i + 1
		fr := FileResult{Path: path, Err: pp.err}
		if pp.err == nil {
			fr.Result, fr.Err = p.commit(ctx, pp.pr)
		}
		<-ahead
		report(fr)
		if err := ctx.Err(); err != nil {
			return err
		}
	}
	return nil
}
