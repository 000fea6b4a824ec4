package intake

import (
	"context"
	"strings"

	"hitori"
)

// trusted reports whether the sender of a message threaded to an item by
// its subject tag or references may write on it as a reply: the item's
// requester, someone who already wrote on it in public, or staff. Item
// numbers are sequential, so "[HD-1]" in a subject proves nothing; a
// stranger's mail becomes an internal note instead (see appendTo).
func (p *Pipeline) trusted(ctx context.Context, pr *prepared, itemID int64) (bool, error) {
	if pr.user != nil && pr.user.Role.IsStaff() {
		return true, nil
	}
	if pr.email == "" {
		return false, nil
	}
	it, err := p.store.FindItemByID(ctx, itemID)
	if err != nil {
		return false, err
	}
	if pr.email == hitori.NormalizeEmail(it.RequesterEmail) || pr.user != nil && it.RequesterID != nil && *it.RequesterID == pr.user.ID {
		return true, nil
	}
	events, err := p.store.FindEvents(ctx, itemID)
	if err != nil {
		return false, err
	}
	for _, e := range events {
		// Only what the requester could see counts: a stranger's earlier
		// note must not make their next mail a public reply.
		if !e.Public() || e.Kind == hitori.EventChange {
			continue
		}
		if pr.user != nil && e.AuthorID != nil && *e.AuthorID == pr.user.ID || authorEmail(e.Author) == pr.email {
			return true, nil
		}
	}
	return false, nil
}

// authorEmail is the address in an event's author text, "Name <a@b>" or
// "a@b" (mail.Address.String: the name is not quoted, so no RFC 5322 parser).
func authorEmail(s string) string {
	if i := strings.LastIndexByte(s, '<'); i >= 0 && strings.HasSuffix(s, ">") {
		s = s[i+1 : len(s)-1]
	}
	if !strings.Contains(s, "@") {
		return ""
	}
	return hitori.NormalizeEmail(s)
}
