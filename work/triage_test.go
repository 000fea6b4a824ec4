package work

import (
	"context"
	"testing"

	"hitori"
	"hitori/sqlstore"
	"hitori/sqlstore/storetest"
)

func TestMove(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		f := newFixture(t, db)
		tests := []struct {
			name     string
			ctx      context.Context
			from, to hitori.Quadrant
			missing  bool
			wantCode string
			wantQ    hitori.Quadrant
			changes  int // change events the move records
		}{
			{"Q4 to Q1", f.techCtx, 4, 1, false, "", 1, 2},
			{"Q3 to Q2 flips both flags", f.techCtx, 3, 2, false, "", 2, 2},
			{"same quadrant records nothing", f.techCtx, 2, 2, false, "", 2, 0},
			{"no such quadrant", f.techCtx, 4, 5, false, hitori.EINVALID, 4, 0},
			{"requesters do not triage", f.satoCtx, 4, 1, false, hitori.EFORBIDDEN, 4, 0},
			{"missing item", f.techCtx, 4, 1, true, hitori.ENOTFOUND, 4, 0},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				it := f.mustItem(t, tt.name, tt.from)
				id := it.ID
				if tt.missing {
					id += 1_000_000
				}
				_, err := f.svc.Move(tt.ctx, id, tt.to)
				wantCode(t, err, tt.wantCode)
				if got := f.mustFind(t, it.ID).Quadrant(); got != tt.wantQ {
					t.Errorf("quadrant %d, want %d", got, tt.wantQ)
				}
				evs, err := db.Items().FindEvents(context.Background(), it.ID)
				if err != nil {
					t.Fatal(err)
				}
				if len(evs) != tt.changes {
					t.Errorf("%d events, want %d: %+v", len(evs), tt.changes, evs)
				}
			})
		}
	})
}

func TestBulkUpdate(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		f := newFixture(t, db)
		inProgress := hitori.StatusInProgress
		tests := []struct {
			name     string
			ctx      context.Context
			ids      func(a, b int64) []int64
			wantDone int
			wantCode string
			changed  [2]bool // whether a and b moved to in progress
		}{
			{"every item changes", f.techCtx, func(a, b int64) []int64 { return []int64{a, b} }, 2, "", [2]bool{true, true}},
			{"stops at the first failure", f.techCtx, func(a, b int64) []int64 { return []int64{a, b + 1_000_000, b} }, 1, hitori.ENOTFOUND, [2]bool{true, false}},
			{"too many is refused before any change", f.techCtx, func(a, b int64) []int64 { return append([]int64{a, b}, make([]int64, MaxBulk)...) }, 0, hitori.EINVALID, [2]bool{}},
			{"requesters do not triage", f.satoCtx, func(a, b int64) []int64 { return []int64{a, b} }, 0, hitori.EFORBIDDEN, [2]bool{}},
			{"no items, nothing done", f.techCtx, func(a, b int64) []int64 { return nil }, 0, "", [2]bool{}},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				a, b := f.mustItem(t, tt.name+" a", 4), f.mustItem(t, tt.name+" b", 4)
				done, err := f.svc.BulkUpdate(tt.ctx, tt.ids(a.ID, b.ID), hitori.ItemUpdate{Status: &inProgress})
				wantCode(t, err, tt.wantCode)
				if done != tt.wantDone {
					t.Errorf("done %d, want %d", done, tt.wantDone)
				}
				for i, it := range []*hitori.Item{a, b} {
					if got := f.mustFind(t, it.ID).Status == inProgress; got != tt.changed[i] {
						t.Errorf("item %d in progress: %v, want %v", i, got, tt.changed[i])
					}
				}
			})
		}
	})
}

func TestMerge(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		f := newFixture(t, db)
		merged := f.mustItem(t, "already merged", 4)
		keeper := f.mustItem(t, "keeper", 4)
		if err := f.svc.Merge(f.techCtx, merged.ID, keeper.ID); err != nil {
			t.Fatal(err)
		}
		tests := []struct {
			name     string
			ctx      context.Context
			dup      func(fresh int64) int64
			wantCode string
		}{
			{"duplicate closes into the kept item", f.techCtx, func(fresh int64) int64 { return fresh }, ""},
			{"an item already merged", f.techCtx, func(int64) int64 { return merged.ID }, hitori.ECONFLICT},
			{"requesters do not merge", f.satoCtx, func(fresh int64) int64 { return fresh }, hitori.EFORBIDDEN},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				into := f.mustItem(t, tt.name+" (kept)", 4)
				dup := tt.dup(f.mustItem(t, tt.name, 4).ID)
				before := f.mustFind(t, dup)
				err := f.svc.Merge(tt.ctx, dup, into.ID)
				wantCode(t, err, tt.wantCode)
				got := f.mustFind(t, dup)
				if tt.wantCode != "" {
					if (got.MergedInto == nil) != (before.MergedInto == nil) || got.Status != before.Status {
						t.Errorf("refused merge changed the duplicate: %+v", got)
					}
					return
				}
				if got.MergedInto == nil || *got.MergedInto != into.ID || got.Status != hitori.StatusClosed {
					t.Errorf("duplicate: merged into %v, status %s; want #%d, closed", got.MergedInto, got.Status, into.ID)
				}
			})
		}
		// Merging an item into itself is refused as a field error of the form.
		self := f.mustItem(t, "self", 4)
		wantCode(t, f.svc.Merge(f.techCtx, self.ID, self.ID), hitori.EINVALID)
	})
}
