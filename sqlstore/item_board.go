package sqlstore

import (
	"cmp"
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"

	"hitori"
)

// Board implements hitori.ItemService: one grouped count for the four
// quadrants, and one statement for every list on the board (each
// quadrant's top and the "next" queue, each a short walk of the items_next
// index or, narrowed by assignee, of items_open_assignee_next).
//
// Staff's boards are kept (readCache) until this process writes or
// readCacheTTL passes: under load the board is read far more often than
// items change, and its grouped count walks every open item. The board
// returned is shared: do not modify it.
func (s *Items) Board(ctx context.Context, f hitori.ItemFilter, top, next int) (*hitori.ItemBoard, error) {
	f = hitori.ItemFilter{OpenOnly: true, Sort: "next", AssigneeID: f.AssigneeID}
	u, err := itemActor(ctx)
	if err != nil {
		return nil, err
	}
	if !isStaff(u) { // a requester's board is their own: not shared
		return s.readBoard(ctx, f, top, next)
	}
	key := boardKey{scope: -1, top: top, next: next}
	if f.AssigneeID != nil {
		key.scope = *f.AssigneeID
	}
	writes := s.db.writes.Load() // before reading: a write during the read makes the copy stale
	return s.board.Load(ctx, key, writes, func() (*hitori.ItemBoard, error) { return s.readBoard(ctx, f, top, next) })
}

// readBoard reads the board from the database.
func (s *Items) readBoard(ctx context.Context, f hitori.ItemFilter, top, next int) (*hitori.ItemBoard, error) {
	counts, err := s.CountItemsByQuadrant(ctx, f)
	if err != nil {
		return nil, err
	}
	b := &hitori.ItemBoard{Counts: counts, Top: map[hitori.Quadrant][]*hitori.Item{}}
	query, args, err := s.boardQuery(ctx, f, counts, top, next)
	if err != nil || query == "" {
		return b, err
	}
	rows, err := s.db.r.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: board: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var n int
		it, err := scanItem(boardRow{rows, &n})
		if err != nil {
			return nil, fmt.Errorf("sqlstore: board: %w", err)
		}
		if n == 0 {
			b.Next = append(b.Next, it)
		} else {
			b.Top[hitori.Quadrant(n)] = append(b.Top[hitori.Quadrant(n)], it)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("sqlstore: board: %w", err)
	}
	// A compound SELECT promises no order: put each list back in the
	// queue's (the same keys as itemOrders["next"]).
	for _, list := range append(slices.Collect(maps.Values(b.Top)), b.Next) {
		slices.SortFunc(list, nextOrder)
	}
	return b, nil
}

// nextOrder compares items as the "next" queue orders them.
func nextOrder(a, b *hitori.Item) int {
	return cmp.Or(cmp.Compare(a.Quadrant(), b.Quadrant()), slaNext(a).Compare(slaNext(b)),
		a.CreatedAt.Compare(b.CreatedAt), cmp.Compare(a.ID, b.ID))
}

// boardQuery is the one statement listing the board's items: each
// non-empty quadrant's first top items (parts 1-4) and the "next" queue's
// first next items (part 0). Empty when there is nothing to list.
func (s *Items) boardQuery(ctx context.Context, f hitori.ItemFilter, counts map[hitori.Quadrant]int, top, next int) (string, []any, error) {
	where, args, err := s.itemWhere(ctx, f)
	if err != nil {
		return "", nil, err
	}
	// Each part is a subquery, as SQLite takes ORDER BY and LIMIT in a
	// compound SELECT only at its end.
	var parts []string
	part := func(n int, cond string, limit int) {
		parts = append(parts, fmt.Sprintf(`SELECT * FROM (SELECT %d AS board_part, %s FROM items %s%s ORDER BY %s LIMIT %d) AS p%[1]d`,
			n, itemColumns, where, cond, itemOrders["next"], limit))
	}
	for q := hitori.Quadrant(1); q <= 4; q++ {
		if counts[q] > 0 && top > 0 {
			part(int(q), fmt.Sprintf(" AND quadrant = %d", q), top)
		}
	}
	if next > 0 && len(parts) > 0 {
		part(0, "", next)
	}
	return strings.Join(parts, " UNION ALL "), args, nil
}

// boardRow scans the board's leading part number, then an item.
type boardRow struct {
	scanner
	part *int
}

func (r boardRow) Scan(dest ...any) error {
	return r.scanner.Scan(append([]any{r.part}, dest...)...)
}

// boardKey names a board: its scope (everyone's, nobody's, or one
// assignee's open items) and size.
type boardKey struct {
	scope     int64 // -1: every open item; 0: unassigned; else the assignee
	top, next int
}
