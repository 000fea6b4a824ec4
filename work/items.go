package work

import (
	"context"

	"hitori"
)

// Open creates an item (see Create) and tells its requester it arrived.
// Every channel that opens items for people (portal, API, e-mail) calls it,
// so the acknowledgement rule lives here.
func (s *Service) Open(ctx context.Context, it *hitori.Item) error {
	if err := s.Create(ctx, it); err != nil {
		return err
	}
	s.NotifyCreated(ctx, it)
	return nil
}

// Update changes an item's fields and tells the requester when its status
// moved. Errors are the store's, as if it were called alone.
func (s *Service) Update(ctx context.Context, id int64, upd hitori.ItemUpdate) (*hitori.Item, error) {
	before, findErr := s.Items.FindItemByID(ctx, id)
	after, err := s.Items.UpdateItem(ctx, id, upd)
	if err != nil {
		return nil, err
	}
	if findErr == nil {
		s.NotifyStatus(ctx, after, before.Status, after.Status)
	}
	return after, nil
}

// Reply adds a reply or an internal note to an item and, when status is
// not empty, moves the item to it. The requester hears of a public reply
// (from the staff; see MailNotifier), or else of the status change, never
// of an internal note.
func (s *Service) Reply(ctx context.Context, e *hitori.Event, status hitori.Status) error {
	if err := s.Items.AddEvent(ctx, e); err != nil {
		return err
	}
	if status == "" && (e.Kind != hitori.EventReply || s.Notify == nil) {
		return nil
	}
	it, err := s.Items.FindItemByID(ctx, e.ItemID)
	if err != nil {
		return err
	}
	if e.Kind == hitori.EventReply {
		s.NotifyReplied(ctx, it, e)
	}
	if status == "" {
		return nil
	}
	upd, err := s.Items.UpdateItem(ctx, e.ItemID, hitori.ItemUpdate{Status: &status})
	if err != nil {
		return err
	}
	if e.Kind != hitori.EventReply { // a public reply already told the requester
		s.NotifyStatus(ctx, upd, it.Status, upd.Status)
	}
	return nil
}
