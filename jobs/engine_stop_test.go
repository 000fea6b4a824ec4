package jobs_test

import (
	"context"
	"testing"
	"time"

	"hitori"
	"hitori/jobs"
	"hitori/sqlstore"
	"hitori/sqlstore/storetest"
)

func TestEngineStopReleasesUnfinishedJobs(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		s := db.Jobs()
		e := jobs.New(s, fastConfig())
		started := make(chan struct{})
		e.Register("slow", func(ctx context.Context, j *hitori.Job) error {
			close(started)
			<-ctx.Done() // runs until the engine gives up waiting
			return ctx.Err()
		})
		j := MustEnqueue(t, s, &hitori.Job{Kind: "slow"})
		stop := start(t, e)
		<-started
		t0 := time.Now()
		stop()
		if took := time.Since(t0); took > 3*time.Second {
			t.Fatalf("stop took %v", took)
		}
		got, err := s.Get(ctx, j.ID)
		if err != nil || got.State != hitori.JobQueued || got.Attempts != 0 || got.LeaseOwner != "" || got.LastError != "" {
			t.Fatalf("after stop: %+v, %v; want queued again with the attempt not counted", got, err)
		}
	})
}

func TestEngineHeartbeatKeepsLongJob(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		s := db.Jobs()
		cfg := fastConfig()
		// Short enough that the job outlives two leases, long enough that a
		// loaded test machine still renews in time (a third of a lease).
		cfg.Lease = time.Second
		a, b := jobs.New(s, cfg), jobs.New(s, cfg)
		runs := make(chan string, 4)
		for _, e := range []*jobs.Engine{a, b} {
			e.Register("long", func(ctx context.Context, j *hitori.Job) error {
				runs <- e.Owner()
				select { // two and a half leases long
				case <-time.After(2500 * time.Millisecond):
					return nil
				case <-ctx.Done():
					return ctx.Err()
				}
			})
		}
		j := MustEnqueue(t, s, &hitori.Job{Kind: "long"})
		start(t, a)
		start(t, b)
		waitFor(t, "the job to finish", func() bool {
			got, _ := s.Get(ctx, j.ID)
			return got.State == hitori.JobDone
		})
		if len(runs) != 1 {
			t.Fatalf("ran %d times, want once: the lease was taken over while alive", len(runs))
		}
	})
}

func TestScheduleFiresOnceAcrossProcesses(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		s := db.Jobs()
		var engines []*jobs.Engine
		ran := make(chan int64, 10)
		for range 3 {
			e := jobs.New(s, fastConfig())
			e.Register("report", func(ctx context.Context, j *hitori.Job) error { ran <- j.ID; return nil })
			if err := e.Declare(ctx, hitori.Schedule{Name: "daily-report", Kind: "report", Spec: "daily 09:00 business"}); err != nil {
				t.Fatal(err)
			}
			engines = append(engines, e)
		}
		if err := db.ExecForTest(ctx, `UPDATE job_schedules SET next_run = $1`, time.Now().UTC().Add(-time.Minute)); err != nil {
			t.Fatal(err)
		}
		for _, e := range engines {
			start(t, e)
		}
		waitFor(t, "the scheduled job", func() bool { return len(ran) > 0 })
		time.Sleep(300 * time.Millisecond) // a second firing would show by now
		if len(ran) != 1 {
			t.Fatalf("ran %d times, want once", len(ran))
		}
		scs, err := s.Schedules(ctx)
		if err != nil || len(scs) != 1 {
			t.Fatalf("schedules %v, %v", scs, err)
		}
		if sc := scs[0]; sc.LastJobID == 0 || sc.LastRun.IsZero() || !sc.NextRun.After(time.Now()) || sc.Spec != "daily 09:00 business" {
			t.Fatalf("schedule after firing: %+v", sc)
		}
	})
}

func TestEngineStopReleasesBufferedJobs(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		s := db.Jobs()
		cfg := fastConfig()
		cfg.Workers = 1 // one runs; two (2×Workers) wait in the buffer, leased to this engine
		e := jobs.New(s, cfg)
		started := make(chan struct{}, 5)
		e.Register("slow", func(ctx context.Context, j *hitori.Job) error {
			started <- struct{}{}
			<-ctx.Done()
			return ctx.Err()
		})
		for range 5 {
			MustEnqueue(t, s, &hitori.Job{Kind: "slow"})
		}
		stop := start(t, e)
		<-started
		waitFor(t, "more to be claimed", func() bool { return e.Stats().Waiting >= 2 })
		stop()
		queued, err := s.List(ctx, hitori.JobFilter{State: hitori.JobQueued})
		if err != nil || len(queued) != 5 {
			t.Fatalf("after stop %d queued, %v; want all 5", len(queued), err)
		}
		for _, j := range queued {
			if j.Attempts != 0 || j.LeaseOwner != "" {
				t.Fatalf("released %+v; want the attempt not counted", j)
			}
		}
	})
}
