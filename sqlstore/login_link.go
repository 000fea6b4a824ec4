package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"hitori"
)

// Login links: one-time sign-in tokens sent by e-mail.
const (
	LoginLinkTTL             = 15 * time.Minute
	MaxLoginLinksOutstanding = 5 // unused, unexpired links per user
)

// LoginLinks keeps one-time e-mail sign-in links (hitori.LoginLinkService).
type LoginLinks struct{ db *DB }

// LoginLinks returns the LoginLinks store.
func (db *DB) LoginLinks() *LoginLinks { return &LoginLinks{db: db} }

// CreateLoginLink issues a one-time sign-in token for a user and stores only
// its hash. A user with MaxLoginLinksOutstanding live links gets ECONFLICT,
// so nobody can flood a mailbox through the form.
func (s *LoginLinks) CreateLoginLink(ctx context.Context, userID int64, ip string) (string, error) {
	token := hitori.RandomToken("", 32)
	now := s.db.now()
	err := s.db.write(ctx, func(tx *sql.Tx) error {
		// Spent and expired links are of no use; clearing them keeps the table small.
		if _, err := tx.ExecContext(ctx, `DELETE FROM login_links WHERE user_id = $1 AND (used_at IS NOT NULL OR expires_at < $2)`,
			userID, now); err != nil {
			return err
		}
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM login_links WHERE user_id = $1`, userID).Scan(&n); err != nil {
			return err
		}
		if n >= MaxLoginLinksOutstanding {
			return hitori.Errorf(hitori.ECONFLICT, "too many sign-in links outstanding")
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO login_links (token_hash, user_id, created_at, expires_at, ip) VALUES ($1, $2, $3, $4, $5)`,
			hitori.HashToken(token), userID, now, now.Add(LoginLinkTTL), truncate(ip, 64))
		return err
	})
	if err != nil {
		return "", fmt.Errorf("sqlstore: create login link: %w", err)
	}
	return token, nil
}

// ConsumeLoginLink spends a token and returns its user. The update that
// marks it used is also the check, so two requests racing with the same
// token cannot both succeed. Unknown, spent and expired tokens, and
// disabled users, all get the same EUNAUTHORIZED.
func (s *LoginLinks) ConsumeLoginLink(ctx context.Context, token string) (*hitori.User, error) {
	bad := hitori.KeyError(hitori.EUNAUTHORIZED, "error.login_link_invalid")
	if token == "" || len(token) > 128 {
		return nil, bad
	}
	now := s.db.now()
	var userID int64
	err := s.db.write(ctx, func(tx *sql.Tx) error {
		return tx.QueryRowContext(ctx, `UPDATE login_links SET used_at = $1
			WHERE token_hash = $2 AND used_at IS NULL AND expires_at > $1 RETURNING user_id`, now, hitori.HashToken(token)).Scan(&userID)
	})
	if errors.Is(err, sql.ErrNoRows) {
		return nil, bad
	}
	if err != nil {
		return nil, fmt.Errorf("sqlstore: consume login link: %w", err)
	}
	u, err := s.db.Users().FindUserByID(ctx, userID)
	if err != nil || u.Disabled {
		return nil, bad
	}
	return u, nil
}
