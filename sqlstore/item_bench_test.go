package sqlstore_test

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"hitori"
	"hitori/sqlstore"
)

// Benchmarks of the item queries the board and lists run, against a database
// seeded by `hitori seed` (bench/items.sh does both):
//
//	HITORI_BENCH_DATA=DIR|FILE|postgres://… go test -run '^$' -bench Item -benchtime 300x ./sqlstore/
//
// Each reports the p50, p95 and p99 latency of one page render's queries.

// openBenchDB opens the seeded database and the seeded administrator's context.
func openBenchDB(b *testing.B) (*sqlstore.DB, context.Context) {
	b.Helper()
	dsn := os.Getenv("HITORI_BENCH_DATA")
	if dsn == "" {
		b.Skip("set HITORI_BENCH_DATA to a database seeded with `hitori seed` (see bench/items.sh)")
	}
	if fi, err := os.Stat(dsn); err == nil && fi.IsDir() {
		dsn = filepath.Join(dsn, "hitori.db")
	}
	db, err := sqlstore.Open(context.Background(), dsn)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	admin, err := db.Users().FindUserByEmail(context.Background(), "seed-staff1@example.co.jp")
	if err != nil {
		b.Fatalf("no seeded administrator (run hitori seed first): %v", err)
	}
	return db, hitori.NewContextWithUser(context.Background(), admin)
}

// measure runs fn b.N times and reports latency percentiles in milliseconds.
func measure(b *testing.B, fn func() error) {
	b.Helper()
	var durs []time.Duration
	for b.Loop() {
		start := time.Now()
		if err := fn(); err != nil {
			b.Fatal(err)
		}
		durs = append(durs, time.Since(start))
	}
	slices.Sort(durs)
	for _, p := range []struct {
		name string
		q    float64
	}{{"p50-ms", 0.50}, {"p95-ms", 0.95}, {"p99-ms", 0.99}} {
		d := durs[min(len(durs)-1, int(p.q*float64(len(durs))))]
		b.ReportMetric(float64(d.Microseconds())/1000, p.name)
	}
}

// BenchmarkItemBoard is the board: the "next" queue's first page and the
// four quadrant counts.
func BenchmarkItemBoard(b *testing.B) {
	db, ctx := openBenchDB(b)
	measure(b, func() error {
		items, total, err := db.Items().FindItems(ctx, hitori.ItemFilter{Sort: "next", OpenOnly: true, Limit: 50})
		if err == nil && (len(items) != 50 || total < 50) {
			b.Fatalf("board shows %d of %d items", len(items), total)
		}
		if err != nil {
			return err
		}
		_, err = db.Items().CountItemsByQuadrant(ctx, hitori.ItemFilter{OpenOnly: true})
		return err
	})
}

// BenchmarkItemQuadrantLists is the board drawn as four boxes of ten.
func BenchmarkItemQuadrantLists(b *testing.B) {
	db, ctx := openBenchDB(b)
	measure(b, func() error {
		for q := hitori.Quadrant(1); q <= 4; q++ {
			if _, _, err := db.Items().FindItems(ctx, hitori.ItemFilter{Sort: "next", Quadrant: q, Limit: 10}); err != nil {
				return err
			}
		}
		return nil
	})
}

// BenchmarkItemFilteredList is a list filtered by status, text and assignee.
func BenchmarkItemFilteredList(b *testing.B) {
	db, ctx := openBenchDB(b)
	tech, err := db.Users().FindUserByEmail(ctx, "seed-staff2@example.co.jp")
	if err != nil {
		b.Fatal(err)
	}
	f := hitori.ItemFilter{Query: "プリンター", AssigneeID: &tech.ID, Limit: 50,
		Statuses: []hitori.Status{hitori.StatusNew, hitori.StatusInProgress, hitori.StatusWaitRequester}}
	measure(b, func() error {
		_, _, err := db.Items().FindItems(ctx, f)
		return err
	})
}

// BenchmarkItemRequesterList is a colleague's "my requests" page on the portal.
func BenchmarkItemRequesterList(b *testing.B) {
	db, _ := openBenchDB(b)
	u, err := db.Users().FindUserByEmail(context.Background(), "seed-user042@example.co.jp")
	if err != nil {
		b.Fatal(err)
	}
	ctx := hitori.NewContextWithUser(context.Background(), u)
	measure(b, func() error {
		_, _, err := db.Items().FindItems(ctx, hitori.ItemFilter{Limit: 20})
		return err
	})
}
