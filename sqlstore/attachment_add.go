package sqlstore

import (
	"context"
	"database/sql"
	"fmt"

	"hitori"
)

// AddPortalAttachment records a file the signed-in user sent from the
// portal with their own item (EventID 0: with the item itself) or with
// their own reply on it. The file must already be in the blob store (its
// SHA256 set). Another's item or event is ENOTFOUND, as on the portal.
func (s *MailLog) AddPortalAttachment(ctx context.Context, a *hitori.Attachment) error {
	u := portalOwner(ctx)
	if u == nil {
		return errItemNotFound()
	}
	if a.SHA256 == "" || a.Original || a.Name == "" {
		return hitori.KeyError(hitori.EINVALID, "error.invalid")
	}
	return s.db.write(ctx, func(tx *sql.Tx) error {
		q, args := `SELECT COUNT(*) FROM items WHERE id = $1 AND requester_id = $2`, []any{a.ItemID, u.ID}
		if a.EventID != 0 { // my reply on my item, never a note or someone else's answer
			q = `SELECT COUNT(*) FROM items i JOIN item_events e ON e.item_id = i.id
				WHERE i.id = $1 AND i.requester_id = $2 AND e.id = $3 AND e.kind = $4 AND e.author_id = $2`
			args = append(args, a.EventID, string(hitori.EventReply))
		}
		var n int
		if err := tx.QueryRowContext(ctx, q, args...).Scan(&n); err != nil {
			return fmt.Errorf("sqlstore: portal attachment owner: %w", err)
		}
		if n == 0 {
			return errItemNotFound()
		}
		a.CreatedAt = s.db.now()
		err := tx.QueryRowContext(ctx, `INSERT INTO item_attachments (item_id, event_id, name, content_type, size, sha256, original, created_at)
			VALUES ($1, $2, $3, $4, $5, $6, FALSE, $7) RETURNING id`,
			a.ItemID, idArg(nonZero(a.EventID)), a.Name, a.ContentType, a.Size, a.SHA256, a.CreatedAt).Scan(&a.ID)
		if err != nil {
			return fmt.Errorf("sqlstore: add portal attachment: %w", err)
		}
		return nil
	})
}
