package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"hitori"
)

// CreateToken issues an API token; the plaintext is returned once and only its hash is kept.
func (a *Auth) CreateToken(ctx context.Context, userID int64, name string) (string, *hitori.APIToken, error) {
	name, err := validTokenName(name)
	if err != nil {
		return "", nil, err
	}
	token := hitori.RandomToken("hit_", 20)
	t := &hitori.APIToken{UserID: userID, Name: name, Prefix: token[:10], CreatedAt: a.db.now()}
	err = a.db.write(ctx, func(tx *sql.Tx) error {
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM api_tokens WHERE user_id = $1 AND revoked_at IS NULL`, userID).Scan(&n); err != nil {
			return err
		}
		if n >= hitori.MaxTokensPerUser {
			return hitori.KeyError(hitori.ECONFLICT, "error.too_many_tokens")
		}
		return tx.QueryRowContext(ctx, `INSERT INTO api_tokens (user_id, name, prefix, token_hash, created_at) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
			userID, name, t.Prefix, hitori.HashToken(token), t.CreatedAt).Scan(&t.ID)
	})
	if err != nil {
		if _, ok := hitori.AsError(err); ok {
			return "", nil, err
		}
		return "", nil, fmt.Errorf("sqlstore: create token: %w", err)
	}
	return token, t, nil
}

// FindUserByToken returns the owner of a live token, or EUNAUTHORIZED.
func (a *Auth) FindUserByToken(ctx context.Context, token string) (*hitori.User, error) {
	if len(token) < 10 || len(token) > 128 {
		return nil, hitori.KeyError(hitori.EUNAUTHORIZED, "error.token_invalid")
	}
	var id, userID int64
	var lastUsed sql.NullTime
	err := a.db.r.QueryRowContext(ctx, `SELECT t.id, t.user_id, t.last_used_at FROM api_tokens t JOIN users u ON u.id = t.user_id
		WHERE t.token_hash = $1 AND t.revoked_at IS NULL AND u.disabled = FALSE`, hitori.HashToken(token)).Scan(&id, &userID, &lastUsed)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, hitori.KeyError(hitori.EUNAUTHORIZED, "error.token_invalid")
	} else if err != nil {
		return nil, fmt.Errorf("sqlstore: find token: %w", err)
	}
	now := a.db.now()
	if !lastUsed.Valid || now.Sub(lastUsed.Time) >= touchEvery {
		if err := a.db.write(ctx, func(tx *sql.Tx) error {
			_, err := tx.ExecContext(ctx, `UPDATE api_tokens SET last_used_at = $1 WHERE id = $2`, now, id)
			return err
		}); err != nil {
			return nil, fmt.Errorf("sqlstore: touch token: %w", err)
		}
	}
	return a.db.Users().FindUserByID(ctx, userID)
}

// FindTokens lists a user's tokens, newest first.
func (a *Auth) FindTokens(ctx context.Context, userID int64) ([]*hitori.APIToken, error) {
	rows, err := a.db.r.QueryContext(ctx, `SELECT id, user_id, name, prefix, created_at, last_used_at, revoked_at FROM api_tokens
		WHERE user_id = $1 ORDER BY id DESC LIMIT 200`, userID)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: find tokens: %w", err)
	}
	defer rows.Close()
	var ts []*hitori.APIToken
	for rows.Next() {
		t := &hitori.APIToken{}
		var used, revoked sql.NullTime
		if err := rows.Scan(&t.ID, &t.UserID, &t.Name, &t.Prefix, &t.CreatedAt, &used, &revoked); err != nil {
			return nil, err
		}
		t.LastUsedAt, t.RevokedAt = nullTime(used), nullTime(revoked)
		ts = append(ts, t)
	}
	return ts, rows.Err()
}

// RevokeToken revokes one of the user's tokens; it stops working at once.
func (a *Auth) RevokeToken(ctx context.Context, userID, tokenID int64) error {
	return a.db.write(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE api_tokens SET revoked_at = $1 WHERE id = $2 AND user_id = $3 AND revoked_at IS NULL`, a.db.now(), tokenID, userID)
		if err != nil {
			return fmt.Errorf("sqlstore: revoke token: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return hitori.KeyError(hitori.ENOTFOUND, "error.not_found")
		}
		return nil
	})
}

func nullTime(t sql.NullTime) *time.Time {
	if !t.Valid {
		return nil
	}
	u := t.Time.UTC()
	return &u
}
