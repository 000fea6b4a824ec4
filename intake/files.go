package intake

import (
	"context"
	"sync"
	"time"

	"hitori/blob"
)

// Files is the pipeline's view of the attachments area of the blob store:
// attachments and original messages, one file per content. On top of the
// store it marks the files of messages not yet committed as in flight, so
// neither a failed sibling ingest nor Sweep removes a file a commit is
// about to refer to.
type Files struct {
	*blob.Store

	mu       sync.Mutex
	inFlight map[string]int // files written by ingests that have not committed yet
}

// Sum returns the hex SHA-256 that names data.
func Sum(data []byte) string { return blob.Sum(data) }

// put stores data (named sum), marks it in flight until release, and
// reports whether this call created the file.
func (f *Files) put(sum string, data []byte) (created bool, err error) {
	f.hold(sum)
	_, created, err = f.Store.Put(data)
	return created, err
}

func (f *Files) hold(sum string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.inFlight == nil {
		f.inFlight = map[string]int{}
	}
	f.inFlight[sum]++
}

// release ends the in-flight mark of files put for one message.
func (f *Files) release(sums []string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	for _, s := range sums {
		if f.inFlight[s]--; f.inFlight[s] <= 0 {
			delete(f.inFlight, s)
		}
	}
}

func (f *Files) busy(sum string) bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.inFlight[sum] > 0
}

// collect removes files a failed ingest created, unless another ingest
// still has them in flight or a committed row refers to them.
func (f *Files) collect(ctx context.Context, st MailStore, created []string) {
	for _, sum := range created {
		if f.busy(sum) {
			continue
		}
		if used, err := st.FileInUse(ctx, sum); err != nil || used {
			continue // when in doubt keep it: Sweep removes true orphans later
		}
		_ = f.Store.Remove(sum)
	}
}

// Sweep removes stored files older than minAge that no row refers to and
// no ingest holds: what a process killed between writing files and
// committing left behind. It returns how many files it removed.
func (f *Files) Sweep(ctx context.Context, st MailStore, minAge time.Duration, now time.Time) (int, error) {
	return f.Store.Sweep(ctx, minAge, now, func(ctx context.Context, sum string) (bool, error) {
		if f.busy(sum) {
			return true, nil
		}
		return st.FileInUse(ctx, sum)
	})
}
