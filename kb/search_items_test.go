package kb_test

import (
	"context"
	"fmt"
	"testing"

	"hitori"
	"hitori/kb"
	"hitori/search"
)

// recordingItems is an item store that records what the search asks of it.
type recordingItems struct {
	hitori.ItemService // nil: any other call panics
	counted            int
	limits             []int
}

func (r *recordingItems) FindItems(ctx context.Context, f hitori.ItemFilter) ([]*hitori.Item, int, error) {
	r.counted++
	items, err := r.ListItems(ctx, f)
	return items, len(items), err
}

func (r *recordingItems) ListItems(_ context.Context, f hitori.ItemFilter) ([]*hitori.Item, error) {
	r.limits = append(r.limits, f.Limit)
	var out []*hitori.Item
	for i := range f.Limit {
		out = append(out, &hitori.Item{ID: int64(i + 1), Title: "プリンター " + f.Query, Body: f.Query})
	}
	return out, nil
}

// TestSearchAllAsksItemsOnlyForRoom: the search box asks the item store
// only for the places the articles leave on the page, never counts every
// matching item, and does not ask at all when articles fill the page
// (issue 14: a million items were counted and listed, then dropped).
func TestSearchAllAsksItemsOnlyForRoom(t *testing.T) {
	tests := []struct {
		name       string
		articles   int
		kinds      []string
		limit      int
		wantLimits []int
		wantHits   int
	}{
		{"articles fill the page", 12, nil, 10, nil, 10},
		{"room for some items", 3, nil, 10, []int{7}, 10},
		{"no articles", 0, nil, 10, []int{10}, 10},
		{"items only", 12, []string{"item"}, 5, []int{5}, 5},
		{"articles only", 3, []string{"article"}, 10, nil, 3},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			svc := kb.New(nil, nil)
			for i := range tc.articles {
				svc.Index.Put(search.Doc{Kind: search.KindArticle, ID: fmt.Sprint(i), Title: "プリンターの設定 " + fmt.Sprint(i),
					Body: "プリンターを使う", Access: "everyone"})
			}
			items := &recordingItems{}
			svc.Items = items
			hits, _, err := svc.SearchAll(context.Background(), "プリンター", tc.kinds, tc.limit, true)
			if err != nil {
				t.Fatal(err)
			}
			if len(hits) != tc.wantHits || items.counted != 0 || fmt.Sprint(items.limits) != fmt.Sprint(tc.wantLimits) {
				t.Fatalf("hits %d, counted %d times, item limits %v; want %d hits, no count, limits %v",
					len(hits), items.counted, items.limits, tc.wantHits, tc.wantLimits)
			}
		})
	}
}
