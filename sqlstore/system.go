package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"
	"time"

	"hitori"
)

var _ hitori.HandoverStore = (*Handover)(nil)

// Handover keeps the handover register: systems, vendors, contracts
// (hitori.HandoverStore). Every change writes its audit entry in its own
// transaction.
type Handover struct{ db *DB }

// Handover returns the handover register's store.
func (db *DB) Handover() *Handover { return &Handover{db: db} }

const systemColumns = `s.id, s.name, s.kind, COALESCE(s.owner_person_id, 0), COALESCE(s.owner_user_id, 0),
	COALESCE(s.vendor_id, 0), s.criticality, s.notes, s.created_at, s.updated_at,
	COALESCE(p.name, u.name, ''), COALESCE(v.name, '')`

const systemFrom = ` FROM systems s LEFT JOIN people p ON p.id = s.owner_person_id
	LEFT JOIN users u ON u.id = s.owner_user_id LEFT JOIN vendors v ON v.id = s.vendor_id`

func scanSystem(row scanner) (*hitori.System, error) {
	s := &hitori.System{}
	var kind, crit string
	if err := row.Scan(&s.ID, &s.Name, &kind, &s.OwnerPersonID, &s.OwnerUserID, &s.VendorID, &crit, &s.Notes,
		&s.CreatedAt, &s.UpdatedAt, &s.Owner, &s.Vendor); err != nil {
		return nil, err
	}
	s.Kind, s.Criticality = hitori.SystemKind(kind), hitori.Criticality(crit)
	s.CreatedAt, s.UpdatedAt = s.CreatedAt.UTC(), s.UpdatedAt.UTC()
	return s, nil
}

// criticalityRank sorts high before medium before low.
const criticalityRank = `CASE s.criticality WHEN 'high' THEN 0 WHEN 'medium' THEN 1 ELSE 2 END`

var systemOrder = map[string]string{
	"":            "LOWER(s.name) %s, s.id",
	"name":        "LOWER(s.name) %s, s.id",
	"criticality": criticalityRank + " %s, LOWER(s.name), s.id",
	"kind":        "s.kind %s, LOWER(s.name), s.id",
	"updated":     "s.updated_at %s, s.id",
}

// FindSystems returns one page of systems matching f and how many match.
func (h *Handover) FindSystems(ctx context.Context, f hitori.SystemFilter) ([]*hitori.System, int, error) {
	if _, err := staffActor(ctx); err != nil {
		return nil, 0, err
	}
	order, ok := systemOrder[f.Sort]
	if !ok {
		return nil, 0, hitori.FieldError("sort", "handover.error.sort")
	}
	w := &sqlWhere{}
	if q := strings.TrimSpace(f.Query); q != "" {
		n := w.arg("%" + escapeLike(strings.ToLower(q)) + "%")
		w.add(fmt.Sprintf(`(LOWER(s.name) LIKE %s ESCAPE '\' OR LOWER(s.notes) LIKE %[1]s ESCAPE '\')`, n))
	}
	if f.Kind != "" {
		w.add("s.kind = " + w.arg(string(f.Kind)))
	}
	if f.Criticality != "" {
		w.add("s.criticality = " + w.arg(string(f.Criticality)))
	}
	if f.VendorID != 0 {
		w.add("s.vendor_id = " + w.arg(f.VendorID))
	}
	var total int
	if err := h.db.r.QueryRowContext(ctx, `SELECT COUNT(*) FROM systems s`+w.sql(), w.args...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("sqlstore: count systems: %w", err)
	}
	q := `SELECT ` + systemColumns + systemFrom + w.sql() + ` ORDER BY ` + fmt.Sprintf(order, sortDir(f.Desc)) + w.page(f.Offset, f.Limit)
	list, err := h.querySystems(ctx, q, w.args...)
	return list, total, err
}

func (h *Handover) querySystems(ctx context.Context, q string, args ...any) ([]*hitori.System, error) {
	rows, err := h.db.r.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: find systems: %w", err)
	}
	defer rows.Close()
	var out []*hitori.System
	for rows.Next() {
		s, err := scanSystem(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, rows.Err()
}

// FindSystem returns one system with its links, relations and contracts.
func (h *Handover) FindSystem(ctx context.Context, id int64) (*hitori.System, error) {
	if _, err := staffActor(ctx); err != nil {
		return nil, err
	}
	s, err := scanSystem(h.db.r.QueryRowContext(ctx, `SELECT `+systemColumns+systemFrom+` WHERE s.id = $1`, id))
	if err != nil {
		return nil, notFound(err, "system")
	}
	return s, h.fillSystems(ctx, []*hitori.System{s})
}

// AllSystems returns every system with links, relations and contracts.
func (h *Handover) AllSystems(ctx context.Context) ([]*hitori.System, error) {
	if _, err := staffActor(ctx); err != nil {
		return nil, err
	}
	list, err := h.querySystems(ctx, `SELECT `+systemColumns+systemFrom+` ORDER BY LOWER(s.name), s.id`)
	if err != nil {
		return nil, err
	}
	return list, h.fillSystems(ctx, list)
}

// sqlWhere builds a WHERE clause with numbered arguments.
type sqlWhere struct {
	conds []string
	args  []any
}

func (w *sqlWhere) arg(v any) string {
	w.args = append(w.args, v)
	return "$" + strconv.Itoa(len(w.args))
}

func (w *sqlWhere) add(cond string) { w.conds = append(w.conds, cond) }

func (w *sqlWhere) sql() string {
	if len(w.conds) == 0 {
		return ""
	}
	return " WHERE " + strings.Join(w.conds, " AND ")
}

// page appends LIMIT and OFFSET (limit 50 by default, at most 500).
func (w *sqlWhere) page(offset, limit int) string {
	if limit <= 0 || limit > 500 {
		limit = 50
	}
	return " LIMIT " + w.arg(limit) + " OFFSET " + w.arg(max(offset, 0))
}

func sortDir(desc bool) string {
	if desc {
		return "DESC"
	}
	return "ASC"
}

// systemTarget names a system in the audit log.
func systemTarget(id int64) string {
	return hitori.AuditCode(hitori.TargetSystem, strconv.FormatInt(id, 10))
}

// CreateSystem stores a new system with its links and relations.
func (h *Handover) CreateSystem(ctx context.Context, s *hitori.System) error {
	if err := validated(ctx, s); err != nil {
		return err
	}
	return h.change(ctx, hitori.AuditSystemCreate, func(tx *sql.Tx, now time.Time) (string, string, error) {
		err := tx.QueryRowContext(ctx, `INSERT INTO systems (name, kind, owner_person_id, owner_user_id, vendor_id,
			criticality, notes, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8) RETURNING id`,
			s.Name, string(s.Kind), zeroNull(s.OwnerPersonID), zeroNull(s.OwnerUserID), zeroNull(s.VendorID),
			string(s.Criticality), s.Notes, now).Scan(&s.ID)
		if err != nil {
			return "", "", refError(err, "sqlstore: create system")
		}
		s.CreatedAt, s.UpdatedAt = now, now
		return systemTarget(s.ID), s.Name, writeSystemEdges(ctx, tx, s)
	})
}

// UpdateSystem replaces a system's fields, links and outgoing relations.
func (h *Handover) UpdateSystem(ctx context.Context, s *hitori.System) error {
	if err := validated(ctx, s); err != nil {
		return err
	}
	return h.change(ctx, hitori.AuditSystemUpdate, func(tx *sql.Tx, now time.Time) (string, string, error) {
		err := updateOne(ctx, tx, "system", `UPDATE systems SET name = $1, kind = $2, owner_person_id = $3, owner_user_id = $4,
			vendor_id = $5, criticality = $6, notes = $7, updated_at = $8 WHERE id = $9`,
			s.Name, string(s.Kind), zeroNull(s.OwnerPersonID), zeroNull(s.OwnerUserID), zeroNull(s.VendorID),
			string(s.Criticality), s.Notes, now, s.ID)
		if err != nil {
			return "", "", err
		}
		for _, q := range []string{`DELETE FROM system_links WHERE system_id = $1`, `DELETE FROM system_relations WHERE from_id = $1`} {
			if _, err := tx.ExecContext(ctx, q, s.ID); err != nil {
				return "", "", fmt.Errorf("sqlstore: update system %d: %w", s.ID, err)
			}
		}
		s.UpdatedAt = now
		return systemTarget(s.ID), s.Name, writeSystemEdges(ctx, tx, s)
	})
}

// writeSystemEdges inserts a system's links and outgoing relations.
func writeSystemEdges(ctx context.Context, tx *sql.Tx, s *hitori.System) error {
	for _, l := range s.Links {
		if _, err := tx.ExecContext(ctx, `INSERT INTO system_links (system_id, kind, ref) VALUES ($1, $2, $3)`,
			s.ID, string(l.Kind), l.Ref); err != nil {
			return fmt.Errorf("sqlstore: system link: %w", err)
		}
	}
	for _, r := range s.Relations {
		if _, err := tx.ExecContext(ctx, `INSERT INTO system_relations (from_id, to_id, kind) VALUES ($1, $2, $3)`,
			s.ID, r.To, string(r.Kind)); err != nil {
			return refError(err, "sqlstore: system relation")
		}
	}
	return nil
}

// DeleteSystem removes a system; its links, relations and contract
// coverage go with it.
func (h *Handover) DeleteSystem(ctx context.Context, id int64) error {
	return h.change(ctx, hitori.AuditSystemDelete, func(tx *sql.Tx, _ time.Time) (string, string, error) {
		name, err := deleteNamed(ctx, tx, "system", `SELECT name FROM systems WHERE id = $1`, id, `DELETE FROM systems WHERE id = $1`)
		return systemTarget(id), name, err
	})
}

// refError turns a broken reference (an owner, vendor or system that does
// not exist) into a field error; anything else is wrapped.
func refError(err error, what string) error {
	msg := err.Error()
	if strings.Contains(msg, "FOREIGN KEY") || strings.Contains(msg, "SQLSTATE 23503") {
		return hitori.KeyError(hitori.EINVALID, "handover.error.reference")
	}
	return fmt.Errorf("%s: %w", what, err)
}
