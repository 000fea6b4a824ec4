package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"
	"time"

	"hitori"
)

// UpdateItem applies upd and records each changed field on the timeline, in
// one transaction. Staff (and the system) change items; a requester only
// closes their own as solved (hitori.CheckRequesterUpdate).
func (s *Items) UpdateItem(ctx context.Context, id int64, upd hitori.ItemUpdate) (*hitori.Item, error) {
	u, err := itemActor(ctx)
	if err != nil {
		return nil, err
	}
	var out *hitori.Item
	err = s.db.write(ctx, func(tx *sql.Tx) error {
		old, err := loadItem(ctx, tx, id, u, true)
		if err != nil {
			return err
		}
		if !isStaff(u) { // a requester may only close their own item as solved
			if err := hitori.CheckRequesterUpdate(u, old, upd); err != nil {
				return err
			}
		}
		it := applyUpdate(old, upd)
		if err := it.Validate(); err != nil {
			return err
		}
		changes := itemChanges(old, it)
		if len(changes) == 0 {
			out = old
			return nil
		}
		if upd.AssigneeID != nil {
			if err := checkAssignee(ctx, tx, it.AssigneeID); err != nil {
				return err
			}
		}
		now := s.db.now()
		switch {
		case it.Status == hitori.StatusResolved && old.Status != hitori.StatusResolved:
			it.ResolvedAt = &now
		case it.Status.Open() && !old.Status.Open():
			it.ResolvedAt = nil // reopened: the resolution clock runs again
		}
		it.UpdatedAt = now
		if _, err := tx.ExecContext(ctx, `UPDATE items SET title = $1, status = $2, category = $3, tags = $4, urgent = $5,
			important = $6, quadrant = $7, assignee_id = $8, vendor = $9, due_at = $10, resolved_at = $11, sla_next = $12,
			updated_at = $13, kind = $14 WHERE id = $15`,
			it.Title, string(it.Status), it.Category, joinTags(it.Tags), it.Urgent, it.Important, int(it.Quadrant()),
			idArg(it.AssigneeID), it.Vendor, timeArg(it.DueAt), timeArg(it.ResolvedAt), slaNext(it), now, string(kindOf(it)), id); err != nil {
			return fmt.Errorf("sqlstore: update item: %w", err)
		}
		authorID, author := authorOf(u)
		events := make([]*hitori.Event, 0, len(changes))
		for _, c := range changes {
			e := &hitori.Event{ItemID: id, Kind: hitori.EventChange, AuthorID: authorID, Author: author,
				Field: c[0], Old: c[1], New: c[2], CreatedAt: now}
			if err := insertEvent(ctx, tx, e); err != nil {
				return err
			}
			events = append(events, e)
		}
		out = it
		return s.owe(ctx, tx, hitori.ItemChange{Before: old, After: it, Events: events, Actor: u})
	})
	return out, err
}

// applyUpdate returns a copy of it with upd's fields set.
func applyUpdate(old *hitori.Item, upd hitori.ItemUpdate) *hitori.Item {
	it := *old
	it.Tags = append([]string(nil), old.Tags...)
	if upd.Title != nil {
		it.Title = *upd.Title
	}
	if upd.Status != nil {
		it.Status = *upd.Status
	}
	if upd.Category != nil {
		it.Category = *upd.Category
	}
	if upd.Kind != nil {
		it.Kind = *upd.Kind
	}
	if upd.Tags != nil {
		it.Tags = append([]string(nil), (*upd.Tags)...)
	}
	if upd.Urgent != nil {
		it.Urgent = *upd.Urgent
	}
	if upd.Important != nil {
		it.Important = *upd.Important
	}
	if upd.AssigneeID != nil {
		it.AssigneeID = *upd.AssigneeID
	}
	if upd.Vendor != nil {
		it.Vendor = *upd.Vendor
	}
	if upd.DueAt != nil {
		it.DueAt = storedTime(*upd.DueAt)
	}
	return &it
}

// itemChanges lists {field, old, new} for every field ItemUpdate can change
// whose value differs, as text (the format ItemUpdate documents).
func itemChanges(a, b *hitori.Item) [][3]string {
	pairs := [][3]string{
		{"title", a.Title, b.Title},
		{"status", string(a.Status), string(b.Status)},
		{"category", a.Category, b.Category},
		{"kind", string(a.Kind), string(b.Kind)},
		{"tags", strings.Join(a.Tags, ", "), strings.Join(b.Tags, ", ")},
		{"urgent", strconv.FormatBool(a.Urgent), strconv.FormatBool(b.Urgent)},
		{"important", strconv.FormatBool(a.Important), strconv.FormatBool(b.Important)},
		{"assignee_id", idText(a.AssigneeID), idText(b.AssigneeID)},
		{"vendor", a.Vendor, b.Vendor},
		{"due_at", timeText(a.DueAt), timeText(b.DueAt)},
	}
	var out [][3]string
	for _, p := range pairs {
		if p[1] != p[2] {
			out = append(out, p)
		}
	}
	return out
}

func idText(p *int64) string {
	if p == nil {
		return ""
	}
	return strconv.FormatInt(*p, 10)
}

func timeText(p *time.Time) string {
	if p == nil {
		return ""
	}
	return p.UTC().Format(time.RFC3339)
}
