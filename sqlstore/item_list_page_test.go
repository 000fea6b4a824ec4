package sqlstore_test

import (
	"fmt"
	"testing"

	"hitori"
	"hitori/sqlstore"
	"hitori/sqlstore/storetest"
)

// TestListPageCountsOnlyWhatIsCheap: the work list's total for a text the
// index cannot count alone comes from the page, read one item longer than
// shown: exact when the page ends the list, "more than" the pages so far
// when it does not, and no count statement either way. Where the index
// counts alone (SQLite, three characters or more, the open list or every
// item), the total is counted as before.
func TestListPageCountsOnlyWhatIsCheap(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		f := newItemFixture(t, db)
		for i := range 5 {
			MustCreateItem(t, db, f.adminCtx, &hitori.Item{Title: fmt.Sprintf("画面が暗い %d", i), Body: "Outlook の表示も遅い"})
		}
		MustCreateItem(t, db, f.adminCtx, &hitori.Item{Title: "OUTLOOK が起動しない", Body: "画面は正常"})
		MustCreateItem(t, db, f.adminCtx, &hitori.Item{Title: "プリンターの紙詰まり", Body: "2階"})
		tests := []listPageCase{
			{"a page that ends the list: exact, one statement", hitori.ItemFilter{OpenOnly: true, Query: "紙詰"}, 1, 1, false, 1},
			{"two characters, more than a page", hitori.ItemFilter{OpenOnly: true, Query: "画面", Limit: 2}, 2, 2, true, 1},
			{"two characters, the second page", hitori.ItemFilter{OpenOnly: true, Query: "画面", Limit: 2, Offset: 2}, 2, 4, true, 1},
			{"two characters, the last page", hitori.ItemFilter{OpenOnly: true, Query: "画面", Limit: 2, Offset: 4}, 2, 6, false, 1},
			{"past the end: counted", hitori.ItemFilter{OpenOnly: true, Query: "画面", Limit: 2, Offset: 10}, 0, 6, false, 2},
			{"with another condition", hitori.ItemFilter{OpenOnly: true, Query: "画面が暗", Type: hitori.TypeTicket, Limit: 2}, 2, 2, true, 1},
			{"no text: counted", hitori.ItemFilter{OpenOnly: true, Limit: 2}, 2, 7, false, 2},
		}
		if db.Dialect == sqlstore.SQLite {
			// The index alone counts: the count, then the page.
			tests = append(tests,
				listPageCase{"three Japanese characters, open list: counted", hitori.ItemFilter{OpenOnly: true, Query: "画面が", Limit: 2}, 2, 5, false, 2},
				listPageCase{"ASCII in another case, open list: counted", hitori.ItemFilter{OpenOnly: true, Query: "outlook", Limit: 2}, 2, 6, false, 2})
		} else {
			tests = append(tests, listPageCase{"ASCII in another case: from the page", hitori.ItemFilter{OpenOnly: true, Query: "outlook", Limit: 2}, 2, 2, true, 1})
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				db.Items().ResetReadCachesForTest()
				before := db.ReadsForTest()
				got, err := db.Items().ListPage(f.techCtx, tt.filter)
				if err != nil {
					t.Fatal(err)
				}
				queries := db.ReadsForTest() - before
				if len(got.Items) != tt.wantItems || got.Total != tt.wantTotal || got.More != tt.wantMore || queries != tt.wantQueries {
					t.Errorf("%d items, total %d, more %v in %d statements; want %d, %d, %v in %d",
						len(got.Items), got.Total, got.More, queries, tt.wantItems, tt.wantTotal, tt.wantMore, tt.wantQueries)
				}
			})
		}
	})
}

type listPageCase struct {
	name        string
	filter      hitori.ItemFilter
	wantItems   int
	wantTotal   int
	wantMore    bool
	wantQueries int64
}

// TestOpenListWalkFindsTheSamePage: a text common among open items finds
// its page by walking the newest open items (walkOpenText) and lists what
// the text index lists, page after page.
func TestOpenListWalkFindsTheSamePage(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		f := newItemFixture(t, db)
		resolved := hitori.StatusResolved
		for i := range 12 {
			it := MustCreateItem(t, db, f.adminCtx, &hitori.Item{Title: fmt.Sprintf("件 %d", i), Body: []string{"プリンターが詰まる", "OUTLOOK が重い", "電話"}[i%3]})
			if i%4 == 0 {
				if _, err := db.Items().UpdateItem(f.adminCtx, it.ID, hitori.ItemUpdate{Status: &resolved}); err != nil {
					t.Fatal(err)
				}
			}
		}
		for _, q := range []string{"プリンター", "outlook", "詰まる", "重い"} {
			for _, offset := range []int{0, 2} {
				filter := hitori.ItemFilter{OpenOnly: true, Query: q, Limit: 2, Offset: offset}
				db.Items().ResetReadCachesForTest()
				indexed, err := db.Items().ListPage(f.techCtx, filter)
				if err != nil {
					t.Fatal(err)
				}
				restore := sqlstore.SetWalkOpenTextAboveForTest(0)
				db.Items().ResetReadCachesForTest()
				walked, err := db.Items().ListPage(f.techCtx, filter)
				restore()
				if err != nil {
					t.Fatal(err)
				}
				if a, b := titles(indexed.Items), titles(walked.Items); a != b || indexed.Total != walked.Total || indexed.More != walked.More {
					t.Errorf("%q from %d: index %q (%d, more %v), walk %q (%d, more %v)", q, offset, a, indexed.Total, indexed.More, b, walked.Total, walked.More)
				}
			}
		}
	})
}
