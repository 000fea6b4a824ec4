package sqlstore_test

import (
	"context"
	"slices"
	"testing"

	"hitori"
	"hitori/sqlstore"
	"hitori/sqlstore/storetest"
)

func batchReport(uuid, mac string, programs ...string) *hitori.InventoryReport {
	r := &hitori.InventoryReport{UUID: uuid, Hostname: "pc-" + uuid, MACs: []string{mac}}
	for _, p := range programs {
		r.Software = append(r.Software, hitori.InventorySoftware{Name: p, Version: "1"})
	}
	return r
}

func programNames(t *testing.T, db *sqlstore.DB, id int64) []string {
	t.Helper()
	list, err := db.Assets().AssetSoftware(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, s := range list {
		names = append(names, s.Name)
	}
	slices.Sort(names)
	return names
}

// TestInventoryBatchAppliesInOrder: reports of one batch are applied in
// order in one transaction; a second report of a device the batch created
// sees its programs, and each report gets its own outcome.
func TestInventoryBatchAppliesInOrder(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		reports := []*hitori.InventoryReport{
			batchReport("U-1", "02:00:00:00:00:01", "editor", "viewer"),
			batchReport("U-2", "02:00:00:00:00:02", "editor", "new-only-here"),
			batchReport("U-1", "02:00:00:00:00:01", "editor", "compiler"), // U-1 again: viewer gone, compiler new
			batchReport("U-3", "02:00:00:00:00:03"),
		}
		opts := make([]hitori.InventoryApply, len(reports))
		outs, errs := db.Assets().ApplyInventoryBatch(context.Background(), reports, opts)
		for i, err := range errs {
			if err != nil {
				t.Fatalf("report %d: %v", i, err)
			}
		}
		if !outs[0].Created || !outs[1].Created || !outs[3].Created || outs[2].Created {
			t.Fatalf("created: %+v", outs)
		}
		if outs[2].AssetID != outs[0].AssetID || !outs[2].Changed {
			t.Fatalf("second report of U-1: %+v, first %+v", outs[2], outs[0])
		}
		if got := programNames(t, db, outs[0].AssetID); !slices.Equal(got, []string{"compiler", "editor"}) {
			t.Errorf("U-1 programs %v", got)
		}
		if got := programNames(t, db, outs[1].AssetID); !slices.Equal(got, []string{"editor", "new-only-here"}) {
			t.Errorf("U-2 programs %v", got)
		}
		if got := programNames(t, db, outs[3].AssetID); len(got) != 0 {
			t.Errorf("U-3 programs %v", got)
		}
		hist, err := db.Assets().AssetHistory(context.Background(), outs[0].AssetID, 0)
		if err != nil || len(hist) != 2 {
			t.Fatalf("U-1 history: %d entries (%v), want created and one inventory change", len(hist), err)
		}
	})
}

// TestInventoryBatchBadReportFailsAlone: when one report of a batch fails,
// the others are still written and only its sender gets an error.
func TestInventoryBatchBadReportFailsAlone(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		// One MAC address twice: the store cannot write it (the inventory
		// package never hands it such a report), and finds out only after
		// the asset's row is written.
		bad := batchReport("U-BAD", "02:00:00:00:00:09", "editor")
		bad.MACs = append(bad.MACs, bad.MACs[0])
		reports := []*hitori.InventoryReport{
			batchReport("U-1", "02:00:00:00:00:01", "editor"),
			bad,
			batchReport("U-2", "02:00:00:00:00:02", "editor", "viewer"),
		}
		outs, errs := db.Assets().ApplyInventoryBatch(context.Background(), reports, make([]hitori.InventoryApply, 3))
		if errs[0] != nil || errs[2] != nil || errs[1] == nil {
			t.Fatalf("errors %v, want only the second report's", errs)
		}
		if !outs[0].Created || !outs[2].Created || outs[0].AssetID == outs[2].AssetID {
			t.Fatalf("outcomes %+v", outs)
		}
		if got := programNames(t, db, outs[2].AssetID); !slices.Equal(got, []string{"editor", "viewer"}) {
			t.Errorf("U-2 programs %v", got)
		}
		states, err := db.Assets().InventoryStates(context.Background(), false)
		if err != nil || len(states) != 2 {
			t.Fatalf("%d inventoried assets (%v), want 2", len(states), err)
		}
	})
}
