package sqlstore

import (
	"sync"
	"time"
)

// readCacheTTL is how long a value read for the work pages is kept while
// this process writes nothing: a change made by another process sharing
// the database (a command-line import, a second server) shows within it.
const readCacheTTL = 2 * time.Second

// readCacheSize is how many values one readCache keeps: a board per staff
// member and scope, a count per filter in use.
const readCacheSize = 64

// readCache keeps values read from the database until this process
// commits a write (DB.writes moves) or readCacheTTL passes: under load the
// board and the lists are read far more often than items change, and
// their counts walk every open item or every match of a text.
type readCache[K comparable, V any] struct {
	mu      sync.Mutex
	entries map[K]readEntry[V]
}

type readEntry[V any] struct {
	v      V
	writes uint64 // DB.writes when it was read
	at     time.Time
}

// get returns the value kept for key if nothing was written since and it
// is fresh.
func (c *readCache[K, V]) get(key K, writes uint64) (V, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.entries[key]
	if !ok || e.writes != writes || time.Since(e.at) >= readCacheTTL {
		var zero V
		return zero, false
	}
	return e.v, true
}

// put keeps v, read when DB.writes was writes (loaded before the read: a
// write during the read leaves the value stale, and the next get misses).
func (c *readCache[K, V]) put(key K, writes uint64, v V) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.entries == nil || len(c.entries) >= readCacheSize { // drop all rather than track age

		c.entries = map[K]readEntry[V]{}
	}
	c.entries[key] = readEntry[V]{v: v, writes: writes, at: time.Now()}
}
