package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"hitori"
)

var _ hitori.DutyStore = (*Duties)(nil)

// Duties is the recurring duties' storage.
type Duties struct{ db *DB }

// Duties returns the duties store.
func (db *DB) Duties() *Duties { return &Duties{db: db} }

const dutyColumns = `d.id, d.title, d.description, d.checklist, d.evidence_prompt, d.assignee_id, d.schedule,
	d.lead_days, d.starts_on, d.paused, d.created_at, d.updated_at`

// scanDuty reads dutyColumns and then any extra columns into extra.
func scanDuty(row scanner, extra ...any) (*hitori.Duty, error) {
	d := &hitori.Duty{}
	var checklist, schedule, starts string
	var assignee sql.NullInt64
	if err := row.Scan(append([]any{&d.ID, &d.Title, &d.Description, &checklist, &d.EvidencePrompt, &assignee, &schedule,
		&d.LeadDays, &starts, &d.Paused, &d.CreatedAt, &d.UpdatedAt}, extra...)...); err != nil {
		return nil, err
	}
	if err := json.Unmarshal([]byte(checklist), &d.Checklist); err != nil {
		return nil, fmt.Errorf("sqlstore: duty %d checklist: %w", d.ID, err)
	}
	if err := json.Unmarshal([]byte(schedule), &d.Schedule); err != nil {
		return nil, fmt.Errorf("sqlstore: duty %d schedule: %w", d.ID, err)
	}
	d.AssigneeID, d.StartsOn = nullID(assignee), hitori.Date(starts)
	d.CreatedAt, d.UpdatedAt = d.CreatedAt.UTC(), d.UpdatedAt.UTC()
	return d, nil
}

// dutyArgs checks that the context's user may write duties and that d is
// valid, and returns the columns CreateDuty and UpdateDuty write, in order.
func dutyArgs(ctx context.Context, d *hitori.Duty) ([]any, error) {
	if _, err := staffActor(ctx); err != nil {
		return nil, err
	}
	if err := d.Validate(); err != nil {
		return nil, err
	}
	checklist, err := json.Marshal(append([]string{}, d.Checklist...))
	if err != nil {
		return nil, fmt.Errorf("sqlstore: duty checklist: %w", err)
	}
	schedule, err := json.Marshal(d.Schedule)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: duty schedule: %w", err)
	}
	return []any{d.Title, d.Description, string(checklist), d.EvidencePrompt, idArg(d.AssigneeID), string(schedule),
		d.LeadDays, string(d.StartsOn), d.Paused}, nil
}

// CreateDuty stores a new duty (staff only).
func (s *Duties) CreateDuty(ctx context.Context, d *hitori.Duty) error {
	args, err := dutyArgs(ctx, d)
	if err != nil {
		return err
	}
	now := s.db.now()
	return s.db.write(ctx, func(tx *sql.Tx) error {
		if err := checkAssignee(ctx, tx, d.AssigneeID); err != nil {
			return err
		}
		err := tx.QueryRowContext(ctx, `INSERT INTO duties (title, description, checklist, evidence_prompt, assignee_id,
			schedule, lead_days, starts_on, paused, created_at, updated_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10) RETURNING id`, append(args, now)...).Scan(&d.ID)
		if err != nil {
			return fmt.Errorf("sqlstore: create duty: %w", err)
		}
		d.CreatedAt, d.UpdatedAt = now, now
		return nil
	})
}

// UpdateDuty changes a duty (staff only); its occurrences stay.
func (s *Duties) UpdateDuty(ctx context.Context, d *hitori.Duty) error {
	args, err := dutyArgs(ctx, d)
	if err != nil {
		return err
	}
	now := s.db.now()
	return s.db.write(ctx, func(tx *sql.Tx) error {
		if err := checkAssignee(ctx, tx, d.AssigneeID); err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `UPDATE duties SET title = $1, description = $2, checklist = $3, evidence_prompt = $4,
			assignee_id = $5, schedule = $6, lead_days = $7, starts_on = $8, paused = $9, updated_at = $10 WHERE id = $11`,
			append(args, now, d.ID)...)
		if err != nil {
			return fmt.Errorf("sqlstore: update duty: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return hitori.KeyError(hitori.ENOTFOUND, "error.not_found")
		}
		d.UpdatedAt = now
		return nil
	})
}

// DeleteDuty removes a duty and its occurrence history (staff only); the
// audit row keeps the title and how many occurrences went with it.
func (s *Duties) DeleteDuty(ctx context.Context, id int64) error {
	u, err := staffActor(ctx)
	if err != nil {
		return err
	}
	return s.db.write(ctx, func(tx *sql.Tx) error {
		var title string
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT title FROM duties WHERE id = $1`, id).Scan(&title); err != nil {
			return notFound(err, "duty")
		}
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM duty_occurrences WHERE duty_id = $1`, id).Scan(&n); err != nil {
			return fmt.Errorf("sqlstore: delete duty: %w", err)
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM duty_occurrences WHERE duty_id = $1`, id); err != nil {
			return fmt.Errorf("sqlstore: delete duty occurrences: %w", err)
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM duties WHERE id = $1`, id); err != nil {
			return fmt.Errorf("sqlstore: delete duty: %w", err)
		}
		return auditTx(ctx, tx, s.db.now(), u, hitori.AuditDutyDelete, dutyTarget(id), "",
			title+" ("+strconv.Itoa(n)+")")
	})
}

// dutyTarget names a duty in the audit log.
func dutyTarget(id int64) string {
	return hitori.AuditCode(hitori.TargetDuty, strconv.FormatInt(id, 10))
}

// FindDuty returns one duty (staff only).
func (s *Duties) FindDuty(ctx context.Context, id int64) (*hitori.Duty, error) {
	if _, err := staffActor(ctx); err != nil {
		return nil, err
	}
	d, err := scanDuty(s.db.r.QueryRowContext(ctx, `SELECT `+dutyColumns+` FROM duties d WHERE d.id = $1`, id))
	if err != nil {
		return nil, notFound(err, "duty")
	}
	return d, nil
}

// ActiveDuties lists the duties that are not paused, oldest first.
func (s *Duties) ActiveDuties(ctx context.Context) ([]*hitori.Duty, error) {
	rows, err := s.db.r.QueryContext(ctx, `SELECT `+dutyColumns+` FROM duties d WHERE d.paused = FALSE ORDER BY d.id`)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: active duties: %w", err)
	}
	defer rows.Close()
	var out []*hitori.Duty
	for rows.Next() {
		d, err := scanDuty(rows)
		if err != nil {
			return nil, fmt.Errorf("sqlstore: active duties: %w", err)
		}
		out = append(out, d)
	}
	return out, rows.Err()
}

// dutySorts are the list's orders; ties break on id.
var dutySorts = map[string]string{
	"":        "LOWER(d.title), d.id",
	"title":   "LOWER(d.title), d.id",
	"missed":  "missed DESC, LOWER(d.title), d.id",
	"created": "d.created_at DESC, d.id DESC",
}

// FindDuties lists one page of duties with their missed and open counts
// and next due date (staff only).
func (s *Duties) FindDuties(ctx context.Context, f hitori.DutyFilter) ([]*hitori.DutySummary, int, error) {
	if _, err := staffActor(ctx); err != nil {
		return nil, 0, err
	}
	order, ok := dutySorts[f.Sort]
	if !ok {
		return nil, 0, hitori.FieldError("sort", "error.invalid")
	}
	offset, limit := hitori.Page(f.Offset, f.Limit, 50, 200)
	var match []any
	where := func(n int) string { return "" }
	if q := strings.TrimSpace(f.Query); q != "" {
		match = []any{"%" + escapeLike(strings.ToLower(q)) + "%"}
		where = func(n int) string {
			return fmt.Sprintf(` WHERE LOWER(d.title) LIKE $%d ESCAPE '\' OR LOWER(d.description) LIKE $%d ESCAPE '\'`, n, n)
		}
	}
	var total int
	if err := s.db.r.QueryRowContext(ctx, `SELECT COUNT(*) FROM duties d`+where(1), match...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("sqlstore: count duties: %w", err)
	}
	// An occurrence is open while nothing was recorded and its task is open.
	const open = `o.completed_at IS NULL AND i.status NOT IN ('resolved', 'closed')`
	args := append(append([]any{string(f.Today)}, match...), limit, offset)
	n := len(args)
	rows, err := s.db.r.QueryContext(ctx, `SELECT `+dutyColumns+`,
		COALESCE(SUM(CASE WHEN `+open+` AND o.due_on < $1 THEN 1 ELSE 0 END), 0) AS missed,
		COALESCE(SUM(CASE WHEN `+open+` THEN 1 ELSE 0 END), 0),
		MIN(CASE WHEN `+open+` THEN o.due_on END)
		FROM duties d LEFT JOIN duty_occurrences o ON o.duty_id = d.id LEFT JOIN items i ON i.id = o.item_id`+where(2)+`
		GROUP BY d.id ORDER BY `+order+fmt.Sprintf(` LIMIT $%d OFFSET $%d`, n-1, n), args...)
	if err != nil {
		return nil, 0, fmt.Errorf("sqlstore: find duties: %w", err)
	}
	defer rows.Close()
	var out []*hitori.DutySummary
	for rows.Next() {
		sum := &hitori.DutySummary{}
		var next sql.NullString
		if sum.Duty, err = scanDuty(rows, &sum.Missed, &sum.Open, &next); err != nil {
			return nil, 0, fmt.Errorf("sqlstore: find duties: %w", err)
		}
		if next.Valid {
			nd := hitori.Date(next.String)
			sum.NextDue = &nd
		}
		out = append(out, sum)
	}
	return out, total, rows.Err()
}
