package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"hitori"
)

var (
	_ hitori.Leaser = (*MailLog)(nil)
	_ hitori.MailTx = (*mailTx)(nil)
)

// maxThreadIDs bounds the ids of one threading lookup: References of a long
// thread can list hundreds, and the newest few decide.
const maxThreadIDs = 50

const receivedColumns = `message_id, action, reason, COALESCE(item_id, 0), COALESCE(event_id, 0), sender, subject,
	subject_key, detail, eml_sha256, eml_size, received_at`

// MailLog keeps what mail intake received and hitori sent: received and
// outgoing mail, attachments, leases, and the transaction intake writes a
// message in (hitori.MailLogService, hitori.Leaser, intake's MailStore).
type MailLog struct{ db *DB }

// MailLog returns the mail log.
func (db *DB) MailLog() *MailLog { return &MailLog{db: db} }

// FindReceived returns how a Message-ID was handled. Mail intake uses it.
func (s *MailLog) FindReceived(ctx context.Context, messageID string) (*hitori.ReceivedMail, error) {
	r := &hitori.ReceivedMail{}
	var action string
	err := s.db.r.QueryRowContext(ctx, `SELECT `+receivedColumns+` FROM mail_received WHERE message_id = $1`, messageID).Scan(
		&r.MessageID, &action, &r.Reason, &r.ItemID, &r.EventID, &r.Sender, &r.Subject, &r.SubjectKey, &r.Detail,
		&r.EMLSHA256, &r.EMLSize, &r.ReceivedAt)
	if err != nil {
		return nil, notFound(err, "message")
	}
	r.Action, r.ReceivedAt = hitori.MailAction(action), r.ReceivedAt.UTC()
	return r, nil
}

// FindReceivedMail lists the newest received messages, optionally of one
// action only (the admin's view of what was ignored and why).
func (s *MailLog) FindReceivedMail(ctx context.Context, action hitori.MailAction, offset, limit int) ([]*hitori.ReceivedMail, error) {
	offset, limit = hitori.Page(offset, limit, 50, 500)
	rows, err := s.db.r.QueryContext(ctx, `SELECT `+receivedColumns+` FROM mail_received
		WHERE ($1 = '' OR action = $1) ORDER BY received_at DESC, message_id LIMIT $2 OFFSET $3`, string(action), limit, offset)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: find received mail: %w", err)
	}
	return scanReceivedRows(rows)
}

// scanReceivedRows reads rows of receivedColumns and closes them.
func scanReceivedRows(rows *sql.Rows) ([]*hitori.ReceivedMail, error) {
	defer rows.Close()
	var out []*hitori.ReceivedMail
	for rows.Next() {
		r := &hitori.ReceivedMail{}
		var a string
		if err := rows.Scan(&r.MessageID, &a, &r.Reason, &r.ItemID, &r.EventID, &r.Sender, &r.Subject, &r.SubjectKey,
			&r.Detail, &r.EMLSHA256, &r.EMLSize, &r.ReceivedAt); err != nil {
			return nil, fmt.Errorf("sqlstore: scan received mail: %w", err)
		}
		r.Action, r.ReceivedAt = hitori.MailAction(a), r.ReceivedAt.UTC()
		out = append(out, r)
	}
	return out, rows.Err()
}

// FindThreadItem returns the item of the first id hitori has seen or sent.
func (s *MailLog) FindThreadItem(ctx context.Context, ids []string) (int64, error) {
	if len(ids) > maxThreadIDs {
		ids = ids[:maxThreadIDs]
	}
	if len(ids) == 0 {
		return 0, errItemNotFound()
	}
	args := make([]any, len(ids))
	for i, id := range ids {
		args[i] = id
	}
	rows, err := s.db.r.QueryContext(ctx, `SELECT message_id, item_id FROM item_messages WHERE message_id IN (`+
		placeholders(1, len(ids))+`)`, args...)
	if err != nil {
		return 0, fmt.Errorf("sqlstore: find thread: %w", err)
	}
	defer rows.Close()
	found := map[string]int64{}
	for rows.Next() {
		var mid string
		var item int64
		if err := rows.Scan(&mid, &item); err != nil {
			return 0, fmt.Errorf("sqlstore: find thread: %w", err)
		}
		found[mid] = item
	}
	if err := rows.Err(); err != nil {
		return 0, fmt.Errorf("sqlstore: find thread: %w", err)
	}
	for _, id := range ids {
		if item, ok := found[id]; ok {
			return item, nil
		}
	}
	return 0, errItemNotFound()
}

// FindSubjectItem finds the item a reply without threading headers belongs to.
func (s *MailLog) FindSubjectItem(ctx context.Context, sender, key string, since time.Time) (int64, error) {
	var id int64
	// received_at of a created record is its item's created_at (one
	// transaction, one time), and filtering on it keeps the plan on the
	// mail_received_subject index however many items there are.
	err := s.db.r.QueryRowContext(ctx, `SELECT i.id FROM mail_received r JOIN items i ON i.id = r.item_id
		WHERE r.action = 'created' AND r.sender = $1 AND r.subject_key = $2 AND r.received_at >= $3
		AND i.`+s.db.items.openCond()+` AND i.merged_into IS NULL
		ORDER BY r.received_at DESC LIMIT 1`, sender, key, since.UTC()).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, errItemNotFound()
	}
	if err != nil {
		return 0, fmt.Errorf("sqlstore: find item by subject: %w", err)
	}
	return id, nil
}

// FileInUse reports whether an attachment or a received message refers to a stored file.
func (s *MailLog) FileInUse(ctx context.Context, sha256 string) (bool, error) {
	var n int
	err := s.db.r.QueryRowContext(ctx, `SELECT (SELECT COUNT(*) FROM item_attachments WHERE sha256 = $1)
		+ (SELECT COUNT(*) FROM mail_received WHERE eml_sha256 = $1)`, sha256).Scan(&n)
	if err != nil {
		return false, fmt.Errorf("sqlstore: file in use: %w", err)
	}
	return n > 0, nil
}

// FindAttachments lists an item's files in the order they arrived.
func (s *MailLog) FindAttachments(ctx context.Context, itemID int64) ([]*hitori.Attachment, error) {
	if _, err := s.db.items.FindItemByID(ctx, itemID); err != nil {
		return nil, err
	}
	rows, err := s.db.r.QueryContext(ctx, `SELECT id, item_id, COALESCE(event_id, 0), name, content_type, size, sha256, original, created_at
		FROM item_attachments WHERE item_id = $1 ORDER BY id`, itemID)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: find attachments: %w", err)
	}
	defer rows.Close()
	var out []*hitori.Attachment
	for rows.Next() {
		a := &hitori.Attachment{}
		if err := rows.Scan(&a.ID, &a.ItemID, &a.EventID, &a.Name, &a.ContentType, &a.Size, &a.SHA256, &a.Original, &a.CreatedAt); err != nil {
			return nil, fmt.Errorf("sqlstore: scan attachment: %w", err)
		}
		a.CreatedAt = a.CreatedAt.UTC()
		out = append(out, a)
	}
	return out, rows.Err()
}

// InMailTx runs fn in one write transaction. Mail intake uses it.
func (s *MailLog) InMailTx(ctx context.Context, fn func(hitori.MailTx) error) error {
	if u := hitori.UserFromContext(ctx); u != nil {
		return hitori.KeyError(hitori.EFORBIDDEN, "error.forbidden") // intake runs as the system
	}
	return s.db.write(ctx, func(tx *sql.Tx) error {
		return fn(&mailTx{db: s.db, tx: tx, now: s.db.now()})
	})
}

// mailTx is intake's view of one write transaction; every write in it
// carries the same time.
type mailTx struct {
	db  *DB
	tx  *sql.Tx
	now time.Time
}

// CreateItem stores a new item opened by e-mail, as Items.CreateItem does for
// the system, inside the message's transaction.
func (t *mailTx) CreateItem(ctx context.Context, it *hitori.Item) error {
	if it.Source == "" {
		it.Source = hitori.SourceEmail
	}
	it.Status, it.MergedInto, it.FirstRespondedAt, it.ResolvedAt, it.MinutesSpent = hitori.StatusNew, nil, nil, nil, 0
	if err := it.Validate(); err != nil {
		return err
	}
	it.CreatedAt, it.UpdatedAt = t.now, t.now
	it.DueAt, it.FirstResponseDue, it.ResolutionDue = storedTime(it.DueAt), storedTime(it.FirstResponseDue), storedTime(it.ResolutionDue)
	if err := insertItem(ctx, t.tx, it, t.now); err != nil {
		return err
	}
	return t.db.items.owe(ctx, t.tx, hitori.ItemChange{After: it})
}

// AddEvent appends an e-mail or an internal note written by the system.
func (t *mailTx) AddEvent(ctx context.Context, e *hitori.Event) error {
	if e.Kind != hitori.EventEmail && e.Kind != hitori.EventNote {
		return hitori.FieldError("kind", "error.invalid")
	}
	if err := validateEvent(e); err != nil {
		return err
	}
	if e.Author == "" {
		_, e.Author = authorOf(nil)
	}
	field := "" // the one mark a system note may carry: mail from an unverified sender
	if e.Kind == hitori.EventNote && e.Field == hitori.FieldUnverifiedSender {
		field = e.Field
	}
	e.Field, e.Old, e.New, e.Minutes, e.CreatedAt = field, "", "", 0, t.now
	if _, err := loadItem(ctx, t.tx, e.ItemID, nil, true); err != nil {
		return err
	}
	if err := insertEvent(ctx, t.tx, e); err != nil {
		return err
	}
	if e.MessageID != "" {
		if err := claimMessage(ctx, t.tx, e.MessageID, e.ItemID, t.now); err != nil {
			return err
		}
	}
	if _, err := t.tx.ExecContext(ctx, `UPDATE items SET updated_at = $1 WHERE id = $2`, t.now, e.ItemID); err != nil {
		return fmt.Errorf("sqlstore: add item event: %w", err)
	}
	return nil
}

// ReopenItem puts the ball back in the staff's court when the requester writes.
func (t *mailTx) ReopenItem(ctx context.Context, id int64) (hitori.Status, error) {
	it, err := loadItem(ctx, t.tx, id, nil, true)
	if err != nil {
		return "", err
	}
	old := it.Status
	if old != hitori.StatusResolved && old != hitori.StatusWaitRequester {
		return old, nil
	}
	it.Status, it.ResolvedAt = hitori.StatusInProgress, nil
	if _, err := t.tx.ExecContext(ctx, `UPDATE items SET status = $1, resolved_at = NULL, sla_next = $2, updated_at = $3 WHERE id = $4`,
		string(it.Status), slaNext(it), t.now, id); err != nil {
		return "", fmt.Errorf("sqlstore: reopen item: %w", err)
	}
	_, author := authorOf(nil)
	e := &hitori.Event{ItemID: id, Kind: hitori.EventChange, Author: author, Field: "status",
		Old: string(old), New: string(it.Status), CreatedAt: t.now}
	return old, insertEvent(ctx, t.tx, e)
}

// AddAttachment records a stored file on an item.
func (t *mailTx) AddAttachment(ctx context.Context, a *hitori.Attachment) error {
	a.CreatedAt = t.now
	err := t.tx.QueryRowContext(ctx, `INSERT INTO item_attachments (item_id, event_id, name, content_type, size, sha256, original, created_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
		a.ItemID, idArg(nonZero(a.EventID)), a.Name, a.ContentType, a.Size, a.SHA256, a.Original, t.now).Scan(&a.ID)
	if err != nil {
		return fmt.Errorf("sqlstore: add attachment: %w", err)
	}
	return nil
}

// RecordReceived logs a message; the primary key makes a second record of
// the same Message-ID, even a concurrent one, an ECONFLICT.
func (t *mailTx) RecordReceived(ctx context.Context, r *hitori.ReceivedMail) error {
	r.ReceivedAt = t.now
	res, err := t.tx.ExecContext(ctx, `INSERT INTO mail_received (message_id, action, reason, item_id, event_id, sender, subject,
		subject_key, detail, eml_sha256, eml_size, received_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
		ON CONFLICT (message_id) DO NOTHING`,
		r.MessageID, string(r.Action), r.Reason, idArg(nonZero(r.ItemID)), idArg(nonZero(r.EventID)), r.Sender, r.Subject,
		r.SubjectKey, r.Detail, r.EMLSHA256, r.EMLSize, t.now)
	if err != nil {
		return fmt.Errorf("sqlstore: record received mail: %w", err)
	}
	if n, err := res.RowsAffected(); err != nil || n == 0 {
		return errMessageSeen()
	}
	return nil
}

// MarkOutgoing records what became of a message hitori sent.
func (t *mailTx) MarkOutgoing(ctx context.Context, messageID, status, detail string) (int64, error) {
	var item int64
	err := t.tx.QueryRowContext(ctx, `UPDATE mail_outgoing SET status = $1, detail = $2, updated_at = $3 WHERE message_id = $4 RETURNING item_id`,
		status, detail, t.now, messageID).Scan(&item)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, errItemNotFound()
	}
	if err != nil {
		return 0, fmt.Errorf("sqlstore: mark outgoing mail: %w", err)
	}
	return item, nil
}

// nonZero turns an unset id into nil for idArg.
func nonZero(id int64) *int64 {
	if id == 0 {
		return nil
	}
	return &id
}

// ClaimLease takes a free or expired lease, or renews holder's own, in one
// statement: the primary key serialises concurrent claims on both databases.
func (s *MailLog) ClaimLease(ctx context.Context, name, holder string, ttl time.Duration) (bool, error) {
	now := s.db.now()
	var ok bool
	err := s.db.write(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `INSERT INTO leases (name, holder, expires_at) VALUES ($1, $2, $3)
			ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
			WHERE leases.holder = excluded.holder OR leases.expires_at < $4`, name, holder, now.Add(ttl), now)
		if err != nil {
			return fmt.Errorf("sqlstore: claim lease: %w", err)
		}
		n, err := res.RowsAffected()
		ok = n == 1
		return err
	})
	return ok, err
}

// ReleaseLease ends holder's lease so another process may take the job at once.
func (s *MailLog) ReleaseLease(ctx context.Context, name, holder string) error {
	return s.db.write(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `DELETE FROM leases WHERE name = $1 AND holder = $2`, name, holder); err != nil {
			return fmt.Errorf("sqlstore: release lease: %w", err)
		}
		return nil
	})
}

// ThreadMessageIDs lists the Message-IDs of an item's thread, received and
// sent, oldest first: the References of the next message about it.
func (s *MailLog) ThreadMessageIDs(ctx context.Context, itemID int64) ([]string, error) {
	rows, err := s.db.r.QueryContext(ctx, `SELECT message_id FROM item_messages WHERE item_id = $1 ORDER BY created_at, message_id`, itemID)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: thread message ids: %w", err)
	}
	defer rows.Close()
	var ids []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, fmt.Errorf("sqlstore: thread message ids: %w", err)
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}

// RecordOutgoing stores a message about to be sent and claims its
// Message-ID for the item, so the requester's reply threads even if the
// process stops right after sending.
func (s *MailLog) RecordOutgoing(ctx context.Context, o *hitori.OutgoingMail) error {
	if o.Status == "" {
		o.Status = hitori.OutgoingSending
	}
	return s.db.write(ctx, func(tx *sql.Tx) error {
		now := s.db.now()
		o.CreatedAt = now
		res, err := tx.ExecContext(ctx, `INSERT INTO mail_outgoing (message_id, item_id, event_id, kind, recipient, subject, status,
			detail, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9) ON CONFLICT (message_id) DO NOTHING`,
			o.MessageID, o.ItemID, idArg(nonZero(o.EventID)), o.Kind, o.Recipient, o.Subject, o.Status, o.Detail, now)
		if err != nil {
			return fmt.Errorf("sqlstore: record outgoing mail: %w", err)
		}
		if n, err := res.RowsAffected(); err != nil || n == 0 {
			return errMessageSeen()
		}
		return claimMessage(ctx, tx, o.MessageID, o.ItemID, now)
	})
}

// SetOutgoingStatus records the outcome of sending.
func (s *MailLog) SetOutgoingStatus(ctx context.Context, messageID, status, detail string) error {
	return s.db.write(ctx, func(tx *sql.Tx) error {
		_, err := (&mailTx{tx: tx, now: s.db.now()}).MarkOutgoing(ctx, messageID, status, detail)
		return err
	})
}
