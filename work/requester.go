package work

import (
	"context"

	"hitori"
)

// asSystemForRequester prepares an item a requester opens: it applies the
// store's rules for requesters (their own item, a ticket, nothing only the
// staff decide) and returns a context without the user. The store refuses
// SLA due times from a requester, rightly, since a colleague must not set
// their own deadline; Create computes them here, so it checks the
// requester's part itself and writes as the system.
func asSystemForRequester(ctx context.Context, u *hitori.User, it *hitori.Item) (context.Context, error) {
	if it.RequesterID != nil && *it.RequesterID != u.ID {
		return ctx, hitori.KeyError(hitori.EFORBIDDEN, "error.forbidden")
	}
	staffOnly := []struct {
		field string
		set   bool
	}{
		{"type", it.Type != hitori.TypeTicket},
		{"important", it.Important},
		{"assignee_id", it.AssigneeID != nil},
		{"vendor", it.Vendor != ""},
		{"due_at", it.DueAt != nil},
		{"first_response_due", it.FirstResponseDue != nil},
		{"resolution_due", it.ResolutionDue != nil},
		{"message_id", it.MessageID != ""},
		{"source", it.Source != "" && it.Source != hitori.SourcePortal && it.Source != hitori.SourceAPI},
	}
	for _, f := range staffOnly {
		if f.set {
			return ctx, hitori.FieldError(f.field, "error.item_not_allowed")
		}
	}
	if it.Source == "" {
		it.Source = hitori.SourcePortal
	}
	it.RequesterID, it.RequesterName, it.RequesterEmail = &u.ID, u.Name, u.Email
	return hitori.NewContextWithUser(ctx, nil), nil
}
