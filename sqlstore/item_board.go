package sqlstore

import (
	"cmp"
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"
	"sync"
	"time"

	"hitori"
)

// Board implements hitori.ItemService: one grouped count for the four
// quadrants, and one statement for every list on the board (each
// quadrant's top and the "next" queue, each a short walk of the items_next
// index or, narrowed by assignee, of items_open_assignee_next).
//
// Staff's boards are kept for boardTTL, or until this process writes to the
// database: under load the board is read far more often than items change,
// and its grouped count walks every open item. A change made by another
// process sharing the database (a command-line import, a second server)
// shows within boardTTL. The board returned is shared: do not modify it.
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
	if b := s.board.get(key, writes); b != nil {
		return b, nil
	}
	b, err := s.readBoard(ctx, f, top, next)
	if err != nil {
		return nil, err
	}
	s.board.put(key, writes, b)
	return b, nil
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

// boardTTL is how long a board is kept while this process writes nothing.
const boardTTL = 2 * time.Second

// boardCache holds recent boards by scope (everyone's, nobody's, or one
// assignee's open items) and size.
type boardCache struct {
	mu      sync.Mutex
	entries map[boardKey]boardEntry
}

type boardKey struct {
	scope     int64 // -1: every open item; 0: unassigned; else the assignee
	top, next int
}

type boardEntry struct {
	board  *hitori.ItemBoard
	writes uint64 // DB.writes when it was read
	at     time.Time
}

// get returns the board kept for key if nothing was written since and it
// is fresh, or nil.
func (c *boardCache) get(key boardKey, writes uint64) *hitori.ItemBoard {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.entries[key]
	if !ok || e.writes != writes || time.Since(e.at) >= boardTTL {
		return nil
	}
	return e.board
}

// put keeps b, read when DB.writes was writes.
func (c *boardCache) put(key boardKey, writes uint64, b *hitori.ItemBoard) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.entries == nil || len(c.entries) >= 64 { // one per staff member and scope: drop all rather than track age
		c.entries = map[boardKey]boardEntry{}
	}
	c.entries[key] = boardEntry{board: b, writes: writes, at: time.Now()}
}
