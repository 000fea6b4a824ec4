package asset_test

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"hitori"
	"hitori/asset"
	"hitori/sqlstore"
	"hitori/sqlstore/storetest"
)

// batchSpy is the store with its batches recorded; the first batch waits
// for release, so that the reports sent meanwhile queue up.
type batchSpy struct {
	*sqlstore.Assets
	mu      sync.Mutex
	sizes   []int
	entered chan struct{}
	release chan struct{}
}

func (s *batchSpy) ApplyInventoryBatch(ctx context.Context, reports []*hitori.InventoryReport, opts []hitori.InventoryApply) ([]hitori.InventoryOutcome, []error) {
	s.mu.Lock()
	s.sizes = append(s.sizes, len(reports))
	first := len(s.sizes) == 1
	s.mu.Unlock()
	if first {
		close(s.entered)
		<-s.release
	}
	return s.Assets.ApplyInventoryBatch(ctx, reports, opts)
}

// TestIngestBatchesConcurrentReports: reports arriving while a batch is
// written are written together in the next one, and each sender gets its
// own report's outcome, a second report of the same device included.
func TestIngestBatchesConcurrentReports(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		spy := &batchSpy{Assets: db.Assets(), entered: make(chan struct{}), release: make(chan struct{})}
		svc := asset.New(spy)
		svc.Settings = db.Settings()
		dev := func(i int, programs ...string) *hitori.InventoryReport {
			r := &hitori.InventoryReport{UUID: fmt.Sprintf("UUID-%d", i), Hostname: fmt.Sprintf("pc-%d", i),
				MACs: []string{fmt.Sprintf("02:00:00:00:00:%02x", i)}}
			for _, p := range programs {
				r.Software = append(r.Software, hitori.InventorySoftware{Name: p, Version: "1"})
			}
			return r
		}
		reports := []*hitori.InventoryReport{
			dev(0, "editor"),
			dev(1, "editor", "viewer"),
			dev(2, "editor"),
			dev(3),
			dev(1, "editor", "compiler"), // device 1 again, after its first report
		}
		outs := make([]hitori.InventoryOutcome, len(reports))
		errs := make([]error, len(reports))
		var wg sync.WaitGroup
		send := func(i int) {
			defer wg.Done()
			outs[i], errs[i] = svc.Ingest(context.Background(), reports[i], "192.0.2.1")
		}
		wg.Add(1)
		go send(0)
		<-spy.entered
		for i := 1; i < 4; i++ {
			wg.Add(1)
			go send(i)
		}
		waitQueued(t, svc, 3)
		wg.Add(1)
		go send(4) // queued behind device 1's first report
		waitQueued(t, svc, 4)
		close(spy.release)
		wg.Wait()
		for i, err := range errs {
			if err != nil {
				t.Fatalf("report %d: %v", i, err)
			}
		}
		if fmt.Sprint(spy.sizes) != "[1 4]" {
			t.Errorf("batches %v, want [1 4]", spy.sizes)
		}
		ids := map[int64]bool{}
		for i := range 4 {
			if !outs[i].Created || ids[outs[i].AssetID] {
				t.Errorf("report %d: %+v", i, outs[i])
			}
			ids[outs[i].AssetID] = true
		}
		if outs[4].Created || outs[4].AssetID != outs[1].AssetID || !outs[4].Changed {
			t.Errorf("device 1's second report: %+v (first %+v)", outs[4], outs[1])
		}
		sw, err := db.Assets().AssetSoftware(context.Background(), outs[1].AssetID)
		if err != nil || len(sw) != 2 {
			t.Fatalf("device 1 programs %+v (%v)", sw, err)
		}
		for _, s := range sw {
			if s.Name == "viewer" {
				t.Errorf("device 1 still has viewer: %+v", sw)
			}
		}
	})
}

func waitQueued(t *testing.T, svc *asset.Service, n int) {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); svc.QueuedInventoryForTest() < n; {
		if time.Now().After(deadline) {
			t.Fatalf("%d reports queued, want %d", svc.QueuedInventoryForTest(), n)
		}
		time.Sleep(time.Millisecond)
	}
}
