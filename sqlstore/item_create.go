package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"hitori"
)

// CreateItem stores a new item with status new. See hitori.ItemService.
func (s *Items) CreateItem(ctx context.Context, it *hitori.Item) error {
	u, err := itemActor(ctx)
	if err != nil {
		return err
	}
	if !isStaff(u) {
		if err := hitori.CheckRequesterItem(u, it); err != nil {
			return err
		}
	}
	if it.Source == "" {
		it.Source = hitori.SourceStaff
		if !isStaff(u) {
			it.Source = hitori.SourcePortal
		}
	}
	// Workflow fields start empty whatever the caller sent: they change only
	// through UpdateItem, AddEvent and MergeItems, which record why.
	it.Status, it.MergedInto, it.FirstRespondedAt, it.ResolvedAt, it.MinutesSpent = hitori.StatusNew, nil, nil, nil, 0
	if err := it.Validate(); err != nil {
		return err
	}
	now := s.db.now()
	it.CreatedAt, it.UpdatedAt = now, now
	// Hand back the times as the database will return them.
	it.DueAt, it.FirstResponseDue, it.ResolutionDue = storedTime(it.DueAt), storedTime(it.FirstResponseDue), storedTime(it.ResolutionDue)
	return s.db.write(ctx, func(tx *sql.Tx) error {
		if it.MessageID != "" {
			// Fast path for the common re-ingest; claimMessage closes the race.
			var n int
			if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM item_messages WHERE message_id = $1`, it.MessageID).Scan(&n); err != nil {
				return fmt.Errorf("sqlstore: create item: %w", err)
			}
			if n > 0 {
				return errMessageSeen()
			}
		}
		if err := insertItem(ctx, tx, it, now); err != nil {
			return err
		}
		return s.owe(ctx, tx, hitori.ItemChange{After: it, Actor: u})
	})
}

// insertItem writes a validated item inside tx: it checks the people it
// names, inserts it and claims its Message-ID. Other writers of items in a
// larger transaction (e-mail intake) share it with CreateItem.
func insertItem(ctx context.Context, tx *sql.Tx, it *hitori.Item, now time.Time) error {
	if err := checkPeople(ctx, tx, it); err != nil {
		return err
	}
	err := tx.QueryRowContext(ctx, `INSERT INTO items (`+itemInsertColumns+`) VALUES (`+placeholders(1, itemInsertCount)+`) RETURNING id`,
		itemValues(it)...).Scan(&it.ID)
	if err != nil {
		return fmt.Errorf("sqlstore: create item: %w", err)
	}
	if it.MessageID != "" {
		return claimMessage(ctx, tx, it.MessageID, it.ID, now)
	}
	return nil
}

// checkPeople checks the requester and assignee exist (the assignee must be
// active staff) and fills a blank requester name or address from the account,
// so lists and mail need no join.
func checkPeople(ctx context.Context, tx *sql.Tx, it *hitori.Item) error {
	if it.RequesterID != nil {
		var name, email string
		err := tx.QueryRowContext(ctx, `SELECT name, email FROM users WHERE id = $1`, *it.RequesterID).Scan(&name, &email)
		if errors.Is(err, sql.ErrNoRows) {
			return hitori.FieldError("requester_id", "error.invalid")
		} else if err != nil {
			return fmt.Errorf("sqlstore: item requester: %w", err)
		}
		if it.RequesterName == "" {
			it.RequesterName = name
		}
		if it.RequesterEmail == "" {
			it.RequesterEmail = email
		}
	}
	return checkAssignee(ctx, tx, it.AssigneeID)
}

// checkAssignee refuses an assignee who is not an active admin or technician.
func checkAssignee(ctx context.Context, tx *sql.Tx, id *int64) error {
	if id == nil {
		return nil
	}
	var n int
	err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM users WHERE id = $1 AND role IN ('admin', 'technician') AND disabled = FALSE`, *id).Scan(&n)
	if err != nil {
		return fmt.Errorf("sqlstore: item assignee: %w", err)
	}
	if n == 0 {
		return hitori.FieldError("assignee_id", "error.item_assignee_invalid")
	}
	return nil
}

// placeholders returns "$from, …, $(from+n-1)".
func placeholders(from, n int) string {
	var b strings.Builder
	for i := 0; i < n; i++ {
		if i > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "$%d", from+i)
	}
	return b.String()
}
