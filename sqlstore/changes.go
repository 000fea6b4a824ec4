package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"log/slog"
	"time"

	"hitori"
)

// Changes tells a process when shared data changed in any process using the
// database. Every write of articles, synonyms or settings raises its topic's
// version in the changes table inside the write's own transaction (see
// touch), so a change is recorded exactly when its data commits; Watch
// reports those changes: PostgreSQL through LISTEN/NOTIFY, SQLite (one
// machine, one file) by reading the few-row table every second.
type Changes struct {
	db  *DB
	log *slog.Logger
	// Every is how often SQLite is read.
	Every time.Duration
	// Heartbeat is how long a quiet PostgreSQL listener waits before
	// checking that its connection is still alive.
	Heartbeat time.Duration
	// MaxBackoff bounds the wait between attempts to reconnect a listener.
	MaxBackoff time.Duration
}

// NewChanges returns db's change watcher; log (nil: none) reports lost
// connections.
func NewChanges(db *DB, log *slog.Logger) *Changes {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &Changes{db: db, log: log, Every: time.Second, Heartbeat: 30 * time.Second, MaxBackoff: 30 * time.Second}
}

// Versions returns each topic's version; a topic never written is absent.
func (c *Changes) Versions(ctx context.Context) (map[hitori.Topic]int64, error) {
	rows, err := c.db.r.QueryContext(ctx, `SELECT topic, version FROM changes`)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: change versions: %w", err)
	}
	defer rows.Close()
	vs := map[hitori.Topic]int64{}
	for rows.Next() {
		var t string
		var v int64
		if err := rows.Scan(&t, &v); err != nil {
			return nil, fmt.Errorf("sqlstore: change versions: %w", err)
		}
		vs[hitori.Topic(t)] = v
	}
	return vs, rows.Err()
}

// Watch calls fn with each topic that may have changed, until ctx ends, and
// then returns ctx's error. Once it is watching it calls fn for every topic
// written so far, because changes made before could not be seen (subscribers
// re-read what they keep, so an extra call costs a read, while a missed one
// would leave them stale); after a lost PostgreSQL connection comes back, for
// every topic whose version moved meanwhile. Changes made by this process
// are reported too.
func (c *Changes) Watch(ctx context.Context, fn func(hitori.Topic)) error {
	if c.db.Dialect == Postgres {
		return c.watchPostgres(ctx, fn)
	}
	return c.watchSQLite(ctx, fn)
}

// catchUp reads the versions and calls fn for each topic whose version
// differs from seen's (for every topic when all is set), then remembers them
// in seen. A topic never written has no row and nothing to catch up on.
func (c *Changes) catchUp(ctx context.Context, seen map[hitori.Topic]int64, all bool, fn func(hitori.Topic)) error {
	now, err := c.Versions(ctx)
	if err != nil {
		return err
	}
	for t, v := range now {
		if old, ok := seen[t]; all || !ok || old != v {
			fn(t)
		}
		seen[t] = v
	}
	return nil
}

// touch records, in the write's transaction, that topic's data changed. It
// goes last in a transaction: on PostgreSQL the row stays locked until
// commit, and writers of one topic queue behind each other there.
func (db *DB) touch(ctx context.Context, tx *sql.Tx, t hitori.Topic) error {
	if _, err := tx.ExecContext(ctx, `INSERT INTO changes (topic, version) VALUES ($1, 1)
		ON CONFLICT (topic) DO UPDATE SET version = changes.version + 1`, string(t)); err != nil {
		return fmt.Errorf("sqlstore: record change of %s: %w", t, err)
	}
	return notifyChange(ctx, tx, db.Dialect, t)
}
