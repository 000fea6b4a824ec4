package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

// How failed sign-ins slow guessing down (see signin_failures in migration
// 0011). Failures are counted per (account, client address): after
// Lockout.MaxFailures that address waits signinFirstBlock, doubling with
// each further failure up to Lockout.LockFor, so the owner elsewhere is
// never locked out by a stranger. From every address together the account
// waits LockFor after signinCeiling times MaxFailures: a spread-out attack
// is slowed, and the e-mail sign-in link still lets the owner in.
const (
	signinFirstBlock = time.Minute
	signinCeiling    = 20
	signinForget     = time.Hour // a row this long quiet starts again from zero
	everywhere       = ""        // the client of per-account rows
)

// signinBlocked reports whether account may not try now from client.
func (db *DB) signinBlocked(ctx context.Context, account, client string) (bool, error) {
	var n int
	err := db.r.QueryRowContext(ctx, `SELECT COUNT(*) FROM signin_failures WHERE account = $1 AND client IN ($2, $3)
		AND blocked_until > $4`, account, client, everywhere, db.now()).Scan(&n)
	if err != nil {
		return false, fmt.Errorf("sqlstore: sign-in guard: %w", err)
	}
	return n > 0, nil
}

// countFailure adds one failure to (account, client) and, past after
// failures, blocks it for delay(failures beyond after). It reports whether
// this failure set a block.
func countFailure(ctx context.Context, tx *sql.Tx, now time.Time, account, client string, after int, delay func(int) time.Duration) (bool, error) {
	var n int
	err := tx.QueryRowContext(ctx, `INSERT INTO signin_failures (account, client, failures, last_at) VALUES ($1, $2, 1, $3)
		ON CONFLICT (account, client) DO UPDATE SET failures = CASE WHEN signin_failures.last_at < $4 THEN 1
		ELSE signin_failures.failures + 1 END, last_at = $3 RETURNING failures`,
		account, client, now, now.Add(-signinForget)).Scan(&n)
	if err != nil || n < after {
		return false, err
	}
	_, err = tx.ExecContext(ctx, `UPDATE signin_failures SET blocked_until = $1 WHERE account = $2 AND client = $3`,
		now.Add(delay(n-after)), account, client)
	return err == nil, err
}

// recordSigninFailure counts a failed password for account from client,
// per address and per account, and reports whether it set a block.
func (db *DB) recordSigninFailure(ctx context.Context, account, client string) (bool, error) {
	max, lockFor := db.Lockout.MaxFailures, db.Lockout.LockFor
	grow := func(beyond int) time.Duration {
		if beyond >= 16 {
			return lockFor
		}
		return min(lockFor, signinFirstBlock<<beyond)
	}
	fixed := func(int) time.Duration { return lockFor }
	var blocked bool
	err := db.write(ctx, func(tx *sql.Tx) error {
		now := db.now()
		if _, err := tx.ExecContext(ctx, `DELETE FROM signin_failures WHERE last_at < $1`, now.Add(-signinForget)); err != nil {
			return err
		}
		perClient, err := countFailure(ctx, tx, now, account, client, max, grow)
		if err != nil {
			return err
		}
		perAccount, err := countFailure(ctx, tx, now, account, everywhere, max*signinCeiling, fixed)
		blocked = perClient || perAccount
		return err
	})
	if err != nil {
		return false, fmt.Errorf("sqlstore: record sign-in failure: %w", err)
	}
	return blocked, nil
}

// clearSigninFailures forgets the failures of account from client after
// it signed in; the per-account count runs out on its own.
func (db *DB) clearSigninFailures(ctx context.Context, account, client string) error {
	return db.write(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `DELETE FROM signin_failures WHERE account = $1 AND client = $2`, account, client)
		return err
	})
}
