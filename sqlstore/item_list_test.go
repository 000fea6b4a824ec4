package sqlstore_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"hitori"
	"hitori/sqlstore"
	"hitori/sqlstore/storetest"
)

func titles(items []*hitori.Item) string {
	var out []string
	for _, it := range items {
		out = append(out, it.Title)
	}
	return strings.Join(out, ",")
}

func TestItemNextOrderAndFilters(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		f := newItemFixture(t, db)
		t0 := f.clock.Now()
		at := func(h float64) *time.Time { v := t0.Add(time.Duration(h * float64(time.Hour))); return &v }
		create := func(title string, created float64, it hitori.Item) *hitori.Item {
			f.clock.Set(*at(created))
			it.Title = title
			return MustCreateItem(t, db, f.adminCtx, &it)
		}
		create("A", 0, hitori.Item{Important: true, Type: hitori.TypeTask, DueAt: at(48)})
		create("B", 1, hitori.Item{Urgent: true, Important: true, ResolutionDue: at(10), AssigneeID: &f.tech.ID, Tags: []string{"PC"}})
		create("C", 2, hitori.Item{Urgent: true, Important: true, FirstResponseDue: at(5), ResolutionDue: at(30)})
		create("D", 3, hitori.Item{Urgent: true, Important: true, DueAt: at(24)})
		e := create("E", 4, hitori.Item{Urgent: true, Important: true, FirstResponseDue: at(1), ResolutionDue: at(20), AssigneeID: &f.tech.ID})
		create("F", 0, hitori.Item{})
		g := create("G", 0, hitori.Item{Urgent: true, Body: "100%完了しました"})
		create("H", 0.5, hitori.Item{Urgent: true, Important: true})
		f.clock.Set(*at(5))
		if err := db.Items().AddEvent(f.techCtx, &hitori.Event{ItemID: e.ID, Kind: hitori.EventReply, Body: "対応中"}); err != nil {
			t.Fatal(err)
		}
		resolved := hitori.StatusResolved
		if _, err := db.Items().UpdateItem(f.adminCtx, g.ID, hitori.ItemUpdate{Status: &resolved}); err != nil {
			t.Fatal(err)
		}
		ctx := f.adminCtx
		tests := []struct {
			name   string
			filter hitori.ItemFilter
			want   string
			total  int
		}{
			// C's first response is due soonest; E was answered, so its resolution target counts.
			{"next", hitori.ItemFilter{Sort: "next"}, "C,B,E,H,D,A,F", 7},
			{"next page", hitori.ItemFilter{Sort: "next", Offset: 2, Limit: 2}, "E,H", 7},
			{"past the end", hitori.ItemFilter{Sort: "next", Offset: 50}, "", 7},
			{"created", hitori.ItemFilter{}, "E,D,C,B,H,G,F,A", 8}, // ties newest id first,
			{"due", hitori.ItemFilter{Sort: "due", OpenOnly: true, Quadrant: 1}, "D,B,C,E,H", 5},
			{"quadrant 2", hitori.ItemFilter{Quadrant: 2}, "A", 1},
			{"statuses", hitori.ItemFilter{Statuses: []hitori.Status{hitori.StatusResolved, hitori.StatusClosed}}, "G", 1},
			{"assignee", hitori.ItemFilter{AssigneeID: &f.tech.ID, Sort: "next"}, "B,E", 2},
			{"unassigned open", hitori.ItemFilter{AssigneeID: ptr(int64(0)), OpenOnly: true, Sort: "next"}, "C,H,D,A,F", 5},
			{"type", hitori.ItemFilter{Type: hitori.TypeTask}, "A", 1},
			{"tag", hitori.ItemFilter{Tag: "PC"}, "B", 1},
			{"wildcard is literal", hitori.ItemFilter{Query: "%"}, "G", 1},
			{"text past the end", hitori.ItemFilter{Query: "%", Offset: 1}, "", 1},
			{"text folds case", hitori.ItemFilter{Query: "b", Type: hitori.TypeTicket}, "B", 1},
			{"underscore is literal", hitori.ItemFilter{Query: "_"}, "", 0},
			{"by key", hitori.ItemFilter{Query: hitori.ItemKey(e.ID)}, "E", 1},
			{"updated", hitori.ItemFilter{Limit: 2, Sort: "updated"}, "G,E", 8},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				items, total, err := db.Items().FindItems(ctx, tt.filter)
				if err != nil {
					t.Fatal(err)
				}
				if got := titles(items); got != tt.want || total != tt.total {
					t.Fatalf("got %q (total %d), want %q (total %d)", got, total, tt.want, tt.total)
				}
			})
		}
		counts, err := db.Items().CountItemsByQuadrant(ctx, hitori.ItemFilter{OpenOnly: true, Quadrant: 3})
		if err != nil || fmt.Sprint(counts) != "map[1:5 2:1 3:0 4:1]" {
			t.Fatalf("quadrant counts = %v, %v", counts, err)
		}
		for _, bad := range []hitori.ItemFilter{{Sort: "random"}, {Quadrant: 5}, {Statuses: []hitori.Status{"done"}}, {Type: "bug"}} {
			_, _, err := db.Items().FindItems(ctx, bad)
			if hitori.ErrorCode(err) != hitori.EINVALID {
				t.Errorf("filter %+v: got %v, want EINVALID", bad, err)
			}
		}
	})
}

func TestSeedItems(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		f := newItemFixture(t, db)
		first := MustCreateItem(t, db, f.adminCtx, &hitori.Item{Title: "既存"})
		created := f.clock.Now().Add(-24 * time.Hour)
		var batch []sqlstore.SeedItem
		for i := range 1100 {
			it := &hitori.Item{Title: fmt.Sprintf("生成 %d", i), Status: hitori.StatusClosed, Source: hitori.SourceEmail,
				RequesterID: &f.sato.ID, CreatedAt: created, UpdatedAt: created}
			s := sqlstore.SeedItem{Item: it}
			if i%2 == 0 {
				s.Events = []*hitori.Event{{Kind: hitori.EventNote, Body: "作業", Minutes: 3, AuthorID: &f.tech.ID, CreatedAt: created},
					{Kind: hitori.EventReply, Body: "完了", Minutes: 2, CreatedAt: created}}
			}
			batch = append(batch, s)
		}
		if err := db.Items().SeedItems(f.satoCtx, batch[:1]); hitori.ErrorCode(err) != hitori.EFORBIDDEN {
			t.Fatalf("requester seeding: %v", err)
		}
		if err := db.Items().SeedItems(context.Background(), batch); err != nil {
			t.Fatal(err)
		}
		_, total, err := db.Items().FindItems(f.adminCtx, hitori.ItemFilter{RequesterID: &f.sato.ID})
		if err != nil || total != 1100 {
			t.Fatalf("seeded %d, %v", total, err)
		}
		if batch[0].Item.ID <= first.ID || batch[1099].Item.ID != batch[0].Item.ID+1099 && db.Dialect == sqlstore.SQLite {
			t.Fatalf("seeded ids %d…%d after %d", batch[0].Item.ID, batch[1099].Item.ID, first.ID)
		}
		// A text query's count stops past hitori.ItemCountCap.
		page, total, err := db.Items().FindItems(f.adminCtx, hitori.ItemFilter{Query: "生成", Offset: 20, Limit: 10})
		if err != nil || total != hitori.ItemCountCap+1 || len(page) != 10 || page[0].Title != "生成 1079" {
			t.Fatalf("text search page: %d items of %d (first %q), %v", len(page), total, titles(page[:min(1, len(page))]), err)
		}
		got, err := db.Items().FindItemByID(f.satoCtx, batch[1098].Item.ID)
		if err != nil || got.MinutesSpent != 5 || got.Status != hitori.StatusClosed || !got.CreatedAt.Equal(created) {
			t.Fatalf("seeded item = %+v, %v", got, err)
		}
		if evs, err := db.Items().FindEvents(f.adminCtx, got.ID); err != nil || len(evs) != 2 || evs[0].ItemID != got.ID {
			t.Fatalf("seeded events = %+v, %v", evs, err)
		}
		// The id sequence moved past the seeded rows.
		next := MustCreateItem(t, db, f.adminCtx, &hitori.Item{Title: "次"})
		if next.ID <= batch[1099].Item.ID {
			t.Fatalf("new item id %d collides with seeded ids up to %d", next.ID, batch[1099].Item.ID)
		}
	})
}
