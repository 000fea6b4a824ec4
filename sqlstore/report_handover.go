package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"hitori"
)

// ContractCosts lists the contracts in force on some day of [from, to]
// with a cost, by title; the category is the kind of the first system
// each covers.
func (s *Reports) ContractCosts(ctx context.Context, from, to hitori.Date) ([]hitori.ContractCost, error) {
	rows, err := s.db.r.QueryContext(ctx, `SELECT c.id, c.title, v.name,
		COALESCE((SELECT y.kind FROM contract_systems cs JOIN systems y ON y.id = cs.system_id
			WHERE cs.contract_id = c.id ORDER BY cs.position, cs.system_id LIMIT 1), ''), `+contractYearly+`
		FROM contracts c JOIN vendors v ON v.id = c.vendor_id
		WHERE (c.annual_yen IS NOT NULL OR c.monthly_yen IS NOT NULL)
			AND (c.starts_on = '' OR c.starts_on <= $2) AND (c.ends_on = '' OR c.ends_on >= $1)
		ORDER BY c.title, c.id`, string(from), string(to))
	if err != nil {
		return nil, fmt.Errorf("sqlstore: contract costs: %w", err)
	}
	defer rows.Close()
	var out []hitori.ContractCost
	for rows.Next() {
		var c hitori.ContractCost
		var kind string
		if err := rows.Scan(&c.ContractID, &c.Title, &c.Vendor, &kind, &c.YenYear); err != nil {
			return nil, fmt.Errorf("sqlstore: contract costs: %w", err)
		}
		c.SystemKind = hitori.SystemKind(kind)
		out = append(out, c)
	}
	return out, rows.Err()
}

// Outages lists the incidents open at some instant of [from, to), with
// their items' status and minutes, earliest first.
func (s *Reports) Outages(ctx context.Context, from, to time.Time) ([]hitori.OutageFact, error) {
	rows, err := s.db.r.QueryContext(ctx, `SELECT n.id, n.monitor_id, n.title, n.opened_at, n.acked_at, n.acked_by, n.resolved_at,
		n.item_id, COALESCE(i.status, ''), COALESCE(i.minutes_spent, 0)
		FROM incidents n LEFT JOIN items i ON i.id = n.item_id
		WHERE n.opened_at < $2 AND (n.resolved_at IS NULL OR n.resolved_at >= $1)
		ORDER BY n.opened_at, n.id`, from.UTC(), to.UTC())
	if err != nil {
		return nil, fmt.Errorf("sqlstore: outages: %w", err)
	}
	defer rows.Close()
	var out []hitori.OutageFact
	for rows.Next() {
		var o hitori.OutageFact
		var acked, resolved sql.NullTime
		var status string
		if err := rows.Scan(&o.IncidentID, &o.MonitorID, &o.Title, &o.OpenedAt, &acked, &o.AckedBy, &resolved,
			&o.ItemID, &status, &o.ItemMinutes); err != nil {
			return nil, fmt.Errorf("sqlstore: outages: %w", err)
		}
		o.OpenedAt, o.AckedAt, o.ResolvedAt, o.ItemStatus = o.OpenedAt.UTC(), nullTime(acked), nullTime(resolved), hitori.Status(status)
		out = append(out, o)
	}
	return out, rows.Err()
}

// maxDutiesDue bounds the dashboard's list of duties due: past that many
// undone occurrences the count, not the list, is the news.
const maxDutiesDue = 500

// DutiesDue lists the occurrences due on or before today whose checklist
// is not recorded and whose task is not closed, earliest first.
func (s *Reports) DutiesDue(ctx context.Context, today hitori.Date) ([]*hitori.DutyOccurrence, error) {
	rows, err := s.db.r.QueryContext(ctx, `SELECT `+occurrenceColumns+occurrenceFrom+`
		WHERE o.completed_at IS NULL AND o.due_on <= $1 AND i.resolved_at IS NULL
		ORDER BY o.due_on, o.id LIMIT $2`, string(today), maxDutiesDue)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: duties due: %w", err)
	}
	defer rows.Close()
	var out []*hitori.DutyOccurrence
	for rows.Next() {
		o, err := scanOccurrence(rows)
		if err != nil {
			return nil, fmt.Errorf("sqlstore: duties due: %w", err)
		}
		if !o.Done() { // a task closed without a resolution time
			out = append(out, o)
		}
	}
	return out, rows.Err()
}
