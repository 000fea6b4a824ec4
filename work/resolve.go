package work

import (
	"context"

	"hitori"
)

// ResolveMine closes the signed-in user's own item as solved: the
// colleague's "this is solved" button on the portal. It holds everyone,
// staff included, to items they asked (hitori.CheckRequesterUpdate), so
// the button never closes someone else's item; the store checks the same
// rule again for requesters. The requester is not told of their own change
// (see Outbox).
func (s *Service) ResolveMine(ctx context.Context, id int64) (*hitori.Item, error) {
	u := hitori.UserFromContext(ctx)
	if err := hitori.CheckItemAccess(u); err != nil {
		return nil, err
	}
	if u == nil {
		return nil, hitori.KeyError(hitori.EFORBIDDEN, "error.forbidden") // the system asks nothing
	}
	it, err := s.Items.FindItemByID(ctx, id)
	if err != nil {
		return nil, err
	}
	resolved := hitori.StatusResolved
	upd := hitori.ItemUpdate{Status: &resolved}
	if err := hitori.CheckRequesterUpdate(u, it, upd); err != nil {
		return nil, err
	}
	return s.Items.UpdateItem(ctx, id, upd)
}
