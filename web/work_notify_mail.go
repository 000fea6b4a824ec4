package web

import (
	"context"

	"hitori"
)

// ItemCreatedByMail acknowledges an item that e-mail intake created: the
// requester gets the same "we have your inquiry" mail as from the portal.
// Intake calls it after its commit; a failure to load is logged, not returned,
// because the item itself is safe.
func (s *Server) ItemCreatedByMail(ctx context.Context, itemID int64) {
	it, err := s.stores.Items.FindItemByID(ctx, itemID)
	if err != nil {
		s.log.Warn("acknowledge mail item", "item", hitori.ItemKey(itemID), "err", err)
		return
	}
	s.work.NotifyCreated(ctx, it)
}
