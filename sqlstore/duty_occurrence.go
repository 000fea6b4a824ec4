package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"

	"hitori"
)

const occurrenceColumns = `o.id, o.duty_id, d.title, o.nominal_on, o.due_on, o.item_id, COALESCE(i.status, ''), i.resolved_at,
	o.created_at, o.completed_at, o.completed_by, o.checks, o.evidence`

const occurrenceFrom = ` FROM duty_occurrences o JOIN duties d ON d.id = o.duty_id LEFT JOIN items i ON i.id = o.item_id`

func scanOccurrence(row scanner) (*hitori.DutyOccurrence, error) {
	o := &hitori.DutyOccurrence{}
	var nominal, due, status, checks string
	var resolved, completed sql.NullTime
	if err := row.Scan(&o.ID, &o.DutyID, &o.DutyTitle, &nominal, &due, &o.ItemID, &status, &resolved,
		&o.CreatedAt, &completed, &o.CompletedBy, &checks, &o.Evidence); err != nil {
		return nil, err
	}
	if err := json.Unmarshal([]byte(checks), &o.Checks); err != nil {
		return nil, fmt.Errorf("sqlstore: occurrence %d checks: %w", o.ID, err)
	}
	o.NominalOn, o.DueOn, o.ItemStatus = hitori.Date(nominal), hitori.Date(due), hitori.Status(status)
	o.CreatedAt = o.CreatedAt.UTC()
	if resolved.Valid {
		t := resolved.Time.UTC()
		o.ItemResolvedAt = &t
	}
	if completed.Valid {
		t := completed.Time.UTC()
		o.CompletedAt = &t
	}
	return o, nil
}

// OccurrenceDates returns the nominal dates of a duty's occurrences on or
// after from. The generator calls it without a user.
func (s *Duties) OccurrenceDates(ctx context.Context, dutyID int64, from hitori.Date) (map[hitori.Date]bool, error) {
	rows, err := s.db.r.QueryContext(ctx, `SELECT nominal_on FROM duty_occurrences WHERE duty_id = $1 AND nominal_on >= $2`,
		dutyID, string(from))
	if err != nil {
		return nil, fmt.Errorf("sqlstore: occurrence dates: %w", err)
	}
	defer rows.Close()
	out := make(map[hitori.Date]bool)
	for rows.Next() {
		var d string
		if err := rows.Scan(&d); err != nil {
			return nil, fmt.Errorf("sqlstore: occurrence dates: %w", err)
		}
		out[hitori.Date(d)] = true
	}
	return out, rows.Err()
}

// AddOccurrence records an occurrence; the (duty, nominal date) key makes
// a second one, even from another process, a no-op that returns false.
func (s *Duties) AddOccurrence(ctx context.Context, o *hitori.DutyOccurrence) (bool, error) {
	if _, err := staffActor(ctx); err != nil {
		return false, err
	}
	now := s.db.now()
	added := false
	err := s.db.write(ctx, func(tx *sql.Tx) error {
		err := tx.QueryRowContext(ctx, `INSERT INTO duty_occurrences (duty_id, nominal_on, due_on, item_id, created_at)
			VALUES ($1, $2, $3, $4, $5) ON CONFLICT (duty_id, nominal_on) DO NOTHING RETURNING id`,
			o.DutyID, string(o.NominalOn), string(o.DueOn), o.ItemID, now).Scan(&o.ID)
		if err == sql.ErrNoRows {
			return nil
		}
		if err != nil {
			return fmt.Errorf("sqlstore: add occurrence: %w", err)
		}
		o.CreatedAt, added = now, true
		return nil
	})
	return added, err
}

// FindOccurrence returns one occurrence with its task's state (staff only).
func (s *Duties) FindOccurrence(ctx context.Context, id int64) (*hitori.DutyOccurrence, error) {
	if _, err := staffActor(ctx); err != nil {
		return nil, err
	}
	o, err := scanOccurrence(s.db.r.QueryRowContext(ctx, `SELECT `+occurrenceColumns+occurrenceFrom+` WHERE o.id = $1`, id))
	if err != nil {
		return nil, notFound(err, "occurrence")
	}
	return o, nil
}

// FindOccurrences lists one page of occurrences, latest due date first,
// and how many match (staff only).
func (s *Duties) FindOccurrences(ctx context.Context, f hitori.OccurrenceFilter) ([]*hitori.DutyOccurrence, int, error) {
	if _, err := staffActor(ctx); err != nil {
		return nil, 0, err
	}
	offset, limit := hitori.Page(f.Offset, f.Limit, 50, 1000)
	var conds []string
	var args []any
	add := func(cond string, v any) {
		args = append(args, v)
		conds = append(conds, fmt.Sprintf(cond, len(args)))
	}
	if f.DutyID != 0 {
		add("o.duty_id = $%d", f.DutyID)
	}
	if f.Nominal != "" {
		add("o.nominal_on = $%d", string(f.Nominal))
	}
	if f.From != "" {
		add("o.due_on >= $%d", string(f.From))
	}
	if f.Until != "" {
		add("o.due_on <= $%d", string(f.Until))
	}
	where := ""
	if len(conds) > 0 {
		where = " WHERE " + strings.Join(conds, " AND ")
	}
	var total int
	if err := s.db.r.QueryRowContext(ctx, `SELECT COUNT(*) FROM duty_occurrences o`+where, args...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("sqlstore: count occurrences: %w", err)
	}
	args = append(args, limit, offset)
	rows, err := s.db.r.QueryContext(ctx, `SELECT `+occurrenceColumns+occurrenceFrom+where+
		fmt.Sprintf(` ORDER BY o.due_on DESC, o.id DESC LIMIT $%d OFFSET $%d`, len(args)-1, len(args)), args...)
	if err != nil {
		return nil, 0, fmt.Errorf("sqlstore: find occurrences: %w", err)
	}
	defer rows.Close()
	var out []*hitori.DutyOccurrence
	for rows.Next() {
		o, err := scanOccurrence(rows)
		if err != nil {
			return nil, 0, fmt.Errorf("sqlstore: find occurrences: %w", err)
		}
		out = append(out, o)
	}
	return out, total, rows.Err()
}

// CompleteOccurrence records the checklist results and the evidence note
// with who recorded them, once, and audits it in the same transaction.
func (s *Duties) CompleteOccurrence(ctx context.Context, id int64, checks []hitori.DutyCheck, evidence string) (*hitori.DutyOccurrence, error) {
	u, err := staffActor(ctx)
	if err != nil {
		return nil, err
	}
	js, err := json.Marshal(append([]hitori.DutyCheck{}, checks...))
	if err != nil {
		return nil, fmt.Errorf("sqlstore: occurrence checks: %w", err)
	}
	byID, by := authorOf(u)
	now := s.db.now()
	var o *hitori.DutyOccurrence
	err = s.db.write(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE duty_occurrences SET completed_at = $1, completed_by_id = $2, completed_by = $3,
			checks = $4, evidence = $5 WHERE id = $6 AND completed_at IS NULL`, now, byID, by, string(js), evidence, id)
		if err != nil {
			return fmt.Errorf("sqlstore: complete occurrence: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			if _, err := scanOccurrence(tx.QueryRowContext(ctx, `SELECT `+occurrenceColumns+occurrenceFrom+` WHERE o.id = $1`, id)); err != nil {
				return notFound(err, "occurrence")
			}
			return hitori.KeyError(hitori.ECONFLICT, "duty.error.already_recorded")
		}
		if o, err = scanOccurrence(tx.QueryRowContext(ctx, `SELECT `+occurrenceColumns+occurrenceFrom+` WHERE o.id = $1`, id)); err != nil {
			return fmt.Errorf("sqlstore: complete occurrence: %w", err)
		}
		return auditTx(ctx, tx, now, u, hitori.AuditDutyComplete, dutyTarget(o.DutyID), "", string(o.DueOn)+" "+o.DutyTitle)
	})
	return o, err
}
