package sqlstore

import (
	"context"
	"database/sql"
)

// ExecForTest runs one statement in a write transaction. Tests use it to set
// up states the services never produce (a schema from the future, say).
func (db *DB) ExecForTest(ctx context.Context, query string, args ...any) error {
	return db.write(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, query, args...)
		return err
	})
}
