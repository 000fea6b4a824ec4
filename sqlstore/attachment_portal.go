package sqlstore

import (
	"context"
	"database/sql"
	"fmt"

	"hitori"
)

// portalAttachmentQuery reads an item's files with what decides whether its
// requester may have them: who asked, and the kind of event each came with.
// The event's kind and field come back raw so that hitori.Event.Public stays
// the one rule for what a requester sees.
const portalAttachmentQuery = `SELECT a.id, a.item_id, COALESCE(a.event_id, 0), a.name, a.content_type, a.size, a.sha256, a.original, a.created_at,
	COALESCE(i.requester_id, 0), COALESCE(e.kind, ''), COALESCE(e.field, '')
	FROM item_attachments a JOIN items i ON i.id = a.item_id LEFT JOIN item_events e ON e.id = a.event_id
	WHERE a.item_id = $1`

// FindPortalAttachments lists the files of an item that its requester, the
// signed-in user, may download, in the order they arrived. Anyone else's
// item, or no user at all, is ENOTFOUND.
func (s *MailLog) FindPortalAttachments(ctx context.Context, itemID int64) ([]*hitori.Attachment, error) {
	u := portalOwner(ctx)
	if u == nil {
		return nil, errItemNotFound()
	}
	it, err := s.db.Items().FindItemByID(ctx, itemID)
	if err != nil {
		return nil, err
	}
	if it.RequesterID == nil || *it.RequesterID != u.ID { // staff see every item, but here only what they asked
		return nil, errItemNotFound()
	}
	rows, err := s.db.r.QueryContext(ctx, portalAttachmentQuery+` ORDER BY a.id`, itemID)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: find portal attachments: %w", err)
	}
	defer rows.Close()
	out := []*hitori.Attachment{}
	for rows.Next() {
		a, ok, err := scanPortalAttachment(rows, u)
		if err != nil {
			return nil, err
		}
		if ok {
			out = append(out, a)
		}
	}
	return out, rows.Err()
}

// FindPortalAttachment returns one file of an item for its requester, the
// signed-in user: never an original message (.eml, which carries headers
// and other recipients) and never a file that came with an internal note.
// Every refusal is ENOTFOUND, so that a colleague learns nothing about
// files they may not have, not even that they exist.
func (s *MailLog) FindPortalAttachment(ctx context.Context, itemID, id int64) (*hitori.Attachment, error) {
	u := portalOwner(ctx)
	if u == nil {
		return nil, notFound(sql.ErrNoRows, "attachment")
	}
	a, ok, err := scanPortalAttachment(s.db.r.QueryRowContext(ctx, portalAttachmentQuery+` AND a.id = $2`, itemID, id), u)
	if err != nil {
		return nil, notFound(err, "attachment")
	}
	if !ok {
		return nil, notFound(sql.ErrNoRows, "attachment")
	}
	return a, nil
}

// portalOwner is the signed-in user who may own items, or nil: the system
// and disabled or viewer accounts own none on the portal.
func portalOwner(ctx context.Context) *hitori.User {
	u := hitori.UserFromContext(ctx)
	if u == nil || hitori.CheckItemAccess(u) != nil {
		return nil
	}
	return u
}

// scanPortalAttachment reads one row of portalAttachmentQuery and reports
// whether u may download it.
func scanPortalAttachment(row interface{ Scan(...any) error }, u *hitori.User) (*hitori.Attachment, bool, error) {
	a := &hitori.Attachment{}
	var requester int64
	ev := &hitori.Event{}
	var kind string
	if err := row.Scan(&a.ID, &a.ItemID, &a.EventID, &a.Name, &a.ContentType, &a.Size, &a.SHA256, &a.Original, &a.CreatedAt,
		&requester, &kind, &ev.Field); err != nil {
		return nil, false, err
	}
	a.CreatedAt = a.CreatedAt.UTC()
	ev.Kind = hitori.EventKind(kind)
	ok := requester == u.ID && !a.Original && (a.EventID == 0 || ev.Public())
	return a, ok, nil
}
