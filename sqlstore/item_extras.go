package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"hitori"
)

func errForbidden() error { return hitori.KeyError(hitori.EFORBIDDEN, "error.forbidden") }

// staffActor returns the staff member (or the system, nil) in ctx.
func staffActor(ctx context.Context) (*hitori.User, error) {
	u := hitori.UserFromContext(ctx)
	if !isStaff(u) {
		return nil, errForbidden()
	}
	return u, nil
}

// isUniqueViolation recognises both drivers' duplicate-key errors, for the
// race a pre-check in another process can lose.
func isUniqueViolation(err error) bool {
	if err == nil {
		return false
	}
	s := err.Error()
	return strings.Contains(s, "UNIQUE constraint") || strings.Contains(s, "SQLSTATE 23505")
}

func validateCanned(c *hitori.CannedReply) error {
	c.Title = strings.TrimSpace(c.Title)
	switch {
	case c.Title == "":
		return hitori.FieldError("title", "error.required")
	case utf8.RuneCountInString(c.Title) > hitori.MaxCannedTitle:
		return hitori.FieldError("title", "error.too_long")
	case strings.TrimSpace(c.Body) == "":
		return hitori.FieldError("body", "error.required")
	case utf8.RuneCountInString(c.Body) > hitori.MaxCannedBody:
		return hitori.FieldError("body", "error.too_long")
	}
	return nil
}

// ListCannedReplies lists every canned reply by title.
func (s *Items) ListCannedReplies(ctx context.Context) ([]*hitori.CannedReply, error) {
	if _, err := staffActor(ctx); err != nil {
		return nil, err
	}
	rows, err := s.db.r.QueryContext(ctx, `SELECT id, title, body, created_at, updated_at FROM canned_replies ORDER BY title, id`)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: list canned replies: %w", err)
	}
	defer rows.Close()
	var out []*hitori.CannedReply
	for rows.Next() {
		c := &hitori.CannedReply{}
		if err := rows.Scan(&c.ID, &c.Title, &c.Body, &c.CreatedAt, &c.UpdatedAt); err != nil {
			return nil, fmt.Errorf("sqlstore: scan canned reply: %w", err)
		}
		c.CreatedAt, c.UpdatedAt = c.CreatedAt.UTC(), c.UpdatedAt.UTC()
		out = append(out, c)
	}
	return out, rows.Err()
}

// FindCannedReply returns one canned reply.
func (s *Items) FindCannedReply(ctx context.Context, id int64) (*hitori.CannedReply, error) {
	if _, err := staffActor(ctx); err != nil {
		return nil, err
	}
	c := &hitori.CannedReply{}
	err := s.db.r.QueryRowContext(ctx, `SELECT id, title, body, created_at, updated_at FROM canned_replies WHERE id = $1`, id).
		Scan(&c.ID, &c.Title, &c.Body, &c.CreatedAt, &c.UpdatedAt)
	if err != nil {
		return nil, notFound(err, "canned reply")
	}
	c.CreatedAt, c.UpdatedAt = c.CreatedAt.UTC(), c.UpdatedAt.UTC()
	return c, nil
}

// CreateCannedReply stores a new canned reply and sets its ID and times.
func (s *Items) CreateCannedReply(ctx context.Context, c *hitori.CannedReply) error {
	if _, err := staffActor(ctx); err != nil {
		return err
	}
	if err := validateCanned(c); err != nil {
		return err
	}
	now := s.db.now()
	return s.db.write(ctx, func(tx *sql.Tx) error {
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM canned_replies`).Scan(&n); err != nil {
			return fmt.Errorf("sqlstore: count canned replies: %w", err)
		}
		if n >= hitori.MaxCannedReplies {
			return hitori.FieldError("title", "error.canned_too_many")
		}
		if err := cannedTitleFree(ctx, tx, c.Title, 0); err != nil {
			return err
		}
		err := tx.QueryRowContext(ctx, `INSERT INTO canned_replies (title, body, created_at, updated_at) VALUES ($1, $2, $3, $3) RETURNING id`,
			c.Title, c.Body, now).Scan(&c.ID)
		if err != nil {
			if isUniqueViolation(err) {
				return hitori.FieldError("title", "error.canned_duplicate")
			}
			return fmt.Errorf("sqlstore: create canned reply: %w", err)
		}
		c.CreatedAt, c.UpdatedAt = now, now
		return nil
	})
}

// cannedTitleFree refuses a title another canned reply already has.
func cannedTitleFree(ctx context.Context, tx *sql.Tx, title string, self int64) error {
	var id int64
	err := tx.QueryRowContext(ctx, `SELECT id FROM canned_replies WHERE title = $1 AND id <> $2`, title, self).Scan(&id)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return nil
	case err != nil:
		return fmt.Errorf("sqlstore: check canned title: %w", err)
	}
	return hitori.FieldError("title", "error.canned_duplicate")
}

// UpdateCannedReply replaces a canned reply's title and body.
func (s *Items) UpdateCannedReply(ctx context.Context, c *hitori.CannedReply) error {
	if _, err := staffActor(ctx); err != nil {
		return err
	}
	if err := validateCanned(c); err != nil {
		return err
	}
	now := s.db.now()
	return s.db.write(ctx, func(tx *sql.Tx) error {
		if err := cannedTitleFree(ctx, tx, c.Title, c.ID); err != nil {
			return err
		}
		err := tx.QueryRowContext(ctx, `UPDATE canned_replies SET title = $1, body = $2, updated_at = $3 WHERE id = $4 RETURNING created_at`,
			c.Title, c.Body, now, c.ID).Scan(&c.CreatedAt)
		if err != nil {
			if err2 := notFound(err, "canned reply"); hitori.ErrorCode(err2) == hitori.ENOTFOUND {
				return err2
			}
			if isUniqueViolation(err) {
				return hitori.FieldError("title", "error.canned_duplicate")
			}
			return fmt.Errorf("sqlstore: update canned reply: %w", err)
		}
		c.CreatedAt, c.UpdatedAt = c.CreatedAt.UTC(), now
		return nil
	})
}

// DeleteCannedReply removes a canned reply.
func (s *Items) DeleteCannedReply(ctx context.Context, id int64) error {
	if _, err := staffActor(ctx); err != nil {
		return err
	}
	return s.db.write(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `DELETE FROM canned_replies WHERE id = $1`, id)
		if err != nil {
			return fmt.Errorf("sqlstore: delete canned reply: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return notFound(sql.ErrNoRows, "canned reply")
		}
		return nil
	})
}

// filterOwner is the staff member whose saved filters these are; the
// system has none.
func filterOwner(ctx context.Context) (*hitori.User, error) {
	u := hitori.UserFromContext(ctx)
	if u == nil || !u.Role.IsStaff() {
		return nil, errForbidden()
	}
	return u, nil
}

// ListSavedFilters lists the signed-in staff member's saved filters by name.
func (s *Items) ListSavedFilters(ctx context.Context) ([]*hitori.SavedFilter, error) {
	u, err := filterOwner(ctx)
	if err != nil {
		return nil, err
	}
	rows, err := s.db.r.QueryContext(ctx, `SELECT id, user_id, name, query, created_at FROM saved_filters WHERE user_id = $1 ORDER BY name, id`, u.ID)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: list saved filters: %w", err)
	}
	defer rows.Close()
	var out []*hitori.SavedFilter
	for rows.Next() {
		f := &hitori.SavedFilter{}
		if err := rows.Scan(&f.ID, &f.UserID, &f.Name, &f.Query, &f.CreatedAt); err != nil {
			return nil, fmt.Errorf("sqlstore: scan saved filter: %w", err)
		}
		f.CreatedAt = f.CreatedAt.UTC()
		out = append(out, f)
	}
	return out, rows.Err()
}

// SaveFilter stores a filter for the signed-in staff member; saving under a
// name they already use replaces that filter's query.
func (s *Items) SaveFilter(ctx context.Context, f *hitori.SavedFilter) error {
	u, err := filterOwner(ctx)
	if err != nil {
		return err
	}
	f.Name, f.Query, f.UserID = strings.TrimSpace(f.Name), strings.TrimPrefix(strings.TrimSpace(f.Query), "?"), u.ID
	switch {
	case f.Name == "":
		return hitori.FieldError("name", "error.required")
	case utf8.RuneCountInString(f.Name) > hitori.MaxFilterName:
		return hitori.FieldError("name", "error.too_long")
	case len(f.Query) > hitori.MaxFilterQuery:
		return hitori.FieldError("query", "error.too_long")
	}
	now := s.db.now()
	return s.db.write(ctx, func(tx *sql.Tx) error {
		var n, same int
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*), COALESCE(SUM(CASE WHEN name = $2 THEN 1 ELSE 0 END), 0)
			FROM saved_filters WHERE user_id = $1`, u.ID, f.Name).Scan(&n, &same); err != nil {
			return fmt.Errorf("sqlstore: count saved filters: %w", err)
		}
		if same == 0 && n >= hitori.MaxSavedFilters {
			return hitori.FieldError("name", "error.filter_too_many")
		}
		err := tx.QueryRowContext(ctx, `INSERT INTO saved_filters (user_id, name, query, created_at) VALUES ($1, $2, $3, $4)
			ON CONFLICT (user_id, name) DO UPDATE SET query = excluded.query RETURNING id, created_at`,
			u.ID, f.Name, f.Query, now).Scan(&f.ID, &f.CreatedAt)
		if err != nil {
			return fmt.Errorf("sqlstore: save filter: %w", err)
		}
		f.CreatedAt = f.CreatedAt.UTC()
		return nil
	})
}

// DeleteSavedFilter removes one of the signed-in staff member's own
// filters; another person's is ENOTFOUND.
func (s *Items) DeleteSavedFilter(ctx context.Context, id int64) error {
	u, err := filterOwner(ctx)
	if err != nil {
		return err
	}
	return s.db.write(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `DELETE FROM saved_filters WHERE id = $1 AND user_id = $2`, id, u.ID)
		if err != nil {
			return fmt.Errorf("sqlstore: delete saved filter: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return notFound(sql.ErrNoRows, "saved filter")
		}
		return nil
	})
}

// FindItemAttachment returns one file of an item, for the staff only: a
// requester's portal does not offer downloads yet.
func (s *MailLog) FindItemAttachment(ctx context.Context, itemID, id int64) (*hitori.Attachment, error) {
	if _, err := staffActor(ctx); err != nil {
		return nil, err
	}
	a := &hitori.Attachment{}
	err := s.db.r.QueryRowContext(ctx, `SELECT id, item_id, COALESCE(event_id, 0), name, content_type, size, sha256, original, created_at
		FROM item_attachments WHERE id = $1 AND item_id = $2`, id, itemID).
		Scan(&a.ID, &a.ItemID, &a.EventID, &a.Name, &a.ContentType, &a.Size, &a.SHA256, &a.Original, &a.CreatedAt)
	if err != nil {
		return nil, notFound(err, "attachment")
	}
	a.CreatedAt = a.CreatedAt.UTC()
	return a, nil
}

// FindIgnoredMail lists received mail that became no item, newest first,
// optionally of one reason, with the number of all that match: the
// admin's proof that nothing was silently lost.
func (s *MailLog) FindIgnoredMail(ctx context.Context, reason string, offset, limit int) ([]*hitori.ReceivedMail, int, error) {
	if _, err := staffActor(ctx); err != nil {
		return nil, 0, err
	}
	offset, limit = hitori.Page(offset, limit, 50, 500)
	var total int
	if err := s.db.r.QueryRowContext(ctx, `SELECT COUNT(*) FROM mail_received WHERE action = 'ignored' AND ($1 = '' OR reason = $1)`,
		reason).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("sqlstore: count ignored mail: %w", err)
	}
	rows, err := s.db.r.QueryContext(ctx, `SELECT `+receivedColumns+` FROM mail_received
		WHERE action = 'ignored' AND ($1 = '' OR reason = $1) ORDER BY received_at DESC, message_id LIMIT $2 OFFSET $3`,
		reason, limit, offset)
	if err != nil {
		return nil, 0, fmt.Errorf("sqlstore: find ignored mail: %w", err)
	}
	out, err := scanReceivedRows(rows)
	return out, total, err
}
