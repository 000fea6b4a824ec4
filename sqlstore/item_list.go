package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"hitori"
)

// itemOrders are the ORDER BY clauses of ItemFilter.Sort. Every one ends in
// id so pages are stable; "next" matches the items_next index.
var itemOrders = map[string]string{
	"":        "created_at DESC, id DESC",
	"created": "created_at DESC, id DESC",
	"updated": "updated_at DESC, id DESC",
	"next":    "quadrant, sla_next, created_at, id",
	// NULLs sort first in SQLite and last in PostgreSQL: say where they go.
	"due": "(due_at IS NULL), due_at, id",
}

// itemWhere turns a filter into a WHERE clause for the context's user:
// requesters are held to their own items whatever the filter says.
func (s *Items) itemWhere(ctx context.Context, f hitori.ItemFilter) (string, []any, error) {
	return s.itemWhereFor(ctx, f, wherePage)
}

// whereFor says what a WHERE clause serves, which decides how a text query
// finds its rows.
type whereFor int

const (
	wherePage     whereFor = iota // a page in the list's order
	whereCount                    // a count: no order to walk, so the text's matches may drive it
	wherePageWalk                 // a page found by walking the order and checking each row (walkOpenText)
)

// itemWhereFor is itemWhere for a page, a count or a walk.
func (s *Items) itemWhereFor(ctx context.Context, f hitori.ItemFilter, how whereFor) (string, []any, error) {
	u, err := itemActor(ctx)
	if err != nil {
		return "", nil, err
	}
	if !isStaff(u) {
		f.RequesterID = &u.ID
	}
	var conds []string
	var args []any
	add := func(cond string, v any) {
		args = append(args, v)
		conds = append(conds, fmt.Sprintf(cond, len(args)))
	}
	if q := strings.TrimSpace(f.Query); q != "" {
		scope := textScopeOf(f)
		switch {
		case how == wherePageWalk:
			scope = textScan
		case scope != textOpen:
			common, err := s.commonText(ctx, q)
			if err != nil {
				return "", nil, err
			}
			if common {
				scope = textScan
			}
		case how == whereCount:
			scope = textOpenCount
		}
		var cond string
		cond, args = s.textCond(q, scope, args)
		conds = append(conds, cond)
	}
	if len(f.Statuses) > 0 {
		var ph []string
		for _, s := range f.Statuses {
			if !s.Valid() {
				return "", nil, hitori.FieldError("status", "error.invalid")
			}
			args = append(args, string(s))
			ph = append(ph, fmt.Sprintf("$%d", len(args)))
		}
		conds = append(conds, "status IN ("+strings.Join(ph, ", ")+")")
	}
	if f.OpenOnly || f.Sort == "next" {
		conds = append(conds, s.openCond())
	}
	if f.Type != "" {
		if !f.Type.Valid() {
			return "", nil, hitori.FieldError("type", "error.invalid")
		}
		add("type = $%d", string(f.Type))
	}
	if f.Quadrant != 0 {
		if f.Quadrant < 1 || f.Quadrant > 4 {
			return "", nil, hitori.FieldError("quadrant", "error.invalid")
		}
		add("quadrant = $%d", int(f.Quadrant))
	}
	// An id of 0 asks for items with nobody in that role (the unassigned queue).
	for _, p := range []struct {
		col string
		id  *int64
	}{{"assignee_id", f.AssigneeID}, {"requester_id", f.RequesterID}} {
		switch {
		case p.id == nil:
		case *p.id == 0:
			conds = append(conds, p.col+" IS NULL")
		default:
			add(p.col+" = $%d", *p.id)
		}
	}
	if f.Category != "" {
		add("category = $%d", f.Category)
	}
	if f.Tag != "" {
		add(`tags LIKE $%d ESCAPE '\'`, "%\n"+escapeLike(f.Tag)+"\n%")
	}
	if len(conds) == 0 {
		return "", args, nil
	}
	return "WHERE " + strings.Join(conds, " AND "), args, nil
}

// FindItems lists one page of the items the context's user may see and the
// total matching the filter.
func (s *Items) FindItems(ctx context.Context, f hitori.ItemFilter) ([]*hitori.Item, int, error) {
	return s.findItems(ctx, f, true)
}

// ListItems lists one page of the items the context's user may see, without
// the total: on a large installation the count costs more than the page.
func (s *Items) ListItems(ctx context.Context, f hitori.ItemFilter) ([]*hitori.Item, error) {
	items, _, err := s.findItems(ctx, f, false)
	return items, err
}

func (s *Items) findItems(ctx context.Context, f hitori.ItemFilter, count bool) ([]*hitori.Item, int, error) {
	offset, _ := hitori.Page(f.Offset, f.Limit, 50, 500)
	total := -1
	if u, err := itemActor(ctx); err == nil && isStaff(u) && count && textOnly(f) {
		// The text index has told already whether matches pass the cap.
		common, err := s.commonText(ctx, strings.TrimSpace(f.Query))
		if err != nil {
			return nil, 0, err
		}
		if common {
			total = hitori.ItemCountCap + 1
		}
	}
	if count && total < 0 {
		var err error
		if total, err = s.countItems(ctx, f); err != nil {
			return nil, 0, err
		}
		if total == 0 || offset >= total {
			return []*hitori.Item{}, total, nil
		}
	}
	how := wherePage
	if s.walkOpenText(f, total) {
		how = wherePageWalk
	}
	query, args, err := s.pageQueryFor(ctx, f, 0, how)
	if err != nil {
		return nil, 0, err
	}
	rows, err := s.db.r.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, 0, fmt.Errorf("sqlstore: find items: %w", err)
	}
	out, err := scanItems(rows)
	return out, total, err
}

// walkOpenTextAbove is how many of the open items must hold a text for the
// open list to find its page by walking the newest open items and checking
// each, rather than through items_open_text: that reads every match into
// a temporary index first (4.1 ms of CPU a request for 「プリンター」's 2,936
// of 40,008 open items), the walk some 700 rows (2.8 ms, rendering
// included). A variable for tests.
var walkOpenTextAbove = 500

// walkOpenText reports whether f's page, on SQLite, is found by walking
// the open list's order (total is f's count, -1 if not counted).
func (s *Items) walkOpenText(f hitori.ItemFilter, total int) bool {
	return s.db.Dialect == SQLite && total > walkOpenTextAbove && strings.TrimSpace(f.Query) != "" && textScopeOf(f) == textOpen
}

// countItems counts f's items, or returns the count kept for the same
// statement and arguments (readCache: until this process writes, at most
// readCacheTTL). The arguments hold everything the count depends on,
// a requester's own id included (itemWhere), so users who may see
// different items never share a count.
func (s *Items) countItems(ctx context.Context, f hitori.ItemFilter) (int, error) {
	query, args, err := s.countQuery(ctx, f)
	if err != nil {
		return 0, err
	}
	key := fmt.Sprintf("%s\x00%#v", query, args)
	writes := s.db.writes.Load()
	return s.counts.Load(ctx, key, writes, func() (int, error) {
		var n int
		if err := s.db.r.QueryRowContext(ctx, query, args...).Scan(&n); err != nil {
			return 0, fmt.Errorf("sqlstore: count items: %w", err)
		}
		return n, nil
	})
}

// countQuery is the statement counting f's items. A text query's count
// stops at ItemCountCap+1: its matches are found through the text index,
// and counting all of a common word's would cost more than the page.
func (s *Items) countQuery(ctx context.Context, f hitori.ItemFilter) (string, []any, error) {
	if query, args, ok, err := s.openTextCountQuery(ctx, f); ok || err != nil {
		return query, args, err
	}
	where, args, err := s.itemWhereFor(ctx, f, whereCount)
	if err != nil {
		return "", nil, err
	}
	if strings.TrimSpace(f.Query) != "" {
		return fmt.Sprintf(`SELECT COUNT(*) FROM (SELECT 1 FROM items %s LIMIT %d) AS capped`, where, hitori.ItemCountCap+1), args, nil
	}
	return `SELECT COUNT(*) FROM items ` + where, args, nil
}

// pageQueryFor is the statement listing one page of f's items and extra
// items past its end.
func (s *Items) pageQueryFor(ctx context.Context, f hitori.ItemFilter, extra int, how whereFor) (string, []any, error) {
	order, ok := itemOrders[f.Sort]
	if !ok {
		return "", nil, hitori.FieldError("sort", "error.invalid")
	}
	where, args, err := s.itemWhereFor(ctx, f, how)
	if err != nil {
		return "", nil, err
	}
	offset, limit := hitori.Page(f.Offset, f.Limit, 50, 500)
	// Two queries rather than COUNT(*) OVER () in one: with the window,
	// PostgreSQL planned a text search as a backward scan of every item
	// (0.6 s instead of 30 ms on a million).
	args = append(args, limit+extra, offset)
	return fmt.Sprintf(`SELECT %s FROM items %s ORDER BY %s LIMIT $%d OFFSET $%d`,
		itemColumns, where, order, len(args)-1, len(args)), args, nil
}

// scanItems reads and closes rows of itemColumns.
func scanItems(rows *sql.Rows) ([]*hitori.Item, error) {
	defer rows.Close()
	out := []*hitori.Item{}
	for rows.Next() {
		it, err := scanItem(rows)
		if err != nil {
			return nil, fmt.Errorf("sqlstore: scan item: %w", err)
		}
		out = append(out, it)
	}
	return out, rows.Err()
}

// CountItemsByQuadrant counts f's items in each quadrant, all four present.
func (s *Items) CountItemsByQuadrant(ctx context.Context, f hitori.ItemFilter) (map[hitori.Quadrant]int, error) {
	query, args, err := s.quadrantCountQuery(ctx, f)
	if err != nil {
		return nil, err
	}
	rows, err := s.db.r.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: count items by quadrant: %w", err)
	}
	defer rows.Close()
	out := map[hitori.Quadrant]int{1: 0, 2: 0, 3: 0, 4: 0}
	for rows.Next() {
		var q, n int
		if err := rows.Scan(&q, &n); err != nil {
			return nil, fmt.Errorf("sqlstore: count items by quadrant: %w", err)
		}
		out[hitori.Quadrant(q)] = n
	}
	return out, rows.Err()
}

// quadrantCountQuery is the statement counting f's items per quadrant.
func (s *Items) quadrantCountQuery(ctx context.Context, f hitori.ItemFilter) (string, []any, error) {
	f.Quadrant, f.Sort = 0, ""
	where, args, err := s.itemWhereFor(ctx, f, whereCount)
	if err != nil {
		return "", nil, err
	}
	return `SELECT quadrant, COUNT(*) FROM items ` + where + ` GROUP BY quadrant`, args, nil
}

// textOnly reports whether f asks for nothing but a text query (for staff:
// a requester is held to their own items, a condition of its own).
func textOnly(f hitori.ItemFilter) bool {
	return strings.TrimSpace(f.Query) != "" && textScopeOf(f) == textAll && f.Type == "" && f.Category == "" && f.Tag == ""
}
