package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"hitori"
)

// ExecForTest runs one statement in a write transaction. Tests use it to set
// up states the services never produce (a schema from the future, say).
func (db *DB) ExecForTest(ctx context.Context, query string, args ...any) error {
	return db.write(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, query, args...)
		return err
	})
}

// PlainItemTextMatchForTest returns the ids of the items whose title or body
// contains q as the list matched it before items had a text index (a plain
// LIKE over every row), in id order: the indexed path must agree with it.
func (db *DB) PlainItemTextMatchForTest(ctx context.Context, q string) ([]int64, error) {
	cond := `LOWER(title) LIKE $1 ESCAPE '\' OR LOWER(body) LIKE $1 ESCAPE '\'`
	if strings.ToLower(q) == strings.ToUpper(q) {
		cond = `title LIKE $1 ESCAPE '\' OR body LIKE $1 ESCAPE '\'`
	}
	rows, err := db.r.QueryContext(ctx, `SELECT id FROM items WHERE `+cond+` ORDER BY id`,
		"%"+escapeLike(strings.ToLower(q))+"%")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}

// ReadsForTest is how many statements the read pool has run so far: tests
// hold a page to the queries it was designed for.
func (db *DB) ReadsForTest() int64 { return db.r.queries.Load() }

// ItemPlansForTest returns the database's query plan, as text, of each
// statement that serves f: "count" and "page" (FindItems), "walk" (the page
// of a text common among open items: walkOpenText), and for an open
// filter "quadrants" and "board" (Board). Tests check that indexes serve them.
func (db *DB) ItemPlansForTest(ctx context.Context, f hitori.ItemFilter) (map[string]string, error) {
	s := db.items
	type build func() (string, []any, error)
	builds := map[string]build{
		"count": func() (string, []any, error) { return s.countQuery(ctx, f) },
		"page":  func() (string, []any, error) { return s.pageQueryFor(ctx, f, 0, wherePage) },
		"walk":  func() (string, []any, error) { return s.pageQueryFor(ctx, f, 0, wherePageWalk) },
	}
	if f.OpenOnly {
		builds["quadrants"] = func() (string, []any, error) { return s.quadrantCountQuery(ctx, f) }
		builds["board"] = func() (string, []any, error) {
			all := map[hitori.Quadrant]int{1: 1, 2: 1, 3: 1, 4: 1}
			return s.boardQuery(ctx, hitori.ItemFilter{OpenOnly: true, Sort: "next", AssigneeID: f.AssigneeID}, all, 5, 25)
		}
	}
	plans := map[string]string{}
	for name, b := range builds {
		query, args, err := b()
		if err != nil {
			return nil, err
		}
		if plans[name], err = db.explainForTest(ctx, query, args...); err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
	}
	return plans, nil
}

// InventoryMatchPlanForTest returns the plan of the statement that
// matches a report with these keys to its asset.
func (db *DB) InventoryMatchPlanForTest(ctx context.Context, uuid, serial string, macs []string) (string, error) {
	query, args := inventoryMatch(&hitori.InventoryReport{UUID: uuid, BIOSSerial: serial, MACs: macs})
	return db.explainGenericForTest(ctx, query, args...)
}

// explainGenericForTest is explainForTest of the plan PostgreSQL keeps
// for a prepared statement once it stops planning for each call's values
// (as it does for the driver's cached statements): one made not knowing
// them.
func (db *DB) explainGenericForTest(ctx context.Context, query string, args ...any) (string, error) {
	if db.Dialect != Postgres {
		return db.explainForTest(ctx, query, args...)
	}
	conn, err := db.r.DB.Conn(ctx)
	if err != nil {
		return "", err
	}
	defer conn.Close()
	literals := make([]string, len(args))
	for i, a := range args {
		literals[i] = "'" + strings.ReplaceAll(fmt.Sprint(a), "'", "''") + "'"
	}
	for _, q := range []string{`SET plan_cache_mode = force_generic_plan`, `PREPARE explained AS ` + query} {
		if _, err := conn.ExecContext(ctx, q); err != nil {
			return "", err
		}
	}
	defer conn.ExecContext(context.WithoutCancel(ctx), `DEALLOCATE explained; RESET plan_cache_mode`)
	rows, err := conn.QueryContext(ctx, `EXPLAIN EXECUTE explained(`+strings.Join(literals, ", ")+`)`)
	if err != nil {
		return "", err
	}
	defer rows.Close()
	var lines []string
	for rows.Next() {
		var line string
		if err := rows.Scan(&line); err != nil {
			return "", err
		}
		lines = append(lines, line)
	}
	return strings.Join(lines, "\n"), rows.Err()
}

// explainForTest returns a statement's plan as text.
func (db *DB) explainForTest(ctx context.Context, query string, args ...any) (string, error) {
	explain, col := "EXPLAIN QUERY PLAN ", 3 // id, parent, notused, detail
	if db.Dialect == Postgres {
		explain, col = "EXPLAIN ", 0
	}
	rows, err := db.r.DB.QueryContext(ctx, explain+query, args...)
	if err != nil {
		return "", err
	}
	defer rows.Close()
	cols, _ := rows.Columns()
	var lines []string
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			return "", err
		}
		if b, ok := vals[col].([]byte); ok {
			vals[col] = string(b)
		}
		lines = append(lines, fmt.Sprint(vals[col]))
	}
	return strings.Join(lines, "\n"), rows.Err()
}

// ReadPoolStatsForTest reports the read pool's connections.
func (db *DB) ReadPoolStatsForTest() sql.DBStats { return db.r.Stats() }

// RawReadForTest runs a query on the read pool and hands back its rows
// (holding a connection until they are closed).
func (db *DB) RawReadForTest(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	return db.r.QueryContext(ctx, query, args...)
}

// ResetReadCachesForTest forgets the boards and list totals kept.
func (s *Items) ResetReadCachesForTest() {
	s.board, s.counts = newReadCache[boardKey, *hitori.ItemBoard](), newReadCache[string, int]()
}

// SetWalkOpenTextAboveForTest sets how many open items must hold a text for
// the open list to walk its order (walkOpenTextAbove) and returns a
// function restoring it.
func SetWalkOpenTextAboveForTest(n int) (restore func()) {
	old := walkOpenTextAbove
	walkOpenTextAbove = n
	return func() { walkOpenTextAbove = old }
}
