package jobs

import (
	"errors"
	"time"
)

type retryAfter struct {
	err   error
	delay time.Duration
}

func (r retryAfter) Error() string { return r.err.Error() }
func (r retryAfter) Unwrap() error { return r.err }

// RetryAfter marks err as one worth retrying no sooner than d from now:
// a service that answered 429 with Retry-After said when it will listen
// again, and asking earlier only spends an attempt. The engine waits the
// longer of d and its own backoff, at most BackoffMax.
func RetryAfter(err error, d time.Duration) error {
	if err == nil {
		return nil
	}
	return retryAfter{err: err, delay: d}
}

// retryDelay returns the delay RetryAfter put on err, if any.
func retryDelay(err error) (time.Duration, bool) {
	var r retryAfter
	if errors.As(err, &r) {
		return r.delay, true
	}
	return 0, false
}

// delayFor is the wait before retrying a job whose attempt failed with err.
func (c Config) delayFor(attempt int, err error) time.Duration {
	d := c.backoff(attempt)
	if want, ok := retryDelay(err); ok && want > d {
		d = min(want, c.BackoffMax)
	}
	return d
}
