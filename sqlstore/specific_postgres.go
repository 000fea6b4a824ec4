package sqlstore

import (
	"context"
	"database/sql"
	"fmt"

	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" driver
)

func (db *DB) openPostgres(dsn string) error {
	w, err := sql.Open("pgx", dsn)
	if err != nil {
		return fmt.Errorf("sqlstore: open postgres: %w", err)
	}
	w.SetMaxOpenConns(16)
	w.SetMaxIdleConns(8)
	db.w, db.r = w, &readPool{DB: w}
	return nil
}

// lockMigrations serialises migrations between processes sharing one PostgreSQL.
func lockMigrations(ctx context.Context, tx *sql.Tx, dialect string) error {
	if dialect != Postgres {
		return nil
	}
	_, err := tx.ExecContext(ctx, `SELECT pg_advisory_xact_lock(4242001)`)
	return err
}

// lockUsers makes a "no users yet" check hold until commit. SQLite needs
// nothing: its write transactions already run one at a time.
func lockUsers(ctx context.Context, tx *sql.Tx, dialect string) error {
	if dialect != Postgres {
		return nil
	}
	_, err := tx.ExecContext(ctx, `LOCK TABLE users IN SHARE ROW EXCLUSIVE MODE`)
	return err
}

// openCondPostgres selects open items on PostgreSQL (see Items.openCond).
const openCondPostgres = `status IN ('new', 'in_progress', 'waiting_requester', 'waiting_vendor')`

// itemTextPostgresFold narrows a case-folded text query ($n, lower case)
// through the pg_trgm indexes on title and body (0014), which serve ILIKE but
// not LOWER(…) LIKE; for a lower-case pattern the two agree.
func itemTextPostgresFold(n int) string {
	return fmt.Sprintf(`(title ILIKE $%d ESCAPE '\' OR body ILIKE $%[1]d ESCAPE '\')`, n)
}

// lockInstallations holds, until commit, every change to what assets count
// towards their titles' installations (sets, statuses, deletions), while
// a new title is counted. SQLite needs nothing: its write transactions
// already run one at a time.
func lockInstallations(ctx context.Context, tx *sql.Tx, dialect string) error {
	if dialect != Postgres {
		return nil
	}
	if _, err := tx.ExecContext(ctx, `LOCK TABLE assets, asset_package_sets IN SHARE MODE`); err != nil {
		return fmt.Errorf("sqlstore: lock installations: %w", err)
	}
	return nil
}
