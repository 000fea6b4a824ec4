package sqlstore_test

import (
	"context"
	"testing"
	"time"

	"hitori"
	"hitori/sqlstore"
	"hitori/sqlstore/storetest"
)

// MustEnqueue stores a job or fails the test.
func MustEnqueue(tb testing.TB, s *sqlstore.Jobs, j *hitori.Job) *hitori.Job {
	tb.Helper()
	if err := s.Enqueue(context.Background(), j); err != nil {
		tb.Fatalf("enqueue %s: %v", j.Kind, err)
	}
	return j
}

func TestJobLifecycle(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		now := time.Date(2026, 12, 6, 1, 0, 0, 0, time.UTC)
		db.Now = func() time.Time { return now }
		s := db.Jobs()
		kinds := []string{"a", "b"}

		a := MustEnqueue(t, s, &hitori.Job{Kind: "a", Payload: `{"n":1}`})
		later := MustEnqueue(t, s, &hitori.Job{Kind: "a", RunAt: now.Add(time.Minute)})
		MustEnqueue(t, s, &hitori.Job{Kind: "other"})
		if a.ID == 0 || a.State != hitori.JobQueued || a.MaxAttempts != hitori.DefaultJobMaxAttempts {
			t.Fatalf("enqueued %+v", a)
		}
		got, err := s.Claim(ctx, "p1", kinds, 10, 30*time.Second)
		if err != nil || len(got) != 1 || got[0].ID != a.ID {
			t.Fatalf("claim: %v, %v; want only job %d (the later one is not due, 'other' not ours)", got, err, a.ID)
		}
		if j := got[0]; j.State != hitori.JobRunning || j.Attempts != 1 || j.LeaseOwner != "p1" ||
			!j.LeaseUntil.Equal(now.Add(30*time.Second)) || j.Payload != `{"n":1}` {
			t.Fatalf("claimed %+v", j)
		}
		if again, _ := s.Claim(ctx, "p2", kinds, 10, 30*time.Second); len(again) != 0 {
			t.Fatalf("claimed twice: %v", again)
		}

		// A lease that runs out sends the job back; the old owner's result is ignored.
		now = now.Add(31 * time.Second)
		if n, err := s.Reap(ctx); err != nil || n != 1 {
			t.Fatalf("reap: %d, %v; want 1", n, err)
		}
		got, _ = s.Claim(ctx, "p2", kinds, 10, 30*time.Second)
		if len(got) != 1 || got[0].Attempts != 2 {
			t.Fatalf("reclaim: %v", got)
		}
		if err := s.Complete(ctx, "p1", a.ID); err != nil {
			t.Fatal(err)
		}
		if j, _ := s.Get(ctx, a.ID); j.State != hitori.JobRunning || j.LeaseOwner != "p2" {
			t.Fatalf("stale owner completed the job: %+v", j)
		}
		if ids, err := s.Extend(ctx, "p2", time.Minute); err != nil || len(ids) != 1 || ids[0] != a.ID {
			t.Fatalf("extend: %v, %v", ids, err)
		}
		if err := s.Requeue(ctx, a.ID, "p2", time.Minute, "boom"); err != nil {
			t.Fatal(err)
		}
		if j, _ := s.Get(ctx, a.ID); j.State != hitori.JobQueued || j.LastError != "boom" || !j.RunAt.Equal(now.Add(time.Minute)) {
			t.Fatalf("requeued: %+v", j)
		}
		if next, ok, err := s.NextRunAt(ctx, kinds); err != nil || !ok || !next.Equal(later.RunAt) {
			t.Fatalf("next run %v %v %v, want %v", next, ok, err, later.RunAt)
		}

		now = now.Add(time.Minute)
		got, _ = s.Claim(ctx, "p2", kinds, 1, 30*time.Second)
		if len(got) != 1 || got[0].ID != later.ID {
			t.Fatalf("claim order: %v, want the earlier run_at first", got)
		}
		if err := s.Fail(ctx, later.ID, "p2", "gave up"); err != nil {
			t.Fatal(err)
		}
		got, _ = s.Claim(ctx, "p2", kinds, 5, 30*time.Second)
		if len(got) != 1 {
			t.Fatalf("claim: %v", got)
		}
		if err := s.Complete(ctx, "p2", a.ID); err != nil {
			t.Fatal(err)
		}

		// Purge keeps recent done jobs, deletes old ones, never failed ones.
		if n, _ := s.Purge(ctx, time.Hour, 100); n != 0 {
			t.Fatalf("purged %d recent jobs", n)
		}
		now = now.Add(2 * time.Hour)
		if n, _ := s.Purge(ctx, time.Hour, 100); n != 1 {
			t.Fatalf("purged %d, want 1", n)
		}
		if j, err := s.Get(ctx, later.ID); err != nil || j.State != hitori.JobFailed || j.LastError != "gave up" {
			t.Fatalf("failed job: %+v, %v", j, err)
		}
	})
}

func TestJobReapFailsLastAttemptAndReleaseRequeues(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		now := time.Date(2026, 12, 6, 1, 0, 0, 0, time.UTC)
		db.Now = func() time.Time { return now }
		s := db.Jobs()
		once := MustEnqueue(t, s, &hitori.Job{Kind: "a", MaxAttempts: 1})
		kept := MustEnqueue(t, s, &hitori.Job{Kind: "a", MaxAttempts: 1})
		if got, _ := s.Claim(ctx, "p1", []string{"a"}, 1, time.Second); len(got) != 1 {
			t.Fatal("claim")
		}
		if got, _ := s.Claim(ctx, "p2", []string{"a"}, 1, time.Hour); len(got) != 1 {
			t.Fatal("claim")
		}
		now = now.Add(2 * time.Second)
		if n, _ := s.Reap(ctx); n != 1 {
			t.Fatalf("reaped %d", n)
		}
		if j, _ := s.Get(ctx, once.ID); j.State != hitori.JobFailed || j.LastError == "" {
			t.Fatalf("job that used its only attempt: %+v", j)
		}
		if n, err := s.Release(ctx, "p2"); err != nil || n != 1 {
			t.Fatalf("release: %d, %v", n, err)
		}
		if j, _ := s.Get(ctx, kept.ID); j.State != hitori.JobQueued || j.Attempts != 0 || j.LeaseOwner != "" {
			t.Fatalf("released: %+v", j)
		}
	})
}
