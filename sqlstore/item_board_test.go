package sqlstore_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"hitori"
	"hitori/sqlstore"
	"hitori/sqlstore/storetest"
)

// TestBoardTwoQueries: the board is one grouped count and one statement for
// all its lists (issue 14: it was eleven), and shows what the separate
// queries showed: each quadrant's count and top, and the "next" queue.
func TestBoardTwoQueries(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		f := newItemFixture(t, db)
		ctx := f.adminCtx
		for i := range 40 {
			it := hitori.Item{Title: fmt.Sprint("item ", i), Urgent: i%2 == 0, Important: i%3 == 0}
			if i%4 == 0 {
				it.AssigneeID = &f.tech.ID
			}
			f.clock.Set(f.clock.Now().Add(1))
			MustCreateItem(t, db, ctx, &it)
			if i%5 == 0 {
				st := hitori.StatusClosed
				if _, err := db.Items().UpdateItem(ctx, it.ID, hitori.ItemUpdate{Status: &st}); err != nil {
					t.Fatal(err)
				}
			}
		}
		none := int64(0)
		for _, scope := range []*int64{nil, &f.tech.ID, &none} {
			filter := hitori.ItemFilter{OpenOnly: true, Sort: "next", AssigneeID: scope}
			before := db.ReadsForTest()
			b, err := db.Items().Board(ctx, filter, 3, 7)
			if err != nil {
				t.Fatal(err)
			}
			if n := db.ReadsForTest() - before; n != 2 {
				t.Errorf("scope %v: board ran %d queries, want 2", scope, n)
			}
			// The same as asking one list at a time.
			counts, err := db.Items().CountItemsByQuadrant(ctx, filter)
			if err != nil {
				t.Fatal(err)
			}
			if fmt.Sprint(counts) != fmt.Sprint(b.Counts) {
				t.Errorf("scope %v: counts %v, want %v", scope, b.Counts, counts)
			}
			for q := hitori.Quadrant(1); q <= 4; q++ {
				qf := filter
				qf.Quadrant, qf.Limit = q, 3
				want, err := db.Items().ListItems(ctx, qf)
				if err != nil {
					t.Fatal(err)
				}
				if titles(b.Top[q]) != titles(want) {
					t.Errorf("scope %v, quadrant %d: %s, want %s", scope, q, titles(b.Top[q]), titles(want))
				}
			}
			nf := filter
			nf.Limit = 7
			want, err := db.Items().ListItems(ctx, nf)
			if err != nil {
				t.Fatal(err)
			}
			if titles(b.Next) != titles(want) || len(want) == 0 {
				t.Errorf("scope %v: next %s, want %s", scope, titles(b.Next), titles(want))
			}
		}
	})
}

// TestOpenFlagMatchesStatusOpen: the store's open condition (SQLite's is_open flag, migration
// 0016, and PostgreSQL's IN both list the open statuses) agrees with hitori.Status.Open for every
// status, so a status added later cannot silently fall out of "open".
func TestOpenFlagMatchesStatusOpen(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		f := newItemFixture(t, db)
		ctx := f.adminCtx
		want := map[string]bool{}
		for _, st := range hitori.Statuses {
			it := MustCreateItem(t, db, ctx, &hitori.Item{Title: string(st)})
			if st != hitori.StatusNew {
				if _, err := db.Items().UpdateItem(ctx, it.ID, hitori.ItemUpdate{Status: &st}); err != nil {
					t.Fatal(err)
				}
			}
			want[string(st)] = st.Open()
		}
		open, err := db.Items().ListItems(ctx, hitori.ItemFilter{OpenOnly: true})
		if err != nil {
			t.Fatal(err)
		}
		got := map[string]bool{}
		for _, st := range hitori.Statuses {
			got[string(st)] = false
		}
		for _, it := range open {
			got[it.Title] = true
		}
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Fatalf("open by the database %v, by hitori.Status.Open %v", got, want)
		}
	})
}

// TestBoardKeptThroughBackgroundBookkeeping: the job engine claiming and
// reaping jobs and the monitor scheduler renewing its leases (every second
// on an idle server) write no item, so the kept board stays: counting
// those writes had it read again every second, with every connection
// waiting for the read.
func TestBoardKeptThroughBackgroundBookkeeping(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		f := newItemFixture(t, db)
		MustCreateItem(t, db, f.adminCtx, &hitori.Item{Title: "first", Urgent: true})
		ctx := context.Background()
		reads := func() int64 {
			t.Helper()
			before := db.ReadsForTest()
			if _, err := db.Items().Board(f.adminCtx, hitori.ItemFilter{}, 5, 25); err != nil {
				t.Fatal(err)
			}
			return db.ReadsForTest() - before
		}
		reads()
		if _, err := db.Jobs().Claim(ctx, "worker-1", []string{"nothing.due"}, 5, time.Minute); err != nil {
			t.Fatal(err)
		}
		if _, err := db.Jobs().Extend(ctx, "worker-1", time.Minute); err != nil {
			t.Fatal(err)
		}
		if _, err := db.Jobs().Reap(ctx); err != nil {
			t.Fatal(err)
		}
		if _, err := db.Monitors().ClaimShards(ctx, "holder-1", 4, time.Minute); err != nil {
			t.Fatal(err)
		}
		if err := db.Monitors().ReleaseShards(ctx, "holder-1"); err != nil {
			t.Fatal(err)
		}
		if n := reads(); n != 0 {
			t.Errorf("after the background's bookkeeping the board was read again (%d queries), want it kept", n)
		}
	})
}

// TestBoardKeptUntilAWrite: a staff board read again is served from memory
// (no query), and any write of this process makes the next read fresh.
// Requesters' boards are never shared.
func TestBoardKeptUntilAWrite(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		f := newItemFixture(t, db)
		MustCreateItem(t, db, f.adminCtx, &hitori.Item{Title: "first", Urgent: true})
		board := func(ctx context.Context) (*hitori.ItemBoard, int64) {
			t.Helper()
			before := db.ReadsForTest()
			b, err := db.Items().Board(ctx, hitori.ItemFilter{}, 5, 25)
			if err != nil {
				t.Fatal(err)
			}
			return b, db.ReadsForTest() - before
		}
		if _, n := board(f.adminCtx); n != 2 {
			t.Fatalf("first read: %d queries, want 2", n)
		}
		if b, n := board(f.techCtx); n != 0 || titles(b.Next) != "first" {
			t.Fatalf("second read: %d queries, next %q; want 0 and first", n, titles(b.Next))
		}
		MustCreateItem(t, db, f.adminCtx, &hitori.Item{Title: "second", Urgent: true, Important: true, RequesterID: &f.sato.ID})
		if b, n := board(f.adminCtx); n != 2 || titles(b.Next) != "second,first" {
			t.Fatalf("after a write: %d queries, next %q; want 2 and second,first", n, titles(b.Next))
		}
		if b, n := board(f.satoCtx); n != 2 || titles(b.Next) != "second" {
			t.Fatalf("requester: %d queries, next %q; want 2 and only their own", n, titles(b.Next))
		}
	})
}
