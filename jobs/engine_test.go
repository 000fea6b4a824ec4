package jobs_test

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"hitori"
	"hitori/jobs"
	"hitori/sqlstore"
	"hitori/sqlstore/storetest"
)

// The engine's consumer-side interface is met by the real store.
var _ jobs.Store = (*sqlstore.Jobs)(nil)

// fastConfig keeps tests short: quick polls and retries.
func fastConfig() jobs.Config {
	return jobs.Config{Workers: 4, Lease: 2 * time.Second, Poll: 20 * time.Millisecond,
		BackoffBase: 5 * time.Millisecond, BackoffMax: 20 * time.Millisecond, StopWait: 200 * time.Millisecond,
		Rand: func() float64 { return 0.5 }}
}

// start runs e until the test ends and returns a function that stops it and waits.
func start(tb testing.TB, e *jobs.Engine) (stop func()) {
	tb.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- e.Run(ctx) }()
	var once sync.Once
	stop = func() {
		once.Do(func() {
			cancel()
			if err := <-done; err != nil {
				tb.Errorf("Run: %v", err)
			}
		})
	}
	tb.Cleanup(stop)
	return stop
}

// waitFor polls cond until it holds or ten seconds pass.
func waitFor(tb testing.TB, what string, cond func() bool) {
	tb.Helper()
	for deadline := time.Now().Add(10 * time.Second); !cond(); time.Sleep(10 * time.Millisecond) {
		if time.Now().After(deadline) {
			tb.Fatalf("timed out waiting for %s", what)
		}
	}
}

func TestEngineOutcomes(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		s := db.Jobs()
		e := jobs.New(s, fastConfig())
		var flaky atomic.Int32
		e.Register("ok", func(ctx context.Context, j *hitori.Job) error { return nil })
		e.Register("flaky", func(ctx context.Context, j *hitori.Job) error {
			if flaky.Add(1) < 3 {
				return errors.New("not yet")
			}
			return nil
		})
		e.Register("bad", func(ctx context.Context, j *hitori.Job) error { return errors.New("always") })
		e.Register("perm", func(ctx context.Context, j *hitori.Job) error { return jobs.Permanent(errors.New("bad payload")) })
		e.Register("panic", func(ctx context.Context, j *hitori.Job) error { panic("oops") })
		tests := []struct {
			kind     string
			max      int
			state    hitori.JobState
			attempts int
			lastErr  string
		}{
			{"ok", 0, hitori.JobDone, 1, ""},
			{"flaky", 5, hitori.JobDone, 3, ""},
			{"bad", 3, hitori.JobFailed, 3, "always"},
			{"perm", 5, hitori.JobFailed, 1, "bad payload"},
			{"panic", 5, hitori.JobFailed, 1, "panic: oops"},
		}
		ids := map[string]int64{}
		for _, tt := range tests {
			ids[tt.kind] = MustEnqueue(t, s, &hitori.Job{Kind: tt.kind, MaxAttempts: tt.max}).ID
		}
		start(t, e)
		for _, tt := range tests {
			t.Run(tt.kind, func(t *testing.T) {
				var j *hitori.Job
				waitFor(t, tt.kind+" to finish", func() bool {
					j, _ = s.Get(ctx, ids[tt.kind])
					return j != nil && (j.State == hitori.JobDone || j.State == hitori.JobFailed)
				})
				if j.State != tt.state || j.Attempts != tt.attempts || j.LastError != tt.lastErr {
					t.Fatalf("got %s after %d attempts (%q), want %s after %d (%q)",
						j.State, j.Attempts, j.LastError, tt.state, tt.attempts, tt.lastErr)
				}
			})
		}
		st := e.Stats().Kinds
		if st["bad"].Runs != 3 || st["bad"].Errors != 3 || st["bad"].Failed != 1 || st["ok"].Runs != 1 || st["flaky"].Errors != 2 {
			t.Fatalf("stats %+v", st)
		}
	})
}

// MustEnqueue stores a job or fails the test.
func MustEnqueue(tb testing.TB, s *sqlstore.Jobs, j *hitori.Job) *hitori.Job {
	tb.Helper()
	if err := s.Enqueue(context.Background(), j); err != nil {
		tb.Fatalf("enqueue %s: %v", j.Kind, err)
	}
	return j
}
