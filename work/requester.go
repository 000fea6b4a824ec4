package work

import (
	"context"

	"hitori"
)

// asSystemForRequester prepares an item a requester opens: it applies the
// rule for requesters, hitori.CheckRequesterItem (their own item, a ticket, nothing only the
// staff decide) and returns a context without the user. The store refuses
// SLA due times from a requester, rightly, since a colleague must not set
// their own deadline; Create computes them here, so it checks the
// requester's part itself and writes as the system.
func asSystemForRequester(ctx context.Context, u *hitori.User, it *hitori.Item) (context.Context, error) {
	if err := hitori.CheckRequesterItem(u, it); err != nil {
		return ctx, err
	}
	if it.Source == "" {
		it.Source = hitori.SourcePortal
	}
	return hitori.NewContextWithUser(ctx, nil), nil
}
