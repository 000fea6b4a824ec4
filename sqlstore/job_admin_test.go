package sqlstore_test

import (
	"context"
	"testing"
	"time"

	"hitori"
	"hitori/sqlstore"
	"hitori/sqlstore/storetest"
)

func TestJobUniqueKeyAndAdmin(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		s := db.Jobs()
		first := MustEnqueue(t, s, &hitori.Job{Kind: "poll", UniqueKey: "imap:inbox"})
		dup := MustEnqueue(t, s, &hitori.Job{Kind: "poll", UniqueKey: "imap:inbox"})
		if dup.ID != first.ID {
			t.Fatalf("duplicate got job %d, want the waiting one %d", dup.ID, first.ID)
		}
		other := MustEnqueue(t, s, &hitori.Job{Kind: "mail"})
		if err := s.Enqueue(ctx, &hitori.Job{Kind: "mail", Payload: "{not json"}); hitori.ErrorCode(err) != hitori.EINVALID {
			t.Fatalf("bad payload: %v, want EINVALID", err)
		}

		if err := s.Cancel(ctx, first.ID); err != nil {
			t.Fatal(err)
		}
		if err := s.Cancel(ctx, first.ID); hitori.ErrorCode(err) != hitori.ECONFLICT {
			t.Fatalf("cancel twice: %v, want ECONFLICT", err)
		}
		// The key is free once its job ended; retrying the old one then conflicts.
		again := MustEnqueue(t, s, &hitori.Job{Kind: "poll", UniqueKey: "imap:inbox"})
		if again.ID == first.ID {
			t.Fatal("a cancelled job still held its unique key")
		}
		if err := s.Retry(ctx, first.ID); hitori.ErrorCode(err) != hitori.ECONFLICT {
			t.Fatalf("retry while the key is held: %v, want ECONFLICT", err)
		}
		if err := s.Retry(ctx, other.ID); hitori.ErrorCode(err) != hitori.ECONFLICT {
			t.Fatalf("retry a queued job: %v, want ECONFLICT", err)
		}
		if err := s.Retry(ctx, 999999); hitori.ErrorCode(err) != hitori.ENOTFOUND {
			t.Fatalf("retry unknown: %v, want ENOTFOUND", err)
		}
		if err := s.Cancel(ctx, again.ID); err != nil {
			t.Fatal(err)
		}
		if err := s.Retry(ctx, first.ID); err != nil {
			t.Fatalf("retry: %v", err)
		}

		queued, err := s.List(ctx, hitori.JobFilter{State: hitori.JobQueued})
		if err != nil || len(queued) != 2 {
			t.Fatalf("queued: %v, %v", queued, err)
		}
		page, _ := s.List(ctx, hitori.JobFilter{State: hitori.JobQueued, Kind: "mail", Limit: 1})
		if len(page) != 1 || page[0].ID != other.ID {
			t.Fatalf("queued mail: %v", page)
		}
		counts, err := s.Counts(ctx)
		want := []hitori.JobCount{{Kind: "mail", State: hitori.JobQueued, N: 1},
			{Kind: "poll", State: hitori.JobCancelled, N: 1}, {Kind: "poll", State: hitori.JobQueued, N: 1}}
		if err != nil || len(counts) != len(want) {
			t.Fatalf("counts %v, %v; want %v", counts, err, want)
		}
		for i := range want {
			if counts[i] != want[i] {
				t.Fatalf("counts %v, want %v", counts, want)
			}
		}
	})
}

func TestPutScheduleKeepsNextRunAndEnabled(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		s := db.Jobs()
		t0 := time.Date(2026, 12, 7, 0, 0, 0, 0, time.UTC)
		sc := &hitori.Schedule{Name: "r", Kind: "report", Spec: "daily 09:00", NextRun: t0, Enabled: true}
		if err := s.PutSchedule(ctx, sc); err != nil {
			t.Fatal(err)
		}
		if err := s.SetScheduleEnabled(ctx, "r", false); err != nil {
			t.Fatal(err)
		}
		same := &hitori.Schedule{Name: "r", Kind: "report", Spec: "daily 09:00", NextRun: t0.Add(time.Hour), Enabled: true}
		if err := s.PutSchedule(ctx, same); err != nil {
			t.Fatal(err)
		}
		if !same.NextRun.Equal(t0) || same.Enabled {
			t.Fatalf("redeclared: next %v enabled %v; want %v, still off", same.NextRun, same.Enabled, t0)
		}
		changed := &hitori.Schedule{Name: "r", Kind: "report", Spec: "daily 10:00", NextRun: t0.Add(time.Hour), Enabled: true}
		if err := s.PutSchedule(ctx, changed); err != nil || !changed.NextRun.Equal(t0.Add(time.Hour)) {
			t.Fatalf("new spec: next %v, %v", changed.NextRun, err)
		}
		if err := s.SetScheduleEnabled(ctx, "nope", true); hitori.ErrorCode(err) != hitori.ENOTFOUND {
			t.Fatalf("unknown schedule: %v", err)
		}
	})
}
