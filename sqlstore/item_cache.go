package sqlstore

import (
	"time"

	"hitori/memo"
)

// readCacheTTL is how long a value read for the work pages is kept while
// this process writes nothing: a change made by another process sharing
// the database (a command-line import, a second server) shows within it
// (and at most readCacheTTL later while the next read is under way).
const readCacheTTL = 2 * time.Second

// readCacheSize is how many values one readCache keeps: a board per staff
// member and scope, a count per filter in use.
const readCacheSize = 64

// newReadCache keeps values read from the database until this process
// commits a write (DB.writes moves, the version asked) or readCacheTTL
// passes: under load the board and the lists are read far more often than
// items change, and their counts walk every open item or every match of a
// text. One key is read by one request at a time.
func newReadCache[K comparable, V any]() *memo.Cache[K, V] {
	return &memo.Cache[K, V]{TTL: readCacheTTL, Stale: readCacheTTL, Size: readCacheSize}
}
