package sqlstore

import (
	"context"
	"database/sql"
	"strings"
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
