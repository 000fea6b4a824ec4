package sqlstore_test

import (
	"context"
	"testing"

	"hitori"
	"hitori/sqlstore"
	"hitori/sqlstore/storetest"
)

// TestListCountKeptUntilAWrite: a list's total read again for the same
// filter comes from memory (only the page is queried), any write of this
// process makes the next total fresh, and users who may see different
// items (requesters: their own) or ask different filters (a text, "mine")
// never get each other's total.
func TestListCountKeptUntilAWrite(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		f := newItemFixture(t, db)
		for _, it := range []hitori.Item{
			{Title: "プリンターが動かない", RequesterID: &f.sato.ID},
			{Title: "プリンターの紙詰まり", RequesterID: &f.suzuki.ID, AssigneeID: &f.tech.ID},
			{Title: "VPN に接続できない", RequesterID: &f.sato.ID},
		} {
			MustCreateItem(t, db, f.adminCtx, &it)
		}
		total := func(ctx context.Context, filter hitori.ItemFilter) (int, int64) {
			t.Helper()
			filter.Limit = 50
			before := db.ReadsForTest()
			_, n, err := db.Items().FindItems(ctx, filter)
			if err != nil {
				t.Fatal(err)
			}
			return n, db.ReadsForTest() - before
		}
		open := hitori.ItemFilter{OpenOnly: true}
		printer := hitori.ItemFilter{OpenOnly: true, Query: "プリンター"}
		mine := hitori.ItemFilter{OpenOnly: true, AssigneeID: &f.tech.ID}
		tests := []struct {
			name           string
			ctx            context.Context
			filter         hitori.ItemFilter
			want           int
			wantQueries    int64
			afterWriteWant int
		}{
			{"staff, open", f.adminCtx, open, 3, 2, 4},
			{"staff again: the total kept", f.techCtx, open, 3, 1, 4},
			{"staff, a text", f.adminCtx, printer, 2, 2, 3},
			{"staff, the text again", f.techCtx, printer, 2, 1, 3},
			{"staff, mine", f.techCtx, mine, 1, 2, 1},
			{"a requester: their own", f.satoCtx, open, 2, 2, 3},
			{"another requester: their own", f.suzukiCtx, open, 1, 2, 1},
			{"a requester's text", f.satoCtx, printer, 1, 2, 2},
		}
		for _, tt := range tests {
			if n, q := total(tt.ctx, tt.filter); n != tt.want || q != tt.wantQueries {
				t.Errorf("%s: total %d in %d queries, want %d in %d", tt.name, n, q, tt.want, tt.wantQueries)
			}
		}
		MustCreateItem(t, db, f.adminCtx, &hitori.Item{Title: "プリンターのトナー", RequesterID: &f.sato.ID})
		for _, tt := range tests {
			if n, _ := total(tt.ctx, tt.filter); n != tt.afterWriteWant {
				t.Errorf("after a write, %s: total %d, want %d", tt.name, n, tt.afterWriteWant)
			}
		}
	})
}
