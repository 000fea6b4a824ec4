package work

import (
	"context"
	"fmt"

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

// UserByEmail finds an account by address; hitori.UserService is one.
type UserByEmail interface {
	FindUserByEmail(ctx context.Context, email string) (*hitori.User, error)
}

// linkRequester makes a colleague with an account the item's requester
// when the item names them only by address, so it is on their portal
// whichever channel opened it (API, staff form, e-mail). Addresses without
// an account are kept as they are.
func (s *Service) linkRequester(ctx context.Context, it *hitori.Item) error {
	if it.RequesterID != nil || it.RequesterEmail == "" || s.Users == nil {
		return nil
	}
	u, err := s.Users.FindUserByEmail(ctx, hitori.NormalizeEmail(it.RequesterEmail))
	switch {
	case err == nil:
		it.RequesterID = &u.ID
	case hitori.ErrorCode(err) != hitori.ENOTFOUND:
		return fmt.Errorf("work: requester account: %w", err)
	}
	return nil
}
