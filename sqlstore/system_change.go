package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

// change runs fn in one write transaction for the staff user in ctx and
// appends the audit entry (action on target, detail) fn returns: every
// change of the handover register is recorded with it or not at all.
func (h *Handover) change(ctx context.Context, action string, fn func(tx *sql.Tx, now time.Time) (target, detail string, err error)) error {
	u, err := staffActor(ctx)
	if err != nil {
		return err
	}
	now := h.db.now()
	return h.db.write(ctx, func(tx *sql.Tx) error {
		target, detail, err := fn(tx, now)
		if err != nil {
			return err
		}
		return auditTx(ctx, tx, now, u, action, target, "", detail)
	})
}

// updateOne runs an UPDATE of one row; no row is ENOTFOUND (what).
func updateOne(ctx context.Context, tx *sql.Tx, what, q string, args ...any) error {
	res, err := tx.ExecContext(ctx, q, args...)
	if err != nil {
		return refError(err, "sqlstore: update "+what)
	}
	if n, err := res.RowsAffected(); err != nil || n == 0 {
		return notFound(sql.ErrNoRows, what)
	}
	return nil
}

// deleteNamed reads the name of the row id (ENOTFOUND when none) and runs
// the delete statements, each with id as $1; it returns the name.
func deleteNamed(ctx context.Context, tx *sql.Tx, what, nameQuery string, id int64, deletes ...string) (string, error) {
	var name string
	if err := tx.QueryRowContext(ctx, nameQuery, id).Scan(&name); err != nil {
		return "", notFound(err, what)
	}
	for _, q := range deletes {
		if _, err := tx.ExecContext(ctx, q, id); err != nil {
			return "", fmt.Errorf("sqlstore: delete %s %d: %w", what, id, err)
		}
	}
	return name, nil
}

// validated checks v (staff first, so a refused user learns nothing of
// the rules) before a change.
func validated(ctx context.Context, v interface{ Validate() error }) error {
	if _, err := staffActor(ctx); err != nil {
		return err
	}
	return v.Validate()
}
