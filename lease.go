package hitori

import (
	"context"
	"time"
)

// Leaser claims named jobs through the database, so that of several
// processes sharing it only one runs a job at a time.
type Leaser interface {
	// ClaimLease takes or renews the lease for holder until now+ttl and
	// reports whether holder has it.
	ClaimLease(ctx context.Context, name, holder string, ttl time.Duration) (bool, error)
	// ReleaseLease gives the lease up if holder has it.
	ReleaseLease(ctx context.Context, name, holder string) error
}
