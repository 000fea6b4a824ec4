package sqlstore

import (
	"context"
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
		var cond string
		cond, args = s.textCond(q, textScopeOf(f), args)
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
		conds = append(conds, openCond)
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
	order, ok := itemOrders[f.Sort]
	if !ok {
		return nil, 0, hitori.FieldError("sort", "error.invalid")
	}
	where, args, err := s.itemWhere(ctx, f)
	if err != nil {
		return nil, 0, err
	}
	offset, limit := hitori.Page(f.Offset, f.Limit, 50, 500)
	total := -1
	if count {
		if err := s.db.r.QueryRowContext(ctx, `SELECT COUNT(*) FROM items `+where, args...).Scan(&total); err != nil {
			return nil, 0, fmt.Errorf("sqlstore: count items: %w", err)
		}
		if total == 0 || offset >= total {
			return []*hitori.Item{}, total, nil
		}
	}
	// Two queries rather than COUNT(*) OVER () in one: with the window,
	// PostgreSQL planned a text search as a backward scan of every item
	// (0.6 s instead of 30 ms on a million).
	args = append(args, limit, offset)
	rows, err := s.db.r.QueryContext(ctx, fmt.Sprintf(`SELECT %s FROM items %s ORDER BY %s LIMIT $%d OFFSET $%d`,
		itemColumns, where, order, len(args)-1, len(args)), args...)
	if err != nil {
		return nil, 0, fmt.Errorf("sqlstore: find items: %w", err)
	}
	defer rows.Close()
	out := []*hitori.Item{}
	for rows.Next() {
		it, err := scanItem(rows)
		if err != nil {
			return nil, 0, fmt.Errorf("sqlstore: scan item: %w", err)
		}
		out = append(out, it)
	}
	return out, total, rows.Err()
}

// CountItemsByQuadrant counts f's items in each quadrant, all four present.
func (s *Items) CountItemsByQuadrant(ctx context.Context, f hitori.ItemFilter) (map[hitori.Quadrant]int, error) {
	f.Quadrant, f.Sort = 0, ""
	where, args, err := s.itemWhere(ctx, f)
	if err != nil {
		return nil, err
	}
	rows, err := s.db.r.QueryContext(ctx, `SELECT quadrant, COUNT(*) FROM items `+where+` GROUP BY quadrant`, args...)
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
