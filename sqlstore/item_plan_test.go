package sqlstore_test

import (
	"context"
	"regexp"
	"slices"
	"strings"
	"testing"

	"hitori"
	"hitori/sqlstore"
	"hitori/sqlstore/storetest"
)

// openIndexes are the indexes over open items only (migrations 0014, 0016):
// a plan that reads items through anything else for an open filter reads
// closed items too, which are nearly all of a large installation.
var openIndexes = []string{"items_next", "items_open_created", "items_open_assignee_next", "items_open_assignee_created",
	"items_open_title_trgm", "items_open_body_trgm", "items_open_updated"}

var (
	sqliteItemAccess = regexp.MustCompile(`(SCAN|SEARCH) items\b( USING (COVERING )?INDEX (\w+)| USING INTEGER PRIMARY KEY)?`)
	pgItemAccess     = regexp.MustCompile(`(Seq Scan on items\b|Index (Only )?Scan( Backward)? using (\w+) on items\b|Bitmap Index Scan on (\w+))`)
)

// planIndexes returns the indexes a plan reads items through, and whether
// it reads the items table in full.
func planIndexes(dialect, plan string) (indexes []string, fullScan bool) {
	if dialect == sqlstore.Postgres {
		for _, m := range pgItemAccess.FindAllStringSubmatch(plan, -1) {
			switch {
			case strings.HasPrefix(m[1], "Seq Scan"):
				fullScan = true
			case m[4] != "":
				indexes = append(indexes, m[4])
			default:
				indexes = append(indexes, m[5])
			}
		}
		return indexes, fullScan
	}
	for _, m := range sqliteItemAccess.FindAllStringSubmatch(plan, -1) {
		switch {
		case m[4] != "":
			indexes = append(indexes, m[4])
		case m[2] == "":
			fullScan = true
		}
	}
	return indexes, fullScan
}

// TestOpenFiltersUseOpenIndexes: "open" (the board, the default list, the
// list by assignee, with or without text) is answered from the indexes over
// open items, for the counts as well as the pages — never by a scan of
// every item or of an index holding closed ones (issue 14).
func TestOpenFiltersUseOpenIndexes(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		f := newItemFixture(t, db)
		ctx := f.adminCtx
		resolved, closed := hitori.StatusResolved, hitori.StatusClosed
		for i, it := range []hitori.Item{{}, {Urgent: true}, {Important: true, AssigneeID: &f.tech.ID}, {Urgent: true, Important: true},
			{AssigneeID: &f.tech.ID, Body: "プリンターが壊れた"}, {Title: "プリンター", Urgent: true}} {
			it.Title += " open"
			MustCreateItem(t, db, ctx, &it)
			if i < 4 { // and as many closed ones, to be copied below
				c := hitori.Item{Title: "closed プリンター", AssigneeID: it.AssigneeID}
				MustCreateItem(t, db, ctx, &c)
				st := []*hitori.Status{&resolved, &closed}[i%2]
				if _, err := db.Items().UpdateItem(ctx, c.ID, hitori.ItemUpdate{Status: st}); err != nil {
					t.Fatal(err)
				}
			}
		}
		// A large installation: closed items are nearly all of them.
		cols := `type, title, body, status, source, category, tags, urgent, important, quadrant, requester_id, requester_name,
			requester_email, assignee_id, vendor, due_at, first_response_due, resolution_due, first_responded_at, resolved_at,
			sla_next, merged_into, minutes_spent, created_at, updated_at`
		for range 10 {
			if err := db.ExecForTest(ctx, `INSERT INTO items (`+cols+`) SELECT `+cols+` FROM items WHERE status IN ('resolved', 'closed')`); err != nil {
				t.Fatal(err)
			}
		}
		// What autovacuum does on PostgreSQL; hitori never analyzes SQLite.
		if err := analyzeForTest(db); err != nil {
			t.Fatal(err)
		}
		none := int64(0)
		filters := []struct {
			name string
			f    hitori.ItemFilter
		}{
			{"board", hitori.ItemFilter{OpenOnly: true, Sort: "next"}},
			{"board mine", hitori.ItemFilter{OpenOnly: true, Sort: "next", AssigneeID: &f.tech.ID}},
			{"board unassigned", hitori.ItemFilter{OpenOnly: true, Sort: "next", AssigneeID: &none}},
			{"default list", hitori.ItemFilter{OpenOnly: true}},
			{"default list by assignee", hitori.ItemFilter{OpenOnly: true, AssigneeID: &f.tech.ID}},
			{"default list with text", hitori.ItemFilter{OpenOnly: true, Query: "プリンター"}},
			{"default list with text by assignee", hitori.ItemFilter{OpenOnly: true, Query: "プリンター", AssigneeID: &f.tech.ID}},
			{"open list by last update", hitori.ItemFilter{OpenOnly: true, Sort: "updated"}},
			{"open list by last update, text and type", hitori.ItemFilter{OpenOnly: true, Sort: "updated", Query: "佐藤", Type: hitori.TypeTask}},
			{"open statuses", hitori.ItemFilter{Statuses: []hitori.Status{hitori.StatusNew, hitori.StatusInProgress}, AssigneeID: &f.tech.ID}},
		}
		for _, tc := range filters {
			plans, err := db.ItemPlansForTest(ctx, tc.f)
			if err != nil {
				t.Fatalf("%s: %v", tc.name, err)
			}
			for stmt, plan := range plans {
				indexes, full := planIndexes(db.Dialect, plan)
				if full {
					t.Errorf("%s, %s: reads every item:\n%s", tc.name, stmt, plan)
				}
				if tc.name == "open statuses" {
					// Statuses named one by one: any index lookup of them will do.
					if len(indexes) == 0 {
						t.Errorf("%s, %s: no index:\n%s", tc.name, stmt, plan)
					}
					continue
				}
				for _, ix := range indexes {
					if !slices.Contains(openIndexes, ix) && ix != "items_pkey" {
						t.Errorf("%s, %s: reads items through %s, which holds closed items too:\n%s", tc.name, stmt, ix, plan)
					}
				}
			}
		}
	})
}

func analyzeForTest(db *sqlstore.DB) error {
	if db.Dialect != sqlstore.Postgres {
		return nil
	}
	return db.ExecForTest(context.Background(), `ANALYZE items`)
}
