package sqlstore

import (
	"context"
	"database/sql"
	"fmt"

	"hitori"
)

// SetItemOutbox installs the rules that decide which jobs an item change
// owes. Call it once, before the store is shared (cmd/hitori's wiring).
func (s *Items) SetItemOutbox(fn hitori.ItemOutbox) { s.outbox = fn }

// owe enqueues, inside tx, the jobs the item outbox decides ch owes.
func (s *Items) owe(ctx context.Context, tx *sql.Tx, ch hitori.ItemChange) error {
	if s.outbox == nil {
		return nil
	}
	now := s.db.now()
	for _, j := range s.outbox(ctx, ch) {
		if err := enqueueTx(ctx, tx, now, j); err != nil {
			return fmt.Errorf("sqlstore: item outbox: %w", err)
		}
	}
	return nil
}
