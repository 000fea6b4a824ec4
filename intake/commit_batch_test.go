package intake_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync/atomic"
	"testing"
	"time"

	"hitori/intake"
	"hitori/sqlstore"
	"hitori/sqlstore/storetest"
)

// countingStore counts the write transactions intake opens.
type countingStore struct {
	intake.Store
	txs atomic.Int64
}

func (s *countingStore) InMailTx(ctx context.Context, fn func(intake.Tx) error) error {
	s.txs.Add(1)
	return s.Store.InMailTx(ctx, fn)
}

func (s *countingStore) InMailBatch(ctx context.Context, fns []func(intake.Tx) error) ([]error, error) {
	s.txs.Add(1)
	return s.Store.InMailBatch(ctx, fns)
}

// InMailBatch of the failing store injects its failures into every
// message of the batch, as InMailTx does for one.
func (s *failingStore) InMailBatch(ctx context.Context, fns []func(intake.Tx) error) ([]error, error) {
	wrapped := make([]func(intake.Tx) error, len(fns))
	for i, fn := range fns {
		wrapped[i] = func(tx intake.Tx) error { return fn(&failingTx{Tx: tx, s: s}) }
	}
	return s.Store.InMailBatch(ctx, wrapped)
}

// writeMessages writes n messages to files: new requests from n senders,
// or (chain) one sender's thread where each message answers the one before.
func writeMessages(tb testing.TB, dir, prefix string, n int, chain bool) []string {
	tb.Helper()
	var paths []string
	for i := range n {
		from, subject, extra := fmt.Sprintf("user%d@example.co.jp", i), fmt.Sprintf("PC の件 %s-%d", prefix, i), ""
		if chain {
			from, subject = "chain@example.co.jp", "VPN がつながらない"
			if i > 0 {
				subject = "Re: " + subject
				extra = fmt.Sprintf("In-Reply-To: <%s-%d@test.example>\r\n", prefix, i-1)
			}
		}
		raw := fmt.Sprintf("From: 利用者 <%s>\r\nTo: help@example.co.jp\r\nSubject: %s\r\nMessage-ID: <%s-%d@test.example>\r\n%s"+
			"Date: Mon, 1 Jun 2026 10:00:00 +0900\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n本文 %d\r\n",
			from, subject, prefix, i, extra, i)
		p := filepath.Join(dir, fmt.Sprintf("%s-%04d.eml", prefix, i))
		if err := os.WriteFile(p, []byte(raw), 0o600); err != nil {
			tb.Fatal(err)
		}
		paths = append(paths, p)
	}
	return paths
}

// ingestFiles runs IngestFiles and returns the results in order.
func ingestFiles(tb testing.TB, ctx context.Context, p *intake.Pipeline, paths []string) ([]intake.FileResult, error) {
	tb.Helper()
	var out []intake.FileResult
	err := p.IngestFiles(ctx, paths, func(r intake.FileResult) { out = append(out, r) })
	return out, err
}

// TestIngestFilesCommitsInBatches: independent messages are written in at
// most ceil(N/64) transactions, while a thread whose every message answers
// the previous one still lands on one item, in order.
func TestIngestFilesCommitsInBatches(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		const n = 150
		cs := &countingStore{Store: storeOf(db)}
		p := intake.New(cs, intake.Options{DataDir: t.TempDir()})
		results, err := ingestFiles(t, ctx, p, writeMessages(t, t.TempDir(), "new", n, false))
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range results {
			if r.Err != nil || r.Result.Action != intake.Created {
				t.Fatalf("%s: %v, %v; want created", r.Path, r.Result, r.Err)
			}
		}
		if got, most := cs.txs.Load(), int64((n+63)/64); got > most || len(results) != n {
			t.Fatalf("%d messages (%d results) in %d transactions, want at most %d", n, len(results), got, most)
		}

		results, err = ingestFiles(t, ctx, p, writeMessages(t, t.TempDir(), "chain", 20, true))
		if err != nil {
			t.Fatal(err)
		}
		first := results[0].Result
		for i, r := range results[1:] {
			if r.Err != nil || r.Result.Action != intake.Appended || r.Result.ItemID != first.ItemID {
				t.Fatalf("reply %d: %v, %v; want appended to #%d", i+1, r.Result, r.Err, first.ItemID)
			}
		}
		if got := len(mustEvents(t, db, first.ItemID)); got < 19 {
			t.Fatalf("item #%d has %d events, want the 19 replies", first.ItemID, got)
		}
	})
}

// TestIngestFilesCrashInBatch: a message failing inside a batch costs only
// itself; a run stopped inside a batch (context cancelled, as a killed
// process) commits nothing of that batch and reports nothing it did not
// commit; a re-run then completes the set, one item per message.
func TestIngestFilesCrashInBatch(t *testing.T) {
	for _, mode := range []string{"error", "cancel"} {
		t.Run(mode, func(t *testing.T) {
			storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
				const n = 100
				paths := writeMessages(t, t.TempDir(), "crash", n, false)
				files := t.TempDir()
				ctx, cancel := context.WithCancel(context.Background())
				defer cancel()
				// Each message writes one attachment row (its original).
				fs := &failingStore{Store: storeOf(db), failAt: func(k int64) bool { return k%10 == 3 }}
				if mode == "cancel" {
					fs.failAt = func(k int64) bool { return k == 80 }
					fs.cancel = cancel
				}
				results, err := ingestFiles(t, ctx, intake.New(fs, intake.Options{DataDir: files}), paths)
				if mode == "cancel" && !errors.Is(err, context.Canceled) {
					t.Fatalf("stopped run: %v", err)
				}
				failed := 0
				for _, r := range results {
					if r.Err != nil {
						failed++
						continue
					}
					if _, err := db.Items().FindItemByMessageID(context.Background(), r.Result.MessageID); err != nil {
						t.Fatalf("%s reported %v but is not in the database: %v", r.Path, r.Result, err)
					}
				}
				if mode == "error" && (failed == 0 || failed == n) {
					t.Fatalf("%d of %d failed; want the injected failures alone", failed, n)
				}
				if got := countItems(t, db); got != len(results)-failed {
					t.Fatalf("%d items after the failing run, %d reported written", got, len(results)-failed)
				}

				p := intake.New(storeOf(db), intake.Options{DataDir: files})
				results, err = ingestFiles(t, context.Background(), p, paths)
				if err != nil {
					t.Fatal(err)
				}
				for _, r := range results {
					if r.Err != nil || r.Result.Action != intake.Created {
						t.Fatalf("re-run %s: %v, %v", r.Path, r.Result, r.Err)
					}
				}
				if got := countItems(t, db); got != n {
					t.Fatalf("%d items after the re-run, want %d: one per message", got, n)
				}
				if k, err := p.Files().Sweep(context.Background(), db.MailLog(), 0, time.Now().Add(time.Hour)); err != nil || k != 0 {
					t.Fatalf("sweep removed %d orphaned files (%v), want 0", k, err)
				}
			})
		})
	}
}
