package jobs_test

import (
	"context"
	"slices"
	"sync"
	"testing"
	"time"

	"hitori"
	"hitori/jobs"
	"hitori/sqlstore/storetest"
)

// BenchmarkThroughput enqueues b.N no-op jobs, then times the engine (4
// workers) from start until all are done. Run with -benchtime=5000x.
func BenchmarkThroughput(b *testing.B) {
	for _, d := range storetest.Dialects {
		b.Run(d, func(b *testing.B) {
			s := storetest.Open(b, d).Jobs()
			for range b.N {
				MustEnqueue(b, s, &hitori.Job{Kind: "noop"})
			}
			e := jobs.New(s, jobs.Config{Workers: 4, Poll: 100 * time.Millisecond})
			e.Register("noop", func(context.Context, *hitori.Job) error { return nil })
			b.ResetTimer()
			t0 := time.Now()
			start(b, e)
			for e.Stats().Kinds["noop"].Runs < int64(b.N) {
				time.Sleep(time.Millisecond)
			}
			b.ReportMetric(float64(b.N)/time.Since(t0).Seconds(), "jobs/s")
		})
	}
}

// BenchmarkDueDelay makes 1,000 jobs a second become due for b.N/1000
// seconds and reports how long after its run time each one started.
// Run with -benchtime=5000x.
func BenchmarkDueDelay(b *testing.B) {
	for _, d := range storetest.Dialects {
		b.Run(d, func(b *testing.B) {
			db := storetest.Open(b, d)
			s := db.Jobs()
			// Jobs are due from an hour ahead; once they are stored, the
			// clocks jump so the first is due a second after the engine starts
			// (enqueueing thousands takes longer than a fixed lead).
			first := time.Now().Add(time.Hour)
			for i := range b.N {
				MustEnqueue(b, s, &hitori.Job{Kind: "noop", RunAt: first.Add(time.Duration(i) * time.Millisecond)})
			}
			shift := first.Sub(time.Now().Add(time.Second))
			now := func() time.Time { return time.Now().Add(shift).UTC() }
			db.Now = now
			var mu sync.Mutex
			delays := make([]time.Duration, 0, b.N)
			e := jobs.New(s, jobs.Config{Workers: 4, Poll: time.Second, Now: now})
			e.Register("noop", func(_ context.Context, j *hitori.Job) error {
				late := now().Sub(j.RunAt)
				mu.Lock()
				delays = append(delays, late)
				mu.Unlock()
				return nil
			})
			b.ResetTimer()
			start(b, e)
			for e.Stats().Kinds["noop"].Runs < int64(b.N) {
				time.Sleep(time.Millisecond)
			}
			slices.Sort(delays)
			q := func(p float64) float64 { return float64(delays[int(p*float64(len(delays)-1))].Microseconds()) / 1000 }
			b.ReportMetric(q(0.5), "p50-ms")
			b.ReportMetric(q(0.99), "p99-ms")
			b.ReportMetric(q(1), "max-ms")
		})
	}
}
