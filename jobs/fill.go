package jobs

import (
	"sync/atomic"
	"time"
)

// fill sizes the buffer of claimed jobs: about what the workers start in
// fillWindow at their recent rate, at least 2×Workers and at most Batch.
// Short jobs then get big claims — one write for dozens of jobs — while
// slow ones are not hoarded: a job waiting in this process's buffer is one
// an idle worker of another process cannot take.
type fill struct {
	min, max int
	size     int
	started  atomic.Int64 // jobs the workers have taken from the buffer
	since    time.Time    // when the rate was last measured
	base     int64        // started at since
}

// fillWindow is how much work the buffer holds at the measured rate.
const fillWindow = 100 * time.Millisecond

func newFill(workers, batch int) *fill {
	lo := min(2*workers, batch)
	return &fill{min: lo, max: batch, size: lo, since: time.Now()}
}

// target returns the buffer size to claim up to now. The rate is measured
// over at least fillWindow: over less, one slow job starting reads as a
// fast stream (and two claims microseconds apart as no work at all).
func (f *fill) target() int {
	now := time.Now()
	if el := now.Sub(f.since); el >= fillWindow {
		n := f.started.Load()
		want := int(float64(n-f.base) * float64(fillWindow) / float64(el))
		f.size = max(f.min, min(f.max, (f.size+want)/2)) // halfway: one burst or lull moves it only so far
		f.since, f.base = now, n
	}
	return f.size
}
