package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"hitori"
)

// People and departments: records of their own, so a ledger can name a
// colleague who has no sign-in account.

const personColumns = `p.id, p.name, p.email, p.department_id, p.user_id, p.employee_no, p.active, p.created_at, p.updated_at, COALESCE(d.name, '')`

const personFrom = ` FROM people p LEFT JOIN departments d ON d.id = p.department_id`

func scanPerson(row scanner) (*hitori.Person, error) {
	p := &hitori.Person{}
	var dept, user sql.NullInt64
	if err := row.Scan(&p.ID, &p.Name, &p.Email, &dept, &user, &p.EmployeeNo, &p.Active, &p.CreatedAt, &p.UpdatedAt, &p.Department); err != nil {
		return nil, err
	}
	p.DepartmentID, p.UserID = dept.Int64, user.Int64
	p.CreatedAt, p.UpdatedAt = p.CreatedAt.UTC(), p.UpdatedAt.UTC()
	return p, nil
}

// FindPeople lists one page of people by name and the total.
func (s *Assets) FindPeople(ctx context.Context, f hitori.PersonFilter) ([]*hitori.Person, int, error) {
	if err := hitori.CheckText("q", f.Query); err != nil {
		return nil, 0, err
	}
	var conds []string
	var args []any
	if q := strings.TrimSpace(f.Query); q != "" {
		args = append(args, "%"+escapeLike(strings.ToLower(q))+"%")
		conds = append(conds, `(LOWER(p.name) LIKE $1 ESCAPE '\' OR LOWER(p.email) LIKE $1 ESCAPE '\' OR LOWER(p.employee_no) LIKE $1 ESCAPE '\')`)
	}
	if f.DepartmentID != 0 {
		args = append(args, f.DepartmentID)
		conds = append(conds, fmt.Sprintf("p.department_id = $%d", len(args)))
	}
	where := ""
	if len(conds) > 0 {
		where = " WHERE " + strings.Join(conds, " AND ")
	}
	offset, limit := hitori.Page(f.Offset, f.Limit, 100, 1000)
	var total int
	if err := s.db.r.QueryRowContext(ctx, `SELECT COUNT(*)`+personFrom+where, args...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("sqlstore: count people: %w", err)
	}
	args = append(args, limit, offset)
	rows, err := s.db.r.QueryContext(ctx, fmt.Sprintf(`SELECT %s%s%s ORDER BY p.name, p.id LIMIT $%d OFFSET $%d`,
		personColumns, personFrom, where, len(args)-1, len(args)), args...)
	if err != nil {
		return nil, 0, fmt.Errorf("sqlstore: find people: %w", err)
	}
	defer rows.Close()
	out := []*hitori.Person{}
	for rows.Next() {
		p, err := scanPerson(rows)
		if err != nil {
			return nil, 0, fmt.Errorf("sqlstore: scan person: %w", err)
		}
		out = append(out, p)
	}
	return out, total, rows.Err()
}

// FindPerson reads one person.
func (s *Assets) FindPerson(ctx context.Context, id int64) (*hitori.Person, error) {
	p, err := scanPerson(s.db.r.QueryRowContext(ctx, `SELECT `+personColumns+personFrom+` WHERE p.id = $1`, id))
	return p, notFound(err, "person")
}

// CreatePerson stores a new person.
func (s *Assets) CreatePerson(ctx context.Context, p *hitori.Person) error {
	if err := p.Validate(); err != nil {
		return err
	}
	return s.db.write(ctx, func(tx *sql.Tx) error { return insertPerson(ctx, tx, p, s.db.now()) })
}

func insertPerson(ctx context.Context, tx *sql.Tx, p *hitori.Person, now time.Time) error {
	if err := checkDepartment(ctx, tx, p.DepartmentID); err != nil {
		return err
	}
	p.CreatedAt, p.UpdatedAt = now, now
	err := tx.QueryRowContext(ctx, `INSERT INTO people (name, email, department_id, user_id, employee_no, active, created_at, updated_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`, p.Name, p.Email, zeroNull(p.DepartmentID), zeroNull(p.UserID),
		p.EmployeeNo, p.Active, now, now).Scan(&p.ID)
	if isUniqueViolation(err) {
		return hitori.FieldError("user_id", "asset.error.user_taken")
	}
	if err != nil {
		return fmt.Errorf("sqlstore: create person: %w", err)
	}
	return nil
}

func checkDepartment(ctx context.Context, q querier, id int64) error {
	if id == 0 {
		return nil
	}
	var n int
	if err := q.QueryRowContext(ctx, `SELECT COUNT(*) FROM departments WHERE id = $1`, id).Scan(&n); err != nil {
		return fmt.Errorf("sqlstore: check department: %w", err)
	}
	if n == 0 {
		return hitori.FieldError("department_id", "asset.error.unknown_ref")
	}
	return nil
}

// UpdatePerson rewrites a person's fields.
func (s *Assets) UpdatePerson(ctx context.Context, p *hitori.Person) error {
	if err := p.Validate(); err != nil {
		return err
	}
	return s.db.write(ctx, func(tx *sql.Tx) error {
		if err := checkDepartment(ctx, tx, p.DepartmentID); err != nil {
			return err
		}
		p.UpdatedAt = s.db.now()
		res, err := tx.ExecContext(ctx, `UPDATE people SET name = $1, email = $2, department_id = $3, user_id = $4, employee_no = $5,
			active = $6, updated_at = $7 WHERE id = $8`, p.Name, p.Email, zeroNull(p.DepartmentID), zeroNull(p.UserID),
			p.EmployeeNo, p.Active, p.UpdatedAt, p.ID)
		if isUniqueViolation(err) {
			return hitori.FieldError("user_id", "asset.error.user_taken")
		}
		if err != nil {
			return fmt.Errorf("sqlstore: update person: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return notFound(sql.ErrNoRows, "person")
		}
		return nil
	})
}

// DeletePerson removes a person; their assets keep no user.
func (s *Assets) DeletePerson(ctx context.Context, id int64) error {
	return s.deleteRow(ctx, "people", "person", id)
}

// deleteRow deletes one row of table by id; none: ENOTFOUND.
func (s *Assets) deleteRow(ctx context.Context, table, what string, id int64) error {
	return s.db.write(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `DELETE FROM `+table+` WHERE id = $1`, id)
		if err != nil {
			return fmt.Errorf("sqlstore: delete %s: %w", what, err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return notFound(sql.ErrNoRows, what)
		}
		return nil
	})
}

// EnsurePerson finds a person by name or creates them (active, no account).
func (s *Assets) EnsurePerson(ctx context.Context, name string, deptID int64) (*hitori.Person, error) {
	var p *hitori.Person
	err := s.db.write(ctx, func(tx *sql.Tx) error {
		var err error
		p, err = ensurePerson(ctx, tx, name, deptID, s.db.now())
		return err
	})
	return p, err
}

// ensurePerson is EnsurePerson inside the caller's transaction (a ledger
// import creates people in the same transaction as the assets). Of several
// people with the name, one in deptID is preferred, then the oldest.
func ensurePerson(ctx context.Context, tx *sql.Tx, name string, deptID int64, now time.Time) (*hitori.Person, error) {
	p := &hitori.Person{Name: name, DepartmentID: deptID, Active: true}
	if err := p.Validate(); err != nil {
		return nil, err
	}
	found, err := scanPerson(tx.QueryRowContext(ctx, `SELECT `+personColumns+personFrom+` WHERE p.name = $1
		ORDER BY CASE WHEN p.department_id = $2 THEN 0 ELSE 1 END, p.id LIMIT 1`, p.Name, deptID))
	if err == nil {
		return found, nil
	}
	if err != sql.ErrNoRows {
		return nil, fmt.Errorf("sqlstore: find person: %w", err)
	}
	return p, insertPerson(ctx, tx, p, now)
}

// Departments lists every department by name.
func (s *Assets) Departments(ctx context.Context) ([]*hitori.Department, error) {
	rows, err := s.db.r.QueryContext(ctx, `SELECT id, name, code FROM departments ORDER BY name, id`)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: departments: %w", err)
	}
	defer rows.Close()
	out := []*hitori.Department{}
	for rows.Next() {
		d := &hitori.Department{}
		if err := rows.Scan(&d.ID, &d.Name, &d.Code); err != nil {
			return nil, fmt.Errorf("sqlstore: departments: %w", err)
		}
		out = append(out, d)
	}
	return out, rows.Err()
}

// CreateDepartment stores a new department; names are unique.
func (s *Assets) CreateDepartment(ctx context.Context, d *hitori.Department) error {
	if err := d.Validate(); err != nil {
		return err
	}
	return s.db.write(ctx, func(tx *sql.Tx) error {
		err := tx.QueryRowContext(ctx, `INSERT INTO departments (name, code) VALUES ($1, $2) RETURNING id`, d.Name, d.Code).Scan(&d.ID)
		return departmentErr(err)
	})
}

func departmentErr(err error) error {
	if isUniqueViolation(err) {
		return hitori.FieldError("name", "asset.error.name_taken")
	}
	if err != nil {
		return fmt.Errorf("sqlstore: department: %w", err)
	}
	return nil
}

// UpdateDepartment renames a department or changes its code.
func (s *Assets) UpdateDepartment(ctx context.Context, d *hitori.Department) error {
	if err := d.Validate(); err != nil {
		return err
	}
	return s.db.write(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE departments SET name = $1, code = $2 WHERE id = $3`, d.Name, d.Code, d.ID)
		if err := departmentErr(err); err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return notFound(sql.ErrNoRows, "department")
		}
		return nil
	})
}

// DeleteDepartment removes a department; its people and assets keep none.
func (s *Assets) DeleteDepartment(ctx context.Context, id int64) error {
	return s.deleteRow(ctx, "departments", "department", id)
}

// EnsureDepartment finds a department by name or creates it.
func (s *Assets) EnsureDepartment(ctx context.Context, name string) (*hitori.Department, error) {
	var d *hitori.Department
	err := s.db.write(ctx, func(tx *sql.Tx) error {
		var err error
		d, err = ensureDepartment(ctx, tx, name)
		return err
	})
	return d, err
}

// ensureDepartment is EnsureDepartment inside the caller's transaction.
func ensureDepartment(ctx context.Context, tx *sql.Tx, name string) (*hitori.Department, error) {
	d := &hitori.Department{Name: name}
	if err := d.Validate(); err != nil {
		return nil, err
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO departments (name, code) VALUES ($1, '') ON CONFLICT (name) DO NOTHING`, d.Name); err != nil {
		return nil, fmt.Errorf("sqlstore: ensure department: %w", err)
	}
	if err := tx.QueryRowContext(ctx, `SELECT id, code FROM departments WHERE name = $1`, d.Name).Scan(&d.ID, &d.Code); err != nil {
		return nil, fmt.Errorf("sqlstore: ensure department: %w", err)
	}
	return d, nil
}
