package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"

	"hitori"
)

// MergeItems closes duplicateID as a duplicate of intoID. Timelines stay
// where they are (the duplicate keeps its own, and its minutes, so reports
// count them once); both items record the merge, and the duplicate's
// Message-IDs move to intoID so later mail in that thread lands there.
func (s *Items) MergeItems(ctx context.Context, duplicateID, intoID int64) error {
	u, err := itemActor(ctx)
	if err != nil {
		return err
	}
	if !isStaff(u) {
		return hitori.KeyError(hitori.EFORBIDDEN, "error.forbidden")
	}
	if duplicateID == intoID {
		return hitori.FieldError("into", "error.item_merge_self")
	}
	return s.db.write(ctx, func(tx *sql.Tx) error {
		// Lock in id order so two opposite merges cannot deadlock on PostgreSQL.
		first, second := duplicateID, intoID
		if first > second {
			first, second = second, first
		}
		items := map[int64]*hitori.Item{}
		for _, id := range []int64{first, second} {
			it, err := loadItem(ctx, tx, id, u, true)
			if err != nil {
				return err
			}
			items[id] = it
		}
		dup, into := items[duplicateID], items[intoID]
		if dup.MergedInto != nil || into.MergedInto != nil {
			return hitori.KeyError(hitori.ECONFLICT, "error.item_merged")
		}
		now := s.db.now()
		if _, err := tx.ExecContext(ctx, `UPDATE items SET status = $1, merged_into = $2, updated_at = $3 WHERE id = $4`,
			string(hitori.StatusClosed), intoID, now, duplicateID); err != nil {
			return fmt.Errorf("sqlstore: merge items: %w", err)
		}
		if _, err := tx.ExecContext(ctx, `UPDATE items SET updated_at = $1 WHERE id = $2`, now, intoID); err != nil {
			return fmt.Errorf("sqlstore: merge items: %w", err)
		}
		if _, err := tx.ExecContext(ctx, `UPDATE item_messages SET item_id = $1 WHERE item_id = $2`, intoID, duplicateID); err != nil {
			return fmt.Errorf("sqlstore: merge items: %w", err)
		}
		authorID, author := authorOf(u)
		changes := []hitori.Event{
			{ItemID: duplicateID, Field: "merged_into", New: strconv.FormatInt(intoID, 10)},
			{ItemID: intoID, Field: "merged_from", New: strconv.FormatInt(duplicateID, 10)},
		}
		if dup.Status != hitori.StatusClosed {
			changes = append(changes, hitori.Event{ItemID: duplicateID, Field: "status", Old: string(dup.Status), New: string(hitori.StatusClosed)})
		}
		for i := range changes {
			e := &changes[i]
			e.Kind, e.AuthorID, e.Author, e.CreatedAt = hitori.EventChange, authorID, author, now
			if err := insertEvent(ctx, tx, e); err != nil {
				return err
			}
		}
		return nil
	})
}
