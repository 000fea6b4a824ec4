package sqlstore

import (
	"errors"
	"time"

	"hitori"
)

// hasher returns the password hasher the caller set, or one that refuses.
func (db *DB) hasher() hitori.PasswordHasher {
	if db.Hasher == nil {
		return noHasher{}
	}
	return db.Hasher
}

// totpStep matches code against secret with the caller's checker, or fails without one.
func (db *DB) totpStep(secret, code string, now time.Time) int64 {
	if db.TOTP == nil {
		return -1
	}
	return db.TOTP.Step(secret, code, now)
}

var errNoHasher = errors.New("sqlstore: no password hasher set (DB.Hasher)")

// noHasher stands in until the caller sets DB.Hasher: nothing verifies.
type noHasher struct{}

func (noHasher) Hash(string) (string, error)         { return "", errNoHasher }
func (noHasher) Verify(string, string) (bool, error) { return false, errNoHasher }
func (noHasher) VerifyDummy(string)                  {}
