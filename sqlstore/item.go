package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"hitori"
	"hitori/memo"
)

var _ hitori.ItemService = (*Items)(nil)

// Items is the work area's storage: items and what hangs off them
// (timelines, article links, canned replies, saved filters).
type Items struct {
	db *DB

	outbox hitori.ItemOutbox // see SetItemOutbox
	board  *memo.Cache[boardKey, *hitori.ItemBoard]
	counts *memo.Cache[string, int] // list totals by statement and arguments
}

func newItems(db *DB) *Items {
	return &Items{db: db, board: newReadCache[boardKey, *hitori.ItemBoard](), counts: newReadCache[string, int]()}
}

// Items returns the work area's store: one value per DB, so the outbox
// installed by SetItemOutbox holds for every caller, intake's included.
func (db *DB) Items() *Items { return db.items }

// itemColumns is what scanItem reads, in order.
const itemColumns = `id, type, title, body, status, source, category, kind, tags, urgent, important,
	requester_id, requester_name, requester_email, assignee_id, vendor, due_at, first_response_due,
	resolution_due, first_responded_at, resolved_at, merged_into, COALESCE(message_id, ''), minutes_spent, created_at, updated_at`

// itemInsertColumns is what itemValues writes, in order; quadrant and
// sla_next are derived ordering keys the store keeps up to date.
const itemInsertColumns = `type, title, body, status, source, category, kind, tags, urgent, important, quadrant,
	requester_id, requester_name, requester_email, assignee_id, vendor, due_at, first_response_due,
	resolution_due, first_responded_at, resolved_at, sla_next, merged_into, message_id, minutes_spent, created_at, updated_at`

const itemInsertCount = 27

// openCond selects open items (a test checks it against hitori.Status.Open):
// on SQLite is_open, a flag the database keeps from status (migration 0016),
// word for word the WHERE of the partial indexes over open items, as SQLite
// needs to use them; on PostgreSQL an IN of the open statuses, which its
// planner matches to the same indexes by proof (see the migrations for why
// they differ).
func (s *Items) openCond() string {
	if s.db.Dialect == Postgres {
		return openCondPostgres
	}
	return `is_open`
}

// noSLA is sla_next for items with no pending SLA target: after every real one.
var noSLA = time.Date(9999, 12, 31, 0, 0, 0, 0, time.UTC)

type scanner interface{ Scan(...any) error }

func scanItem(row scanner) (*hitori.Item, error) {
	it := &hitori.Item{}
	var typ, status, source, kind, tags string
	var requester, assignee, merged sql.NullInt64
	var due, frDue, resDue, frAt, resAt sql.NullTime
	if err := row.Scan(&it.ID, &typ, &it.Title, &it.Body, &status, &source, &it.Category, &kind, &tags, &it.Urgent, &it.Important,
		&requester, &it.RequesterName, &it.RequesterEmail, &assignee, &it.Vendor, &due, &frDue, &resDue, &frAt, &resAt,
		&merged, &it.MessageID, &it.MinutesSpent, &it.CreatedAt, &it.UpdatedAt); err != nil {
		return nil, err
	}
	it.Type, it.Status, it.Source, it.Tags = hitori.ItemType(typ), hitori.Status(status), hitori.Source(source), splitTags(tags)
	it.Kind = hitori.WorkKind(kind)
	it.RequesterID, it.AssigneeID, it.MergedInto = nullID(requester), nullID(assignee), nullID(merged)
	it.DueAt, it.FirstResponseDue, it.ResolutionDue = nullTime(due), nullTime(frDue), nullTime(resDue)
	it.FirstRespondedAt, it.ResolvedAt = nullTime(frAt), nullTime(resAt)
	it.CreatedAt, it.UpdatedAt = it.CreatedAt.UTC(), it.UpdatedAt.UTC()
	return it, nil
}

// itemValues are the arguments for itemInsertColumns.
func itemValues(it *hitori.Item) []any {
	return []any{string(it.Type), it.Title, it.Body, string(it.Status), string(it.Source), it.Category, string(kindOf(it)), joinTags(it.Tags),
		it.Urgent, it.Important, int(it.Quadrant()), idArg(it.RequesterID), it.RequesterName, it.RequesterEmail,
		idArg(it.AssigneeID), it.Vendor, timeArg(it.DueAt), timeArg(it.FirstResponseDue), timeArg(it.ResolutionDue),
		timeArg(it.FirstRespondedAt), timeArg(it.ResolvedAt), slaNext(it), idArg(it.MergedInto), textArg(it.MessageID),
		it.MinutesSpent, it.CreatedAt.UTC(), it.UpdatedAt.UTC()}
}

// kindOf is the item's work kind, its default when none was set (seeded
// items skip validation).
func kindOf(it *hitori.Item) hitori.WorkKind {
	if it.Kind == "" {
		return hitori.DefaultWorkKind(it.Type, it.Source)
	}
	return it.Kind
}

// slaNext is the earliest SLA target still pending: the first response until
// someone has answered, and the resolution.
func slaNext(it *hitori.Item) time.Time {
	next := noSLA
	if it.FirstRespondedAt == nil && it.FirstResponseDue != nil && it.FirstResponseDue.Before(next) {
		next = *it.FirstResponseDue
	}
	if it.ResolvedAt == nil && it.ResolutionDue != nil && it.ResolutionDue.Before(next) {
		next = *it.ResolutionDue
	}
	return next.UTC()
}

func nullID(n sql.NullInt64) *int64 {
	if !n.Valid {
		return nil
	}
	return &n.Int64
}

// idArg, timeArg and textArg turn absent values into SQL NULL.
func idArg(p *int64) any {
	if p == nil {
		return nil
	}
	return *p
}

func timeArg(p *time.Time) any {
	if p == nil {
		return nil
	}
	return p.UTC().Truncate(time.Microsecond)
}

// storedTime is t as the databases keep it: UTC, whole microseconds.
func storedTime(t *time.Time) *time.Time {
	if t == nil {
		return nil
	}
	v := t.UTC().Truncate(time.Microsecond)
	return &v
}

func textArg(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// itemActor returns the user in the context (nil: the system) once it is
// known they may touch items at all.
func itemActor(ctx context.Context) (*hitori.User, error) {
	u := hitori.UserFromContext(ctx)
	return u, hitori.CheckItemAccess(u)
}

// isStaff reports whether u works items: staff, or the system.
func isStaff(u *hitori.User) bool { return u == nil || u.Role.IsStaff() }

// authorOf names u on the timeline; the name is kept if the account goes.
func authorOf(u *hitori.User) (*int64, string) {
	if u == nil {
		return nil, "system"
	}
	if u.Name != "" {
		return &u.ID, u.Name
	}
	return &u.ID, u.Email
}

func errItemNotFound() error {
	return &hitori.Error{Code: hitori.ENOTFOUND, Message: "item not found", Key: "error.not_found"}
}

// loadItem reads an item inside a transaction and hides it (ENOTFOUND) from a
// user who may not see it. With lock, it first takes the row's write lock
// with a no-op UPDATE, a portable SELECT … FOR UPDATE: concurrent changes to
// one item on PostgreSQL queue instead of overwriting each other (SQLite's
// single writer already serialises them).
func loadItem(ctx context.Context, tx *sql.Tx, id int64, u *hitori.User, lock bool) (*hitori.Item, error) {
	if lock {
		if _, err := tx.ExecContext(ctx, `UPDATE items SET updated_at = updated_at WHERE id = $1`, id); err != nil {
			return nil, fmt.Errorf("sqlstore: lock item: %w", err)
		}
	}
	it, err := scanItem(tx.QueryRowContext(ctx, `SELECT `+itemColumns+` FROM items WHERE id = $1`, id))
	if err != nil {
		return nil, notFound(err, "item")
	}
	if !it.VisibleTo(u) {
		return nil, errItemNotFound()
	}
	return it, nil
}

// FindItemByID returns an item the context's user may see.
func (s *Items) FindItemByID(ctx context.Context, id int64) (*hitori.Item, error) {
	u, err := itemActor(ctx)
	if err != nil {
		return nil, err
	}
	it, err := scanItem(s.db.r.QueryRowContext(ctx, `SELECT `+itemColumns+` FROM items WHERE id = $1`, id))
	if err != nil {
		return nil, notFound(err, "item")
	}
	if !it.VisibleTo(u) {
		return nil, errItemNotFound()
	}
	return it, nil
}

// FindItemByMessageID returns the item a Message-ID belongs to.
func (s *Items) FindItemByMessageID(ctx context.Context, messageID string) (*hitori.Item, error) {
	if _, err := itemActor(ctx); err != nil {
		return nil, err
	}
	var id int64
	err := s.db.r.QueryRowContext(ctx, `SELECT item_id FROM item_messages WHERE message_id = $1`, strings.TrimSpace(messageID)).Scan(&id)
	if err != nil {
		return nil, notFound(err, "item")
	}
	return s.FindItemByID(ctx, id)
}

// claimMessage records a Message-ID for an item. The primary key makes a
// second claim, even a concurrent one from another process, an ECONFLICT.
func claimMessage(ctx context.Context, tx *sql.Tx, messageID string, itemID int64, now time.Time) error {
	res, err := tx.ExecContext(ctx, `INSERT INTO item_messages (message_id, item_id, created_at) VALUES ($1, $2, $3)
		ON CONFLICT (message_id) DO NOTHING`, messageID, itemID, now)
	if err != nil {
		return fmt.Errorf("sqlstore: record message id: %w", err)
	}
	if n, err := res.RowsAffected(); err != nil || n == 0 {
		return errMessageSeen()
	}
	return nil
}

func errMessageSeen() error {
	return &hitori.Error{Code: hitori.ECONFLICT, Message: "message already processed", Key: "error.item_message_seen"}
}
