package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"hitori"
)

var _ hitori.StandinStore = (*Standins)(nil)

// Standins keeps the absence mode's grants (hitori.StandinStore).
type Standins struct{ db *DB }

// Standins returns the Standins store.
func (db *DB) Standins() *Standins { return &Standins{db: db} }

const standinCols = `id, user_id, name, email, note, starts_at, ends_at, entries, created_by, created_at, revoked_at, closed_at`

func scanStandin(row interface{ Scan(...any) error }) (*hitori.Standin, error) {
	g := &hitori.Standin{}
	var entries string
	var by sql.NullInt64
	var revoked, closed sql.NullTime
	if err := row.Scan(&g.ID, &g.UserID, &g.Name, &g.Email, &g.Note, &g.From, &g.Until, &entries, &by,
		&g.CreatedAt, &revoked, &closed); err != nil {
		return nil, err
	}
	g.From, g.Until, g.CreatedAt = g.From.UTC(), g.Until.UTC(), g.CreatedAt.UTC()
	if entries != "" {
		g.Entries = strings.Split(entries, ",")
	}
	g.CreatedBy = by.Int64
	if revoked.Valid {
		t := revoked.Time.UTC()
		g.RevokedAt = &t
	}
	if closed.Valid {
		t := closed.Time.UTC()
		g.ClosedAt = &t
	}
	return g, nil
}

// standinTarget names a grant in the audit log.
func standinTarget(id int64) string { return "standin:" + strconv.FormatInt(id, 10) }

// CreateStandin creates the grant and, when needed, its account, in one
// transaction with the audit event.
func (s *Standins) CreateStandin(ctx context.Context, g *hitori.Standin, by *hitori.User, ip string) error {
	now := s.db.now()
	err := s.db.write(ctx, func(tx *sql.Tx) error {
		var role string
		err := tx.QueryRowContext(ctx, `SELECT id, role FROM users WHERE email = $1`, g.Email).Scan(&g.UserID, &role)
		switch {
		case errors.Is(err, sql.ErrNoRows):
			// No password: the account signs in only with the grant's link.
			if err := tx.QueryRowContext(ctx, `INSERT INTO users (email, name, role, lang, password_hash, created_at, updated_at)
				VALUES ($1, $2, $3, 'ja', '', $4, $4) RETURNING id`, g.Email, g.Name, string(hitori.RoleStandin), now).Scan(&g.UserID); err != nil {
				return err
			}
		case err != nil:
			return err
		case role != string(hitori.RoleStandin):
			return hitori.FieldError("email", "error.standin_email_taken")
		default:
			var open int
			if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM standins WHERE user_id = $1 AND revoked_at IS NULL AND ends_at > $2`,
				g.UserID, now).Scan(&open); err != nil {
				return err
			}
			if open > 0 {
				return hitori.FieldError("email", "error.standin_open")
			}
			if _, err := tx.ExecContext(ctx, `UPDATE users SET name = $1, disabled = FALSE, updated_at = $2 WHERE id = $3`, g.Name, now, g.UserID); err != nil {
				return err
			}
		}
		g.CreatedAt = now
		if err := tx.QueryRowContext(ctx, `INSERT INTO standins (user_id, name, email, note, starts_at, ends_at, entries, created_by, created_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`, g.UserID, g.Name, g.Email, g.Note, g.From.UTC(), g.Until.UTC(),
			strings.Join(g.Entries, ","), by.ID, now).Scan(&g.ID); err != nil {
			return err
		}
		detail := fmt.Sprintf("%s %s – %s, %d vault entries", g.Email, g.From.Format(time.RFC3339), g.Until.Format(time.RFC3339), len(g.Entries))
		return auditTx(ctx, tx, now, by, hitori.AuditStandinGrant, standinTarget(g.ID), ip, detail)
	})
	if err != nil && hitori.ErrorCode(err) == hitori.EINTERNAL {
		return fmt.Errorf("sqlstore: create stand-in: %w", err)
	}
	return err
}

// FindStandin returns a grant, or ENOTFOUND.
func (s *Standins) FindStandin(ctx context.Context, id int64) (*hitori.Standin, error) {
	g, err := scanStandin(s.db.r.QueryRowContext(ctx, `SELECT `+standinCols+` FROM standins WHERE id = $1`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, hitori.Errorf(hitori.ENOTFOUND, "stand-in access not found")
	}
	if err != nil {
		return nil, fmt.Errorf("sqlstore: find stand-in: %w", err)
	}
	return g, nil
}

// ListStandins returns grants, newest first: those still open, or all.
func (s *Standins) ListStandins(ctx context.Context, all bool, now time.Time) ([]*hitori.Standin, error) {
	q := `SELECT ` + standinCols + ` FROM standins WHERE $1 OR (revoked_at IS NULL AND ends_at > $2) ORDER BY id DESC LIMIT 200`
	return s.list(ctx, q, all, now.UTC())
}

func (s *Standins) list(ctx context.Context, q string, args ...any) ([]*hitori.Standin, error) {
	rows, err := s.db.r.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: list stand-ins: %w", err)
	}
	defer rows.Close()
	var out []*hitori.Standin
	for rows.Next() {
		g, err := scanStandin(rows)
		if err != nil {
			return nil, fmt.Errorf("sqlstore: list stand-ins: %w", err)
		}
		out = append(out, g)
	}
	return out, rows.Err()
}

// CurrentStandin returns the user's unclosed grant ending last.
func (s *Standins) CurrentStandin(ctx context.Context, userID int64) (*hitori.Standin, error) {
	g, err := scanStandin(s.db.r.QueryRowContext(ctx, `SELECT `+standinCols+` FROM standins
		WHERE user_id = $1 AND closed_at IS NULL ORDER BY ends_at DESC, id DESC LIMIT 1`, userID))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, hitori.Errorf(hitori.ENOTFOUND, "no stand-in access")
	}
	if err != nil {
		return nil, fmt.Errorf("sqlstore: current stand-in: %w", err)
	}
	return g, nil
}

// EndedStandins returns grants past their end or revoked, not yet closed.
func (s *Standins) EndedStandins(ctx context.Context, now time.Time) ([]*hitori.Standin, error) {
	return s.list(ctx, `SELECT `+standinCols+` FROM standins WHERE closed_at IS NULL AND (revoked_at IS NOT NULL OR ends_at <= $1) ORDER BY id`, now.UTC())
}
