// Package memo keeps values that are expensive to compute and read far
// more often than they change (the work board, list totals), and computes
// each key once at a time: requests that need a key while it is being
// computed wait for that computation instead of repeating it.
package memo

import (
	"context"
	"sync"
	"time"
)

// Cache keeps up to Size values, each for TTL after it was computed and as
// long as its version (a write counter, say) is the one asked for. While a
// value that merely aged is computed again, the other requests get the aged
// one, at most Stale past its time: without that, every request arriving
// when a value expired computed it again at once, and on two cores the
// slowest of eight connections waited for eight computations. A value of
// an older version is never handed out: whoever wrote sees their change.
// The zero Cache keeps nothing; set TTL and Size.
type Cache[K comparable, V any] struct {
	TTL, Stale time.Duration
	Size       int              // when full, every value is dropped rather than tracking age
	Clock      func() time.Time // time.Now when nil; a value from a later time (clock set back) is not used

	mu       sync.Mutex
	entries  map[K]entry[V]
	inflight map[K]*flight[V]
}

type entry[V any] struct {
	v       V
	version uint64
	at      time.Time
}

// flight is one computation of a key under way; done closes when v and
// err are set.
type flight[V any] struct {
	version uint64
	done    chan struct{}
	v       V
	err     error
}

// Load returns the value kept for key at version, or computes it. A failed
// computation is not kept; the requests that waited for it compute their own.
func (c *Cache[K, V]) Load(ctx context.Context, key K, version uint64, compute func() (V, error)) (V, error) {
	now := c.now()
	c.mu.Lock()
	e, kept := c.entries[key]
	age := now.Sub(e.at)
	kept = kept && e.version == version && age >= 0
	if kept && age < c.TTL {
		c.mu.Unlock()
		return e.v, nil
	}
	if f := c.inflight[key]; f != nil && f.version == version {
		c.mu.Unlock()
		if kept && age < c.TTL+c.Stale {
			return e.v, nil
		}
		select {
		case <-f.done:
			if f.err == nil {
				return f.v, nil
			}
			return c.Load(ctx, key, version, compute) // the other request's computation failed (its request ended?): compute anew
		case <-ctx.Done():
			var zero V
			return zero, ctx.Err()
		}
	}
	f := &flight[V]{version: version, done: make(chan struct{})}
	if c.inflight == nil {
		c.inflight = map[K]*flight[V]{}
	}
	c.inflight[key] = f
	c.mu.Unlock()

	f.v, f.err = compute()
	c.mu.Lock()
	if c.inflight[key] == f {
		delete(c.inflight, key)
	}
	if f.err == nil {
		if c.entries == nil || len(c.entries) >= c.Size {
			c.entries = map[K]entry[V]{}
		}
		c.entries[key] = entry[V]{v: f.v, version: version, at: now}
	}
	c.mu.Unlock()
	close(f.done)
	return f.v, f.err
}

func (c *Cache[K, V]) now() time.Time {
	if c.Clock != nil {
		return c.Clock()
	}
	return time.Now()
}

// Len is how many values are kept.
func (c *Cache[K, V]) Len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.entries)
}
