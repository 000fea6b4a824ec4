package work

import (
	"context"

	"hitori"
)

// MaxBulk bounds the items one bulk change touches: a page of the list is
// far less, and a bound keeps one request from holding the writer for long.
const MaxBulk = 500

// Move puts an item in quadrant q (one-click re-prioritising on the board
// and the list). The store records the change on the item's timeline.
//
// The SLA due times stay those of the quadrant the ticket was opened in:
// the store has no way yet to rewrite them (see StartClock), and when it
// has, this is the one place that restarts the clock on a move.
func (s *Service) Move(ctx context.Context, id int64, q hitori.Quadrant) (*hitori.Item, error) {
	if !q.Valid() {
		return nil, hitori.FieldError("quadrant", "error.invalid")
	}
	urgent, important := q.Flags()
	return s.Items.UpdateItem(ctx, id, hitori.ItemUpdate{Urgent: &urgent, Important: &important})
}

// BulkUpdate applies the same change to each of ids, in order, each in its
// own transaction so every item's history records it. It returns how many
// changed before the first error: a failure midway leaves the earlier
// items changed, and the caller says so. More than MaxBulk ids is refused
// before anything changes.
func (s *Service) BulkUpdate(ctx context.Context, ids []int64, upd hitori.ItemUpdate) (int, error) {
	if len(ids) > MaxBulk {
		return 0, hitori.FieldError("id", "error.invalid")
	}
	done := 0
	for _, id := range ids {
		if _, err := s.Items.UpdateItem(ctx, id, upd); err != nil {
			return done, err
		}
		done++
	}
	return done, nil
}

// Merge closes duplicateID as a duplicate of intoID (staff only): both
// timelines record it, and later mail in the duplicate's thread goes to
// intoID. The duplicate's SLA clock stops with it (see Risk).
func (s *Service) Merge(ctx context.Context, duplicateID, intoID int64) error {
	return s.Items.MergeItems(ctx, duplicateID, intoID)
}
