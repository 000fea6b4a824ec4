package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"hitori"
)

// errNoSealer stops a secret from being stored in the clear.
var errNoSealer = errors.New("sqlstore: no sealer set (DB.Sealer): secrets are not stored unencrypted")

// BeginTOTP keeps secret, sealed, as the user's pending enrolment; it
// replaces any earlier pending one.
func (a *Auth) BeginTOTP(ctx context.Context, userID int64, secret string) error {
	sealed, err := a.db.sealSecret(secret)
	if err != nil {
		return fmt.Errorf("sqlstore: begin totp: %w", err)
	}
	return a.db.write(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE users SET totp_pending = $1 WHERE id = $2`, sealed, userID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return hitori.KeyError(hitori.ENOTFOUND, "error.not_found")
		}
		return nil
	})
}

// PendingTOTP returns the secret of the enrolment in progress, or ENOTFOUND.
func (a *Auth) PendingTOTP(ctx context.Context, userID int64) (string, error) {
	var sealed string
	err := a.db.r.QueryRowContext(ctx, `SELECT totp_pending FROM users WHERE id = $1`, userID).Scan(&sealed)
	if errors.Is(err, sql.ErrNoRows) || err == nil && sealed == "" {
		return "", hitori.KeyError(hitori.ENOTFOUND, "error.not_found")
	} else if err != nil {
		return "", fmt.Errorf("sqlstore: pending totp: %w", err)
	}
	secret, err := a.db.openSecret(sealed)
	if err != nil {
		return "", fmt.Errorf("sqlstore: pending totp: %w", err)
	}
	return secret, nil
}

// SealTOTPSecrets seals the secrets earlier versions stored in the clear;
// cmd/hitori runs it at start. Reading still accepts both forms, so a
// secret it misses (a process without the update) keeps working.
func (db *DB) SealTOTPSecrets(ctx context.Context) (int, error) {
	rows, err := db.r.QueryContext(ctx, `SELECT id, totp_secret FROM users WHERE totp_secret <> ''`)
	if err != nil {
		return 0, fmt.Errorf("sqlstore: seal totp secrets: %w", err)
	}
	plain := map[int64]string{}
	for rows.Next() {
		var id int64
		var s string
		if err := rows.Scan(&id, &s); err != nil {
			rows.Close()
			return 0, fmt.Errorf("sqlstore: seal totp secrets: %w", err)
		}
		if !strings.HasPrefix(s, hitori.SealedPrefix) {
			plain[id] = s
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return 0, fmt.Errorf("sqlstore: seal totp secrets: %w", err)
	}
	n := 0
	for id, s := range plain {
		err := db.write(ctx, func(tx *sql.Tx) error { return db.resealSecret(ctx, tx, id, s, s) })
		if err != nil {
			return n, fmt.Errorf("sqlstore: seal totp secrets: %w", err)
		}
		n++
	}
	return n, nil
}

// resealSecret replaces a legacy plaintext secret by its sealed form; the
// WHERE leaves a secret changed meanwhile alone.
func (db *DB) resealSecret(ctx context.Context, tx *sql.Tx, userID int64, stored, secret string) error {
	if strings.HasPrefix(stored, hitori.SealedPrefix) || db.Sealer == nil {
		return nil
	}
	sealed, err := db.sealSecret(secret)
	if err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, `UPDATE users SET totp_secret = $1 WHERE id = $2 AND totp_secret = $3`, sealed, userID, stored)
	return err
}

func (db *DB) sealSecret(secret string) (string, error) {
	if db.Sealer == nil {
		return "", errNoSealer
	}
	return db.Sealer.Seal([]byte(secret))
}

// openSecret reads a stored secret, sealed or (from earlier versions) plain.
func (db *DB) openSecret(stored string) (string, error) {
	if !strings.HasPrefix(stored, hitori.SealedPrefix) {
		return stored, nil
	}
	if db.Sealer == nil {
		return "", errNoSealer
	}
	b, err := db.Sealer.Open(stored)
	return string(b), err
}
