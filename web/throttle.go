package web

import (
	"sync"
	"time"
)

// throttle counts failed sign-ins per client address in memory. The per-account
// lockout lives in the database; this one stops one address from guessing
// across many accounts.
type throttle struct {
	mu     sync.Mutex
	max    int
	window time.Duration
	now    func() time.Time
	fails  map[string][]time.Time
}

func newThrottle(max int, window time.Duration, now func() time.Time) *throttle {
	return &throttle{max: max, window: window, now: now, fails: map[string][]time.Time{}}
}

func (t *throttle) prune(ip string, now time.Time) []time.Time {
	kept := t.fails[ip][:0]
	for _, at := range t.fails[ip] {
		if now.Sub(at) < t.window {
			kept = append(kept, at)
		}
	}
	if len(kept) == 0 {
		delete(t.fails, ip)
		return nil
	}
	t.fails[ip] = kept
	return kept
}

// allow reports whether ip may try again.
func (t *throttle) allow(ip string) bool {
	t.mu.Lock()
	defer t.mu.Unlock()
	return len(t.prune(ip, t.now())) < t.max
}

// fail records a failure; the map is bounded so a flood of addresses cannot grow it without end.
func (t *throttle) fail(ip string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	now := t.now()
	if len(t.fails) > 100_000 {
		for k := range t.fails {
			t.prune(k, now)
		}
	}
	t.fails[ip] = append(t.prune(ip, now), now)
}
