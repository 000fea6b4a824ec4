package intake_test

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"hitori"
	"hitori/intake"
	"hitori/sqlstore"
	"hitori/sqlstore/storetest"
)

// snapshot is what ingesting may change: items, their timelines and files.
type snapshot struct {
	Items  int
	Events map[int64]int
	Files  []string
}

func mustSnapshot(tb testing.TB, db *sqlstore.DB, p *intake.Pipeline) snapshot {
	tb.Helper()
	ctx := context.Background()
	items, n, err := db.Items().FindItems(ctx, hitori.ItemFilter{Limit: 1000})
	if err != nil {
		tb.Fatal(err)
	}
	s := snapshot{Items: n, Events: map[int64]int{}, Files: storedFiles(tb, p)}
	for _, it := range items {
		s.Events[it.ID] = len(mustEvents(tb, db, it.ID))
	}
	return s
}

// ingestAll ingests every sample in order and returns the results by file.
func ingestAll(tb testing.TB, ctx context.Context, p *intake.Pipeline) (map[string]intake.Result, []error) {
	tb.Helper()
	out := map[string]intake.Result{}
	var errs []error
	for _, s := range mustSamples(tb) {
		r, err := p.Ingest(ctx, mustRead(tb, s.File))
		if err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", s.File, err))
			continue
		}
		out[s.File] = r
	}
	return out, errs
}

// TestIngestTwice: the whole set ingested again (twice) writes nothing and
// reports the first outcome of every message.
func TestIngestTwice(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		mustExistingItems(t, db)
		p := newPipeline(t, db)
		first, errs := ingestAll(t, ctx, p)
		if len(errs) > 0 {
			t.Fatal(errs)
		}
		before := mustSnapshot(t, db, p)
		for round := 2; round <= 3; round++ {
			again, errs := ingestAll(t, ctx, p)
			if len(errs) > 0 {
				t.Fatal(errs)
			}
			for f, r := range again {
				want := first[f]
				if !r.Duplicate || r.Action != want.Action || r.ItemID != want.ItemID || r.Reason != want.Reason {
					t.Errorf("round %d, %s: got %+v, want the first result %+v as a duplicate", round, f, r, want)
				}
			}
			if after := mustSnapshot(t, db, p); !reflect.DeepEqual(after, before) {
				t.Fatalf("round %d changed the database or files:\n got %+v\nwant %+v", round, after, before)
			}
		}
	})
}

// TestConcurrentSameMessage: processes racing on one message (two pollers
// on one PostgreSQL) end with one item; the loser reports the winner's.
func TestConcurrentSameMessage(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		raw := mustRead(t, "01_plain_iso2022jp.eml")
		const n = 6
		results := make([]intake.Result, n)
		errs := make([]error, n)
		var wg sync.WaitGroup
		for i := range n {
			p := newPipeline(t, db) // separate pipelines, as in separate processes
			wg.Add(1)
			go func() {
				defer wg.Done()
				results[i], errs[i] = p.Ingest(ctx, raw)
			}()
		}
		wg.Wait()
		for i := range n {
			if errs[i] != nil || results[i].Action != intake.Created || results[i].ItemID != results[0].ItemID {
				t.Fatalf("ingest %d: %+v, %v; want created #%d", i, results[i], errs[i], results[0].ItemID)
			}
		}
		if got := countItems(t, db); got != 1 {
			t.Fatalf("%d items, want 1", got)
		}
	})
}

// failingStore injects a failure into the message transactions: the
// failAt-th attachment write of the run fails (or cancels the context, as
// a killed process would), after the item itself was written in the same
// transaction.
type failingStore struct {
	intake.Store
	calls  atomic.Int64
	failAt func(n int64) bool
	cancel context.CancelFunc
}

func (s *failingStore) InMailTx(ctx context.Context, fn func(intake.Tx) error) error {
	return s.Store.InMailTx(ctx, func(tx intake.Tx) error { return fn(&failingTx{Tx: tx, s: s}) })
}

type failingTx struct {
	intake.Tx
	s *failingStore
}

var errInjected = errors.New("injected failure")

func (t *failingTx) AddAttachment(ctx context.Context, a *intake.Attachment) error {
	if t.s.failAt(t.s.calls.Add(1)) {
		if t.s.cancel != nil {
			t.s.cancel()
			return t.Tx.AddAttachment(ctx, a) // fails on the cancelled context
		}
		return errInjected
	}
	return t.Tx.AddAttachment(ctx, a)
}

// TestCrashThenRerun: a run that fails part-way (an error or a cancelled
// context inside the transactions) leaves no partial message behind; a
// second run completes the set with exactly one item per message, and no
// file is left without a row.
func TestCrashThenRerun(t *testing.T) {
	for _, mode := range []string{"error", "cancel"} {
		t.Run(mode, func(t *testing.T) {
			storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
				mustExistingItems(t, db)
				ctx, cancel := context.WithCancel(context.Background())
				defer cancel()
				fs := &failingStore{Store: storeOf(db), failAt: func(n int64) bool { return n%3 == 2 }}
				if mode == "cancel" {
					fs.failAt = func(n int64) bool { return n == 9 }
					fs.cancel = cancel
				}
				dir := t.TempDir()
				crashing := intake.New(fs, intake.Options{DataDir: dir})
				_, errs := ingestAll(t, ctx, crashing)
				if len(errs) == 0 {
					t.Fatal("the injected failure did not fail any message")
				}
				partial := countItems(t, db)

				p := intake.New(storeOf(db), intake.Options{DataDir: dir})
				results, errs := ingestAll(t, context.Background(), p)
				if len(errs) > 0 {
					t.Fatal(errs)
				}
				created := 0
				for _, s := range mustSamples(t) {
					r := results[s.File]
					if r.Action != s.Action {
						t.Errorf("%s: %s after the crash, want %s", s.File, r, s.Action)
					}
					if s.Action == intake.Created {
						created++
						it, err := db.Items().FindItemByMessageID(context.Background(), r.MessageID)
						if err != nil || it.ID != r.ItemID {
							t.Errorf("%s: message id leads to %v, %v; want item %d", s.File, it, err, r.ItemID)
						}
					}
				}
				if got, want := countItems(t, db), 3+created; got != want {
					t.Fatalf("%d items after the rerun (%d after the crash), want %d: one per message", got, partial, want)
				}
				// Every stored file belongs to a row: failed transactions took theirs back.
				if n, err := p.Files().Sweep(context.Background(), db.MailLog(), 0, time.Now().Add(time.Hour)); err != nil || n != 0 {
					t.Fatalf("sweep removed %d orphaned files (%v), want 0", n, err)
				}
			})
		})
	}
}

// TestIngestFiles: files prepared ahead on other cores still commit in
// order, a file listed twice is one message, and stopping part-way leaves
// no file without a row.
func TestIngestFiles(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		mustExistingItems(t, db)
		var paths []string
		for _, s := range mustSamples(t) {
			paths = append(paths, filepath.Join(sampleDir, s.File))
		}
		p := newPipeline(t, db)
		ctx, cancel := context.WithCancel(context.Background())
		n := 0
		err := p.IngestFiles(ctx, paths, func(r intake.FileResult) {
			if n++; n == 7 {
				cancel()
			}
		})
		if !errors.Is(err, context.Canceled) {
			t.Fatalf("stopped run: %v", err)
		}
		if n, err := p.Files().Sweep(context.Background(), db.MailLog(), 0, time.Now().Add(time.Hour)); err != nil || n != 0 {
			t.Fatalf("%d files of uncommitted messages left behind (%v)", n, err)
		}

		twice := append(append([]string(nil), paths...), paths...)
		got := map[string][]intake.Result{}
		var order []string
		err = p.IngestFiles(context.Background(), twice, func(r intake.FileResult) {
			if r.Err != nil {
				t.Errorf("%s: %v", r.Path, r.Err)
			}
			got[r.Path] = append(got[r.Path], r.Result)
			order = append(order, r.Path)
		})
		if err != nil {
			t.Fatal(err)
		}
		if strings.Join(order, "\n") != strings.Join(twice, "\n") {
			t.Fatal("results not reported in the order given")
		}
		for _, s := range mustSamples(t) {
			rs := got[filepath.Join(sampleDir, s.File)]
			if len(rs) != 2 || rs[0].Action != s.Action || rs[1].Action != s.Action || rs[0].ItemID != rs[1].ItemID || !rs[1].Duplicate {
				t.Errorf("%s: %+v; want %s, then the same as a duplicate", s.File, rs, s.Action)
			}
		}
	})
}
