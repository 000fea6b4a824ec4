package work

import (
	"context"

	"hitori"
)

// WalkUp records a walk-up ("ちょっといい？"): a ticket from the walk-up
// channel, assigned to the staff member who took it unless it names
// someone else, with the minutes spent logged as an internal note, and
// resolved at once when done. it gets its ID (and due times) as Create
// gives them.
//
// The steps are separate store writes: a failure after the ticket exists
// leaves it open, to be finished by hand, rather than losing the request.
func (s *Service) WalkUp(ctx context.Context, it *hitori.Item, minutes int, done bool) error {
	me := hitori.UserFromContext(ctx)
	if me != nil && !me.Role.IsStaff() { // a requester asks through the portal instead
		return hitori.KeyError(hitori.EFORBIDDEN, "error.forbidden")
	}
	if minutes < 0 || minutes > hitori.MaxMinutes {
		return hitori.FieldError("minutes", "error.item_minutes_invalid")
	}
	it.Type, it.Source = hitori.TypeTicket, hitori.SourceWalkUp
	if it.AssigneeID == nil && me != nil {
		it.AssigneeID = &me.ID
	}
	if err := s.Create(ctx, it); err != nil {
		return err
	}
	if minutes > 0 {
		if err := s.Items.AddEvent(ctx, &hitori.Event{ItemID: it.ID, Kind: hitori.EventNote, Minutes: minutes}); err != nil {
			return err
		}
	}
	if !done {
		return nil
	}
	resolved := hitori.StatusResolved
	// Solved at the desk, in person: no mail needed to say so.
	_, err := s.Items.UpdateItem(withQuietStatus(ctx), it.ID, hitori.ItemUpdate{Status: &resolved})
	return err
}
