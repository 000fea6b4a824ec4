// Package sqlstore implements hitori's services on SQLite and PostgreSQL with
// one set of SQL statements. It is the only package that imports database drivers.
package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"time"

	"hitori"
)

// SQLite readers: how many connections read at once, and how much of the
// file each maps (see openSQLite).
const (
	readerConns = 8
	mmapSize    = 256 << 20
)

// writerCacheKiB is the writer connection's page cache, in KiB (SQLite's
// negative cache_size). SQLite's default of 2 MB holds none of a large
// site's indexes.
const writerCacheKiB = -65536

// walCheckpointPages is how many pages the WAL grows to before the writer
// copies them into the database file (SQLite's default: 1,000).
const walCheckpointPages = 16384

// Dialects.
const (
	SQLite   = "sqlite"
	Postgres = "postgres"
)

// DB is an open hitori database. SQLite gets one writer connection (SQLite
// allows one writer at a time; queuing in Go beats SQLITE_BUSY retries) and a
// pool of readers; PostgreSQL uses one pool for both.
type DB struct {
	Dialect string
	Path    string // SQLite file, empty for PostgreSQL
	DSN     string

	w *sql.DB
	r *readPool

	sessionStmt *sql.Stmt // prepared hot-path statements

	items *Items // shared: it holds the item outbox (Items.SetItemOutbox)

	packages packageCatalogue // the software catalogue rows this process has met

	// writes counts committed write transactions: what this process keeps
	// of the data (the board cache) is stale once it moves.
	writes atomic.Uint64

	// Now is the clock; tests replace it.
	Now func() time.Time
	// Hasher hashes passwords (auth.Hasher); the caller sets it after Open,
	// so storage does not pick the password algorithm. Without one, setting
	// or checking a password is an internal error.
	Hasher hitori.PasswordHasher
	// TOTP checks one-time codes (auth.TOTP); without one no code is accepted.
	TOTP hitori.TOTPChecker
	// Sealer encrypts TOTP secrets at rest (sealed.Keyring); without one no
	// second factor can be enrolled.
	Sealer hitori.Sealer
	// Sessions and Lockout are the sign-in policies.
	Sessions hitori.SessionPolicy
	Lockout  hitori.LockoutPolicy
}

// DialectOf tells which database a --db value names.
func DialectOf(dsn string) string {
	if strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://") {
		return Postgres
	}
	return SQLite
}

// Open opens dsn: a postgres:// URL, or a SQLite file path. It applies migrations.
func Open(ctx context.Context, dsn string) (*DB, error) {
	db := &DB{DSN: dsn, Dialect: DialectOf(dsn), Now: func() time.Time { return time.Now().UTC() },
		Sessions: hitori.DefaultSessionPolicy, Lockout: hitori.DefaultLockoutPolicy}
	db.items = newItems(db)
	var err error
	if db.Dialect == Postgres {
		err = db.openPostgres(dsn)
	} else {
		err = db.openSQLite(dsn)
	}
	if err != nil {
		return nil, err
	}
	if err := db.w.PingContext(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("sqlstore: connect %s: %w", redact(dsn), err)
	}
	if err := db.migrate(ctx); err != nil {
		db.Close()
		return nil, err
	}
	if db.sessionStmt, err = db.r.PrepareContext(ctx, findSessionSQL); err != nil {
		db.Close()
		return nil, fmt.Errorf("sqlstore: prepare: %w", err)
	}
	return db, nil
}

func (db *DB) openSQLite(path string) error {
	path = strings.TrimPrefix(path, "sqlite://")
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return fmt.Errorf("sqlstore: create data folder: %w", err)
	}
	db.Path = path
	if err := restrictFiles(path); err != nil {
		return err
	}
	q := url.Values{}
	for _, p := range []string{"journal_mode(WAL)", "foreign_keys(1)", "busy_timeout(10000)",
		"synchronous(NORMAL)", "journal_size_limit(67108864)"} {
		q.Add("_pragma", p)
	}
	q.Set("_txlock", "immediate")
	var err error
	// The writer's statement journals (a statement that writes many rows
	// inside a transaction, such as an inventory's program links, copies
	// every page it touches there first) stay in temporary files: kept in
	// memory they cost more at scale, since the driver's allocator gives
	// the memory back to the OS page by page after each statement and
	// faults it in again for the next (3,000 PCs' reports: a third of the
	// CPU). Its page cache holds the hot index pages a large site's writes
	// revisit, and the WAL is checkpointed every 16,384 pages instead of
	// SQLite's 1,000, so that pages many commits rewrite (the index of
	// installations by package) are copied into the file once per
	// checkpoint, not once per commit.
	writer := "file:" + path + "?" + q.Encode() + fmt.Sprintf("&_pragma=cache_size(%d)&_pragma=wal_autocheckpoint(%d)", writerCacheKiB, walCheckpointPages)
	if db.w, err = sql.Open("sqlite", writer); err != nil {
		return fmt.Errorf("sqlstore: open sqlite: %w", err)
	}
	db.w.SetMaxOpenConns(1)
	db.w.SetConnMaxIdleTime(0)
	q.Set("_txlock", "deferred")
	q.Add("_pragma", "query_only(1)")
	// Readers map the file: pages come from the OS cache shared by every
	// connection instead of each connection's small private cache, which
	// roughly halved large list queries (1M items). Each connection maps
	// its own view, and the kernel counts a page in the process's resident
	// size (VmRSS) once per view that touched it: up to readerConns ×
	// mmapSize of page cache that looks like hitori's memory
	// (docs/memory.md). The map covers the start of the file only, so
	// 256 MiB maps all of a site up to about 200,000 items and caps the
	// misleading figure at 2 GiB; on larger files the hot pages (recent
	// items, indexes built by later migrations) lie past any useful map
	// and are read through the OS cache either way.
	q.Add("_pragma", fmt.Sprintf("mmap_size(%d)", mmapSize))
	r, err := sql.Open("sqlite", "file:"+path+"?"+q.Encode())
	if err != nil {
		return fmt.Errorf("sqlstore: open sqlite: %w", err)
	}
	db.r = &readPool{DB: r}
	db.r.SetMaxOpenConns(readerConns)
	// Keep every reader: database/sql keeps 2 idle by default, so under load
	// the others were closed and reopened (pragmas, mapping) request after request.
	db.r.SetMaxIdleConns(readerConns)
	db.r.SetConnMaxIdleTime(0)
	db.r.SetConnMaxLifetime(0)
	return nil
}

// Close closes the connections.
func (db *DB) Close() error {
	var errs []error
	if db.sessionStmt != nil {
		errs = append(errs, db.sessionStmt.Close())
	}
	if db.r != nil && db.r.DB != db.w {
		errs = append(errs, db.r.Close())
	}
	if db.w != nil {
		errs = append(errs, db.w.Close())
	}
	return errors.Join(errs...)
}

// Ping checks the database answers.
func (db *DB) Ping(ctx context.Context) error {
	var one int
	return db.r.QueryRowContext(ctx, `SELECT 1`).Scan(&one)
}

// Stats returns the writer pool's statistics for /metrics.
func (db *DB) Stats() sql.DBStats { return db.w.Stats() }

// now returns the clock's time in UTC, truncated to microseconds so both
// databases store and return the same value.
func (db *DB) now() time.Time { return db.Now().UTC().Truncate(time.Microsecond) }

// write runs fn in one write transaction.
func (db *DB) write(ctx context.Context, fn func(tx *sql.Tx) error) error {
	if err := db.writeUncounted(ctx, fn); err != nil {
		return err
	}
	db.writes.Add(1)
	return nil
}

// writeUncounted runs fn in one write transaction that changes only the
// background machinery's own rows (job claims and leases, monitor shard
// leases), which no value kept for the work pages reads, so those values
// stay (DB.writes does not move). An idle server claims and reaps jobs
// every second: counting those writes made the board's kept copy last
// under a second, and every connection waited for its next read.
func (db *DB) writeUncounted(ctx context.Context, fn func(tx *sql.Tx) error) error {
	tx, err := db.w.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("sqlstore: begin: %w", err)
	}
	defer tx.Rollback()
	if err := fn(tx); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("sqlstore: commit: %w", err)
	}
	return nil
}

// redact hides a password in a DSN for error messages and logs.
func redact(dsn string) string {
	u, err := url.Parse(dsn)
	if err != nil || u.User == nil {
		return dsn
	}
	if _, ok := u.User.Password(); ok {
		u.User = url.UserPassword(u.User.Username(), "xxxxx")
	}
	return u.String()
}

// Redact hides a password in a DSN.
func Redact(dsn string) string { return redact(dsn) }
