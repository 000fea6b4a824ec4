package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"hitori"
)

var _ hitori.ReportStore = (*Reports)(nil)

// Reports reads across areas for the reports (report.Service checks who
// may see them). It only reads.
type Reports struct{ db *DB }

// Reports returns the reports' store.
func (db *DB) Reports() *Reports { return &Reports{db: db} }

// requesterDepartment names an item's requester's department: through
// their account's person in the register, else a person with their
// address; one row at most, so the joins cannot multiply the minutes.
const requesterDepartment = `COALESCE(
	(SELECT d.name FROM people p JOIN departments d ON d.id = p.department_id WHERE i.requester_id IS NOT NULL AND p.user_id = i.requester_id),
	(SELECT d.name FROM people p JOIN departments d ON d.id = p.department_id
		WHERE i.requester_email <> '' AND LOWER(p.email) = i.requester_email ORDER BY p.id LIMIT 1),
	'')`

// TimeEntries lists every logging of minutes in [from, to).
func (s *Reports) TimeEntries(ctx context.Context, from, to time.Time) ([]hitori.TimeEntry, error) {
	rows, err := s.db.r.QueryContext(ctx, `SELECT e.created_at, e.minutes, i.id, i.category, i.kind, i.quadrant, i.source, `+
		requesterDepartment+`
		FROM item_events e JOIN items i ON i.id = e.item_id
		WHERE e.minutes > 0 AND e.created_at >= $1 AND e.created_at < $2
		ORDER BY e.created_at, e.id`, from.UTC(), to.UTC())
	if err != nil {
		return nil, fmt.Errorf("sqlstore: time entries: %w", err)
	}
	defer rows.Close()
	var out []hitori.TimeEntry
	for rows.Next() {
		var t hitori.TimeEntry
		var kind, source string
		var q int
		if err := rows.Scan(&t.At, &t.Minutes, &t.ItemID, &t.Category, &kind, &q, &source, &t.Department); err != nil {
			return nil, fmt.Errorf("sqlstore: time entries: %w", err)
		}
		t.At, t.Kind, t.Quadrant, t.Source = t.At.UTC(), hitori.WorkKind(kind), hitori.Quadrant(q), hitori.Source(source)
		out = append(out, t)
	}
	return out, rows.Err()
}

const itemFactColumns = `i.id, i.title, i.type, i.kind, i.status, i.source, i.category, i.quadrant, i.created_at,
	i.first_response_due, i.first_responded_at, i.resolution_due, i.resolved_at, i.sla_next, i.minutes_spent`

func scanItemFacts(rows *sql.Rows) ([]hitori.ItemFact, error) {
	defer rows.Close()
	var out []hitori.ItemFact
	for rows.Next() {
		var f hitori.ItemFact
		var typ, kind, status, source string
		var q int
		var frDue, frAt, resDue, resAt sql.NullTime
		if err := rows.Scan(&f.ID, &f.Title, &typ, &kind, &status, &source, &f.Category, &q, &f.CreatedAt,
			&frDue, &frAt, &resDue, &resAt, &f.SLANext, &f.MinutesSpent); err != nil {
			return nil, fmt.Errorf("sqlstore: item facts: %w", err)
		}
		f.Type, f.Kind, f.Status, f.Source = hitori.ItemType(typ), hitori.WorkKind(kind), hitori.Status(status), hitori.Source(source)
		f.Quadrant, f.CreatedAt, f.SLANext = hitori.Quadrant(q), f.CreatedAt.UTC(), f.SLANext.UTC()
		f.FirstResponseDue, f.FirstRespondedAt = nullTime(frDue), nullTime(frAt)
		f.ResolutionDue, f.ResolvedAt = nullTime(resDue), nullTime(resAt)
		out = append(out, f)
	}
	return out, rows.Err()
}

// ItemFacts lists the items (merged duplicates left out) opened or
// resolved in [from, to).
func (s *Reports) ItemFacts(ctx context.Context, from, to time.Time) ([]hitori.ItemFact, error) {
	rows, err := s.db.r.QueryContext(ctx, `SELECT `+itemFactColumns+` FROM items i
		WHERE i.merged_into IS NULL AND ((i.created_at >= $1 AND i.created_at < $2) OR (i.resolved_at >= $1 AND i.resolved_at < $2))
		ORDER BY i.id`, from.UTC(), to.UTC())
	if err != nil {
		return nil, fmt.Errorf("sqlstore: item facts: %w", err)
	}
	return scanItemFacts(rows)
}

// OpenItemFacts lists every open item.
func (s *Reports) OpenItemFacts(ctx context.Context) ([]hitori.ItemFact, error) {
	rows, err := s.db.r.QueryContext(ctx, `SELECT `+itemFactColumns+` FROM items i WHERE `+s.db.items.openCond()+` ORDER BY i.id`)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: open item facts: %w", err)
	}
	return scanItemFacts(rows)
}

// Deflections counts "this solved it" in [from, to).
func (s *Reports) Deflections(ctx context.Context, from, to time.Time) (int, error) {
	var n int
	err := s.db.r.QueryRowContext(ctx, `SELECT COUNT(*) FROM kb_deflections WHERE created_at >= $1 AND created_at < $2`,
		from.UTC(), to.UTC()).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("sqlstore: deflections: %w", err)
	}
	return n, nil
}
