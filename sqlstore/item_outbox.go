package sqlstore

import (
	"context"
	"database/sql"
	"fmt"

	"hitori"
)

// SetItemOutbox installs the rules that decide which jobs an item change
// owes. Call it once, before the store is shared (cmd/hitori's wiring).
func (db *DB) SetItemOutbox(fn hitori.ItemOutbox) { db.itemOutbox = fn }

// owe enqueues, inside tx, the jobs the item outbox decides ch owes.
func (db *DB) owe(ctx context.Context, tx *sql.Tx, ch hitori.ItemChange) error {
	if db.itemOutbox == nil {
		return nil
	}
	now := db.now()
	for _, j := range db.itemOutbox(ctx, ch) {
		if err := enqueueTx(ctx, tx, now, j); err != nil {
			return fmt.Errorf("sqlstore: item outbox: %w", err)
		}
	}
	return nil
}
