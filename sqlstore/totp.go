package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"hitori"
)

// EnableTOTP turns on two-factor sign-in once code proves the user's app
// holds the pending secret (BeginTOTP), and returns fresh recovery codes
// (shown once; only their hashes are kept). The secret stays sealed.
func (a *Auth) EnableTOTP(ctx context.Context, userID int64, code string) ([]string, error) {
	var pending string
	err := a.db.w.QueryRowContext(ctx, `SELECT totp_pending FROM users WHERE id = $1`, userID).Scan(&pending)
	if errors.Is(err, sql.ErrNoRows) || err == nil && pending == "" {
		return nil, hitori.FieldError("code", "error.totp_invalid")
	} else if err != nil {
		return nil, fmt.Errorf("sqlstore: enable totp: %w", err)
	}
	secret, err := a.db.openSecret(pending)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: enable totp: %w", err)
	}
	step := a.db.totpStep(secret, code, a.db.now())
	if step < 0 {
		return nil, hitori.FieldError("code", "error.totp_invalid")
	}
	codes := hitori.RecoveryCodes(hitori.RecoveryCodeCount)
	err = a.db.write(ctx, func(tx *sql.Tx) error {
		// The WHERE fails a race with another BeginTOTP: the code proved the old secret.
		res, err := tx.ExecContext(ctx, `UPDATE users SET totp_secret = totp_pending, totp_pending = '', totp_enabled = TRUE, totp_last_step = $1, updated_at = $2
			WHERE id = $3 AND totp_pending = $4`, step, a.db.now(), userID, pending)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return hitori.FieldError("code", "error.totp_invalid")
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM recovery_codes WHERE user_id = $1`, userID); err != nil {
			return err
		}
		for _, c := range codes {
			if _, err := tx.ExecContext(ctx, `INSERT INTO recovery_codes (user_id, code_hash) VALUES ($1, $2)`, userID, hitori.HashToken(c)); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("sqlstore: enable totp: %w", err)
	}
	return codes, nil
}

// DisableTOTP turns two-factor sign-in off and discards recovery codes.
func (a *Auth) DisableTOTP(ctx context.Context, userID int64) error {
	return a.db.write(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `UPDATE users SET totp_secret = '', totp_pending = '', totp_enabled = FALSE, totp_last_step = 0, updated_at = $1 WHERE id = $2`, a.db.now(), userID); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `DELETE FROM recovery_codes WHERE user_id = $1`, userID)
		return err
	})
}

// VerifySecondFactor accepts a current TOTP code (each at most once) or an unused recovery code.
func (a *Auth) VerifySecondFactor(ctx context.Context, userID int64, code string) error {
	var stored string
	var last int64
	err := a.db.r.QueryRowContext(ctx, `SELECT totp_secret, totp_last_step FROM users WHERE id = $1 AND totp_enabled = TRUE`, userID).Scan(&stored, &last)
	if errors.Is(err, sql.ErrNoRows) {
		return hitori.FieldError("code", "error.totp_invalid")
	} else if err != nil {
		return fmt.Errorf("sqlstore: verify totp: %w", err)
	}
	secret, err := a.db.openSecret(stored)
	if err != nil {
		return fmt.Errorf("sqlstore: verify totp: %w", err)
	}
	if step := a.db.totpStep(secret, code, a.db.now()); step >= 0 {
		if step <= last {
			return hitori.FieldError("code", "error.totp_reused")
		}
		return a.db.write(ctx, func(tx *sql.Tx) error {
			// The WHERE makes concurrent use of the same code fail for all but one request.
			res, err := tx.ExecContext(ctx, `UPDATE users SET totp_last_step = $1 WHERE id = $2 AND totp_last_step < $1`, step, userID)
			if err != nil {
				return err
			}
			if n, _ := res.RowsAffected(); n == 0 {
				return hitori.FieldError("code", "error.totp_reused")
			}
			return a.db.resealSecret(ctx, tx, userID, stored, secret)
		})
	}
	used := false
	err = a.db.write(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE recovery_codes SET used_at = $1 WHERE user_id = $2 AND code_hash = $3 AND used_at IS NULL`,
			a.db.now(), userID, hitori.HashToken(hitori.NormalizeRecoveryCode(code)))
		if err != nil {
			return err
		}
		n, _ := res.RowsAffected()
		used = n == 1
		return nil
	})
	if err != nil {
		return fmt.Errorf("sqlstore: recovery code: %w", err)
	}
	if !used {
		return hitori.FieldError("code", "error.totp_invalid")
	}
	a.db.audit(ctx, &userID, "", hitori.AuditRecoveryUsed, "", "", "")
	return nil
}

// RecoveryCodesLeft counts unused recovery codes.
func (a *Auth) RecoveryCodesLeft(ctx context.Context, userID int64) (int, error) {
	var n int
	err := a.db.r.QueryRowContext(ctx, `SELECT COUNT(*) FROM recovery_codes WHERE user_id = $1 AND used_at IS NULL`, userID).Scan(&n)
	return n, err
}
