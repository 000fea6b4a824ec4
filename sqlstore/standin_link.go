package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"hitori"
)

// SetStandinLink replaces the grant's sign-in token; the old link stops working.
func (s *Standins) SetStandinLink(ctx context.Context, id int64, token string, by *hitori.User, ip string) error {
	now := s.db.now()
	return s.db.write(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE standins SET link_hash = $1 WHERE id = $2 AND closed_at IS NULL`, hitori.HashToken(token), id)
		if err != nil {
			return fmt.Errorf("sqlstore: stand-in link: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return hitori.Errorf(hitori.ENOTFOUND, "stand-in access not found")
		}
		return auditTx(ctx, tx, now, by, hitori.AuditStandinLink, standinTarget(id), ip, "")
	})
}

// ConsumeStandinLink spends a token inside the grant's window. Outside it
// the token is kept (a link handed over early still works on the day), and
// the answer says the access is not open rather than "invalid link".
func (s *Standins) ConsumeStandinLink(ctx context.Context, token string, now time.Time) (*hitori.Standin, error) {
	bad := hitori.KeyError(hitori.EUNAUTHORIZED, "error.login_link_invalid")
	if token == "" || len(token) > 128 {
		return nil, bad
	}
	now = now.UTC()
	var g *hitori.Standin
	err := s.db.write(ctx, func(tx *sql.Tx) error {
		var err error
		g, err = scanStandin(tx.QueryRowContext(ctx, `SELECT `+standinCols+` FROM standins WHERE link_hash = $1`, hitori.HashToken(token)))
		if err != nil {
			return err
		}
		if !g.ActiveAt(now) || g.ClosedAt != nil {
			return hitori.KeyError(hitori.EUNAUTHORIZED, "error.standin_ended")
		}
		// The update is also the check: two racing requests cannot both spend it.
		res, err := tx.ExecContext(ctx, `UPDATE standins SET link_hash = NULL WHERE id = $1 AND link_hash = $2`, g.ID, hitori.HashToken(token))
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return sql.ErrNoRows
		}
		return nil
	})
	if errors.Is(err, sql.ErrNoRows) {
		return nil, bad
	}
	if err != nil && hitori.ErrorCode(err) == hitori.EINTERNAL {
		return nil, fmt.Errorf("sqlstore: consume stand-in link: %w", err)
	}
	return g, err
}

// RevokeStandin ends a grant now, with every session of its account.
func (s *Standins) RevokeStandin(ctx context.Context, id int64, by *hitori.User, ip string) error {
	now := s.db.now()
	return s.db.write(ctx, func(tx *sql.Tx) error {
		done, err := endStandin(ctx, tx, `UPDATE standins SET revoked_at = $1, link_hash = NULL WHERE id = $2 AND revoked_at IS NULL RETURNING user_id`, now, id)
		if err != nil || !done {
			return orNotFound(err, hitori.Errorf(hitori.ENOTFOUND, "stand-in access not found"))
		}
		return auditTx(ctx, tx, now, by, hitori.AuditStandinRevoke, standinTarget(id), ip, "")
	})
}

// CloseStandin records that a grant's shares are withdrawn and ends its
// account's sessions; the expiry sweep audits it here (a revocation was
// audited when it happened). A grant closed already (by another process's
// sweep) is left as it is.
func (s *Standins) CloseStandin(ctx context.Context, id int64, action string) error {
	now := s.db.now()
	return s.db.write(ctx, func(tx *sql.Tx) error {
		done, err := endStandin(ctx, tx, `UPDATE standins SET closed_at = $1, link_hash = NULL WHERE id = $2 AND closed_at IS NULL RETURNING user_id`, now, id)
		if err != nil || !done || action != hitori.AuditStandinExpire {
			return err
		}
		return auditTx(ctx, tx, now, nil, action, standinTarget(id), "", "")
	})
}

// endStandin runs update (which returns the grant's user id) and deletes
// that user's sessions; false when the update matched no grant.
func endStandin(ctx context.Context, tx *sql.Tx, update string, now time.Time, id int64) (bool, error) {
	var userID int64
	err := tx.QueryRowContext(ctx, update, now, id).Scan(&userID)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	if err == nil {
		_, err = tx.ExecContext(ctx, `DELETE FROM sessions WHERE user_id = $1`, userID)
	}
	if err != nil {
		return false, fmt.Errorf("sqlstore: end stand-in %d: %w", id, err)
	}
	return true, nil
}

// orNotFound returns err, or notFound when there is none.
func orNotFound(err, notFound error) error {
	if err != nil {
		return err
	}
	return notFound
}
