package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"time"

	"hitori"
)

// CheckSecondFactor is VerifySecondFactor for a sign-in: wrong codes are
// counted per account in the database, so neither another address nor
// another process gives a fresh allowance, and after Lockout.MaxFailures
// the account's second factor is refused for Lockout.LockFor. Whoever is
// guessing already holds the password: the owner should change it.
func (a *Auth) CheckSecondFactor(ctx context.Context, userID int64, code, ip string) error {
	account := "2fa:" + strconv.FormatInt(userID, 10)
	if blocked, err := a.db.signinBlocked(ctx, account, everywhere); err != nil {
		return err
	} else if blocked {
		return hitori.KeyError(hitori.ETOOMANY, "error.locked")
	}
	err := a.VerifySecondFactor(ctx, userID, code)
	if err == nil {
		return a.db.clearSigninFailures(ctx, account, everywhere)
	}
	if c := hitori.ErrorCode(err); c != hitori.EINVALID && c != hitori.EUNAUTHORIZED {
		return err
	}
	lockFor := a.db.Lockout.LockFor
	var blocked bool
	werr := a.db.write(ctx, func(tx *sql.Tx) error {
		var err error
		blocked, err = countFailure(ctx, tx, a.db.now(), account, everywhere, a.db.Lockout.MaxFailures,
			func(int) time.Duration { return lockFor })
		return err
	})
	if werr != nil {
		return fmt.Errorf("sqlstore: record second-factor failure: %w", werr)
	}
	if blocked {
		a.db.audit(ctx, &userID, "", hitori.AuditLockout, "", ip, hitori.DetailSecondPaused)
		return hitori.KeyError(hitori.ETOOMANY, "error.locked")
	}
	return err
}
