package sqlstore

import (
	"context"
	"database/sql"
	"fmt"

	"hitori"
)

// MarkItemSeen records now as the signed-in user's last view of their own
// item on the portal. Another's item, or no user, is ENOTFOUND.
func (s *Items) MarkItemSeen(ctx context.Context, itemID int64) error {
	u := portalOwner(ctx)
	if u == nil {
		return errItemNotFound()
	}
	return s.db.write(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `INSERT INTO item_views (user_id, item_id, seen_at)
			SELECT $1, id, $2 FROM items WHERE id = $3 AND requester_id = $1
			ON CONFLICT (user_id, item_id) DO UPDATE SET seen_at = excluded.seen_at`, u.ID, s.db.now(), itemID)
		if err != nil {
			return fmt.Errorf("sqlstore: mark item seen: %w", err)
		}
		if n, err := res.RowsAffected(); err != nil || n == 0 {
			return errItemNotFound()
		}
		return nil
	})
}

// FindUnreadItems returns which of ids, the signed-in user's own items,
// have a public reply from someone else since the user last opened the item
// on the portal (or ever, when they never did). Others' items never count.
func (s *Items) FindUnreadItems(ctx context.Context, ids []int64) (map[int64]bool, error) {
	out := map[int64]bool{}
	u := portalOwner(ctx)
	if u == nil || len(ids) == 0 {
		return out, nil
	}
	args := []any{u.ID, string(hitori.EventReply)}
	for _, id := range ids {
		args = append(args, id)
	}
	rows, err := s.db.r.QueryContext(ctx, `SELECT DISTINCT e.item_id FROM item_events e
		JOIN items i ON i.id = e.item_id AND i.requester_id = $1
		LEFT JOIN item_views v ON v.item_id = e.item_id AND v.user_id = $1
		WHERE e.kind = $2 AND COALESCE(e.author_id, 0) <> $1 AND (v.seen_at IS NULL OR e.created_at > v.seen_at)
		AND e.item_id IN (`+placeholders(3, len(ids))+`)`, args...)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: find unread items: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, fmt.Errorf("sqlstore: scan unread item: %w", err)
		}
		out[id] = true
	}
	return out, rows.Err()
}
