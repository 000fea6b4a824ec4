package work

import (
	"context"

	"hitori"
)

// Open creates an item (see Create). Every channel that opens items for
// people (portal, API, staff form) calls it; the acknowledgement to the
// requester is written to the outbox in the item's own transaction
// (Outbox).
func (s *Service) Open(ctx context.Context, it *hitori.Item) error {
	return s.Create(ctx, it)
}

// Update changes an item's fields; a status the requester should hear of
// reaches the outbox in the same transaction.
func (s *Service) Update(ctx context.Context, id int64, upd hitori.ItemUpdate) (*hitori.Item, error) {
	return s.Items.UpdateItem(ctx, id, upd)
}

// Reply adds a reply or an internal note to an item and, when status is
// not empty, moves the item to it. The requester hears of a public reply
// from the staff, or else of the status change, never of an internal note
// and never twice for one answer.
func (s *Service) Reply(ctx context.Context, e *hitori.Event, status hitori.Status) error {
	if err := s.Items.AddEvent(ctx, e); err != nil {
		return err
	}
	if status == "" {
		return nil
	}
	if e.Kind == hitori.EventReply {
		ctx = withQuietStatus(ctx) // the reply already told the requester
	}
	_, err := s.Items.UpdateItem(ctx, e.ItemID, hitori.ItemUpdate{Status: &status})
	return err
}
