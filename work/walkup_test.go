package work

import (
	"context"
	"testing"

	"hitori"
	"hitori/sqlstore"
	"hitori/sqlstore/storetest"
)

func TestWalkUp(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		f := newFixture(t, db)
		other := mustUser(t, db, "other@example.com", hitori.RoleTechnician)
		tests := []struct {
			name       string
			ctx        context.Context
			assignee   *int64
			minutes    int
			done       bool
			wantCode   string
			wantStatus hitori.Status
			wantAssign int64
		}{
			{"done now, with minutes", f.techCtx, nil, 10, true, "", hitori.StatusResolved, f.tech.ID},
			{"still open, no minutes", f.techCtx, nil, 0, false, "", hitori.StatusNew, f.tech.ID},
			{"handed to a colleague", f.techCtx, &other.ID, 5, false, "", hitori.StatusNew, other.ID},
			{"minutes below zero", f.techCtx, nil, -5, true, hitori.EINVALID, "", 0},
			{"minutes past the bound", f.techCtx, nil, hitori.MaxMinutes + 1, false, hitori.EINVALID, "", 0},
			{"requesters take no walk-ups", f.satoCtx, nil, 0, true, hitori.EFORBIDDEN, "", 0},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				it := &hitori.Item{Title: tt.name, RequesterName: "受付の田中さん", AssigneeID: tt.assignee}
				err := f.svc.WalkUp(tt.ctx, it, tt.minutes, tt.done)
				wantCode(t, err, tt.wantCode)
				if tt.wantCode != "" {
					if it.ID != 0 {
						t.Errorf("refused walk-up was stored as #%d", it.ID)
					}
					return
				}
				got := f.mustFind(t, it.ID)
				if got.Source != hitori.SourceWalkUp || got.Type != hitori.TypeTicket || got.Status != tt.wantStatus ||
					got.MinutesSpent != tt.minutes || got.AssigneeID == nil || *got.AssigneeID != tt.wantAssign || got.FirstResponseDue == nil {
					t.Fatalf("walk-up: source %s type %s status %s minutes %d assignee %v due %v; want walk_up ticket %s, %d min, #%d, SLA set",
						got.Source, got.Type, got.Status, got.MinutesSpent, got.AssigneeID, got.FirstResponseDue, tt.wantStatus, tt.minutes, tt.wantAssign)
				}
				evs, err := db.Items().FindEvents(context.Background(), it.ID)
				if err != nil {
					t.Fatal(err)
				}
				notes := 0
				for _, e := range evs {
					if e.Kind == hitori.EventNote {
						notes++
						if e.Minutes != tt.minutes {
							t.Errorf("note with %d minutes, want %d", e.Minutes, tt.minutes)
						}
					}
				}
				if want := min(tt.minutes, 1); notes != want {
					t.Errorf("%d notes, want %d", notes, want)
				}
			})
		}
	})
}
