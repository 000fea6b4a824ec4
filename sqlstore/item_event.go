package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"hitori"
)

const eventColumns = `id, item_id, kind, author_id, author, body, field, old_value, new_value, minutes, COALESCE(message_id, ''), created_at`

func scanEvent(row scanner) (*hitori.Event, error) {
	e := &hitori.Event{}
	var kind string
	var author sql.NullInt64
	if err := row.Scan(&e.ID, &e.ItemID, &kind, &author, &e.Author, &e.Body, &e.Field, &e.Old, &e.New, &e.Minutes, &e.MessageID, &e.CreatedAt); err != nil {
		return nil, err
	}
	e.Kind, e.AuthorID, e.CreatedAt = hitori.EventKind(kind), nullID(author), e.CreatedAt.UTC()
	return e, nil
}

// insertEvent writes one timeline entry and sets e.ID.
func insertEvent(ctx context.Context, tx *sql.Tx, e *hitori.Event) error {
	err := tx.QueryRowContext(ctx, `INSERT INTO item_events (item_id, kind, author_id, author, body, field, old_value, new_value, minutes, message_id, created_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
		e.ItemID, string(e.Kind), idArg(e.AuthorID), e.Author, e.Body, e.Field, e.Old, e.New, e.Minutes, textArg(e.MessageID), e.CreatedAt).Scan(&e.ID)
	if err != nil {
		return fmt.Errorf("sqlstore: add item event: %w", err)
	}
	return nil
}

// validateEvent checks what AddEvent accepts from anyone.
func validateEvent(e *hitori.Event) error {
	e.MessageID = strings.TrimSpace(e.MessageID)
	if err := hitori.CheckTexts("body", e.Body, "author", e.Author, "message_id", e.MessageID); err != nil {
		return err
	}
	switch {
	case e.Kind != hitori.EventReply && e.Kind != hitori.EventNote && e.Kind != hitori.EventEmail:
		return hitori.FieldError("kind", "error.invalid")
	case e.Minutes < 0 || e.Minutes > hitori.MaxMinutes:
		return hitori.FieldError("minutes", "error.item_minutes_invalid")
	case len(e.Body) > hitori.MaxItemBody:
		return hitori.FieldError("body", "error.too_long")
	// A note may be only time spent (a walk-up logged as "who, minutes").
	case strings.TrimSpace(e.Body) == "" && (e.Kind != hitori.EventNote || e.Minutes == 0):
		return hitori.FieldError("body", "error.required")
	case len(e.MessageID) > hitori.MaxMessageIDLen:
		return hitori.FieldError("message_id", "error.too_long")
	}
	return nil
}

// AddEvent appends a reply, note or e-mail to an item's timeline and keeps
// the item's minutes sum, first response and activity time in step.
// Requesters may only add replies without minutes to their own items; their
// reply to an item waiting for them, or resolved, moves it to in progress.
func (s *Items) AddEvent(ctx context.Context, e *hitori.Event) error {
	u, err := itemActor(ctx)
	if err != nil {
		return err
	}
	if err := validateEvent(e); err != nil {
		return err
	}
	if u != nil {
		if !u.Role.IsStaff() && e.Kind != hitori.EventReply {
			return hitori.KeyError(hitori.EFORBIDDEN, "error.forbidden")
		}
		if !u.Role.IsStaff() && e.Minutes > 0 {
			return hitori.FieldError("minutes", "error.item_not_allowed")
		}
		e.AuthorID, e.Author = authorOf(u)
	} else if e.Author == "" {
		_, e.Author = authorOf(nil)
	}
	e.Field, e.Old, e.New = "", "", ""
	return s.db.write(ctx, func(tx *sql.Tx) error {
		it, err := loadItem(ctx, tx, e.ItemID, u, true)
		if err != nil {
			return err
		}
		now := s.db.now()
		e.CreatedAt = now
		if err := insertEvent(ctx, tx, e); err != nil {
			return err
		}
		if e.MessageID != "" {
			if err := claimMessage(ctx, tx, e.MessageID, it.ID, now); err != nil {
				return err
			}
		}
		// Only a person on the staff answering the requester stops the first-response clock.
		if e.Kind == hitori.EventReply && u != nil && u.Role.IsStaff() && it.FirstRespondedAt == nil {
			it.FirstRespondedAt = &now
		}
		// The requester answering puts the ball back in the staff's court, as
		// an e-mail from them does in intake.
		old := it.Status
		if !isStaff(u) && (old == hitori.StatusWaitRequester || old == hitori.StatusResolved) {
			it.Status, it.ResolvedAt = hitori.StatusInProgress, nil
		}
		_, err = tx.ExecContext(ctx, `UPDATE items SET minutes_spent = minutes_spent + $1, first_responded_at = $2, status = $3,
			resolved_at = $4, sla_next = $5, updated_at = $6 WHERE id = $7`,
			e.Minutes, timeArg(it.FirstRespondedAt), string(it.Status), timeArg(it.ResolvedAt), slaNext(it), now, it.ID)
		if err != nil {
			return fmt.Errorf("sqlstore: add item event: %w", err)
		}
		events := []*hitori.Event{e}
		if it.Status != old {
			st := &hitori.Event{ItemID: it.ID, Kind: hitori.EventChange, AuthorID: e.AuthorID, Author: e.Author,
				Field: "status", Old: string(old), New: string(it.Status), CreatedAt: now}
			if err := insertEvent(ctx, tx, st); err != nil {
				return err
			}
			events = append(events, st)
		}
		before := *it
		before.Status = old
		return s.owe(ctx, tx, hitori.ItemChange{Before: &before, After: it, Events: events, Actor: u})
	})
}

// FindEvents returns an item's timeline, oldest first; requesters see only
// public entries.
func (s *Items) FindEvents(ctx context.Context, itemID int64) ([]*hitori.Event, error) {
	if _, err := s.FindItemByID(ctx, itemID); err != nil {
		return nil, err
	}
	rows, err := s.db.r.QueryContext(ctx, `SELECT `+eventColumns+` FROM item_events WHERE item_id = $1 ORDER BY id LIMIT $2`,
		itemID, hitori.MaxItemEventList)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: find item events: %w", err)
	}
	defer rows.Close()
	staff := isStaff(hitori.UserFromContext(ctx))
	var out []*hitori.Event
	for rows.Next() {
		e, err := scanEvent(rows)
		if err != nil {
			return nil, fmt.Errorf("sqlstore: scan item event: %w", err)
		}
		if staff || e.Public() {
			out = append(out, e)
		}
	}
	return out, rows.Err()
}
