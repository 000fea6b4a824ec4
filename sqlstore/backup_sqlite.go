package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"hitori"
)

// backupSQLite copies the database with VACUUM INTO on a connection of its own:
// it reads one snapshot while WAL lets writers carry on, and it never holds the
// single writer connection. The copy is checked before it replaces path, so a
// bad copy never overwrites the previous good backup.
func (db *DB) backupSQLite(ctx context.Context, path string) error {
	if a, b := absPath(path), absPath(db.Path); a == b || a == b+"-wal" || a == b+"-shm" {
		return hitori.Errorf(hitori.EINVALID, "the backup path %s is the live database: choose another file", path)
	}
	return replaceFile(path, func(tmp string) error {
		// Read-only: this connection has no reason to write the live database.
		src, err := sql.Open("sqlite", "file:"+db.Path+"?mode=ro&_pragma=busy_timeout(10000)")
		if err != nil {
			return fmt.Errorf("sqlstore: backup: %w", err)
		}
		defer src.Close()
		if _, err := src.ExecContext(ctx, `VACUUM INTO $1`, tmp); err != nil {
			return fmt.Errorf("sqlstore: backup: vacuum into: %w", err)
		}
		_, err = checkSQLite(ctx, tmp)
		return err
	})
}

// checkSQLite runs integrity_check on a copy and returns its schema version.
func checkSQLite(ctx context.Context, path string) (int, error) {
	c, err := sql.Open("sqlite", "file:"+path+"?_pragma=busy_timeout(10000)")
	if err != nil {
		return 0, err
	}
	defer c.Close()
	problems, err := queryStrings(ctx, c, `PRAGMA integrity_check`)
	if err != nil {
		return 0, fmt.Errorf("%w (%v)", hitori.Errorf(hitori.EINVALID, "the backup is not a readable SQLite database"), err)
	}
	if len(problems) != 1 || problems[0] != "ok" {
		return 0, fmt.Errorf("%w (%s)", hitori.Errorf(hitori.EINVALID, "the backup failed SQLite's integrity check"), strings.Join(problems, "; "))
	}
	var v int
	if err := c.QueryRowContext(ctx, `SELECT COALESCE(MAX(version), 0) FROM schema_migrations`).Scan(&v); err != nil {
		return 0, fmt.Errorf("%w (%v)", hitori.Errorf(hitori.EINVALID, "the SQLite file is not a hitori backup"), err)
	}
	return v, nil
}

// restoreSQLiteFile restores a SQLite backup. It works on a copy, so the
// backup file itself is never opened by SQLite (which could roll back a journal
// or leave -wal files beside it). The target is checked again just before the
// rename, as it may have gained rows while the copy was built.
func restoreSQLiteFile(ctx context.Context, f io.Reader, dsn string) (map[string]int64, error) {
	if DialectOf(dsn) == Postgres {
		return restoreSQLiteIntoPostgres(ctx, f, dsn)
	}
	target := sqlitePath(dsn)
	if err := requireEmptySQLite(ctx, target); err != nil {
		return nil, err
	}
	var counts map[string]int64
	err := replaceFile(target, func(tmp string) error {
		if err := copyInto(tmp, f); err != nil {
			return err
		}
		if err := checkCopy(ctx, tmp); err != nil {
			return err
		}
		var err error
		if counts, err = migrateSQLite(ctx, tmp); err != nil {
			return err
		}
		return requireEmptySQLite(ctx, target)
	})
	if err != nil {
		return nil, err
	}
	return counts, nil
}

// restoreSQLiteIntoPostgres streams a logical dump of a checked copy into PostgreSQL.
func restoreSQLiteIntoPostgres(ctx context.Context, f io.Reader, dsn string) (map[string]int64, error) {
	tmpf, err := os.CreateTemp("", "hitori-restore-*.db")
	if err != nil {
		return nil, fmt.Errorf("sqlstore: restore: %w", err)
	}
	tmp := tmpf.Name()
	tmpf.Close()
	defer removeSQLiteFiles(tmp)
	if err := copyInto(tmp, f); err != nil {
		return nil, err
	}
	if err := checkCopy(ctx, tmp); err != nil {
		return nil, err
	}
	src, err := sql.Open("sqlite", "file:"+tmp+"?_pragma=busy_timeout(10000)")
	if err != nil {
		return nil, fmt.Errorf("sqlstore: restore: %w", err)
	}
	defer src.Close()
	tx, err := src.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: restore: %w", err)
	}
	defer tx.Rollback()
	pr, pw := io.Pipe()
	done := make(chan struct{})
	go func() {
		defer close(done)
		pw.CloseWithError(writeDump(ctx, tx, SQLite, pw, time.Now()))
	}()
	counts, err := restoreDump(ctx, pr, dsn)
	pr.CloseWithError(errors.New("restore stopped")) // unblocks the writer if the load gave up early
	<-done
	return counts, err
}

// restoreDumpSQLite loads a logical dump into a new file beside target and renames it into place.
func restoreDumpSQLite(ctx context.Context, dec *json.Decoder, r io.Reader, schema int, target string) (map[string]int64, error) {
	if err := requireEmptySQLite(ctx, target); err != nil {
		return nil, err
	}
	var counts map[string]int64
	err := replaceFile(target, func(tmp string) error {
		db, err := openRaw(tmp)
		if err != nil {
			return err
		}
		counts, err = db.loadDump(ctx, dec, r, schema)
		if err = errors.Join(err, db.Close()); err != nil {
			return err
		}
		if _, err = migrateSQLite(ctx, tmp); err != nil {
			return err
		}
		return requireEmptySQLite(ctx, target)
	})
	if err != nil {
		return nil, err
	}
	return counts, nil
}

// deferForeignKeysSQLite postpones reference checks to commit and returns a
// check to run before it, so a dangling reference is reported as the backup's fault.
func deferForeignKeysSQLite(ctx context.Context, tx *sql.Tx) (func() error, error) {
	if _, err := tx.ExecContext(ctx, `PRAGMA defer_foreign_keys = ON`); err != nil {
		return nil, err
	}
	return func() error {
		bad, err := queryStrings(ctx, tx, `SELECT "table" FROM pragma_foreign_key_check`)
		if err == nil && len(bad) > 0 {
			err = fmt.Errorf("rows of %s reference missing rows", strings.Join(bad, ", "))
		}
		return err
	}, nil
}

// checkCopy checks a copied backup is sound and not newer than this binary.
func checkCopy(ctx context.Context, tmp string) error {
	v, err := checkSQLite(ctx, tmp)
	if err != nil {
		return err
	}
	return checkSchema(SQLite, v)
}

// migrateSQLite applies pending migrations to the new file before it is
// renamed into place, so a failing migration leaves the target untouched.
func migrateSQLite(ctx context.Context, tmp string) (map[string]int64, error) {
	db, err := Open(ctx, tmp)
	if err != nil {
		return nil, err
	}
	counts, err := countRows(ctx, db.r.DB, SQLite)
	// Close checkpoints and deletes the -wal file, so the renamed file is complete.
	return counts, errors.Join(err, db.Close())
}

// requireEmptySQLite allows a missing or empty target file, or one holding no rows and
// open by no other process (a leftover -wal would be replayed onto the restored file).
func requireEmptySQLite(ctx context.Context, target string) error {
	st, err := os.Stat(target)
	if errors.Is(err, fs.ErrNotExist) || err == nil && st.Size() == 0 {
		return nil
	} else if err != nil {
		return fmt.Errorf("sqlstore: restore: %w", err)
	}
	c, err := sql.Open("sqlite", "file:"+target+"?_pragma=busy_timeout(10000)")
	if err != nil {
		return fmt.Errorf("sqlstore: restore: %w", err)
	}
	c.SetMaxOpenConns(1)
	err = requireEmpty(ctx, c, SQLite)
	c.Close()
	if _, ok := hitori.AsError(err); ok {
		return err
	} else if err != nil {
		return fmt.Errorf("%w (%v)", hitori.Errorf(hitori.ECONFLICT, "the target %s exists and is not a hitori database: refusing to replace it", target), err)
	}
	if _, err := os.Stat(target + "-wal"); err == nil {
		return hitori.Errorf(hitori.ECONFLICT, "the target %s is open in another process: stop hitori before restoring", target)
	}
	return nil
}

func copyInto(dst string, src io.Reader) error {
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_TRUNC, 0)
	if err != nil {
		return fmt.Errorf("sqlstore: restore: %w", err)
	}
	_, err = io.Copy(out, src)
	if err = errors.Join(err, out.Close()); err != nil {
		return fmt.Errorf("sqlstore: restore: copy backup: %w", err)
	}
	return nil
}

// sqliteTables lists ordinary tables (not SQLite's own, not virtual or FTS
// shadow tables, which their triggers rebuild) with stored columns and references.
func sqliteTables(ctx context.Context, q querier) ([]tableInfo, map[string][]string, error) {
	names, err := queryStrings(ctx, q, `SELECT name FROM pragma_table_list
		WHERE schema = 'main' AND type = 'table' AND name NOT LIKE 'sqlite\_%' ESCAPE '\' ORDER BY name`)
	if err != nil {
		return nil, nil, fmt.Errorf("sqlstore: list tables: %w", err)
	}
	tables, deps := make([]tableInfo, len(names)), map[string][]string{}
	for i, name := range names {
		tables[i].name = name
		if tables[i].cols, err = queryStrings(ctx, q, `SELECT name FROM pragma_table_xinfo($1) WHERE hidden = 0 ORDER BY cid`, name); err != nil {
			return nil, nil, fmt.Errorf("sqlstore: list columns of %s: %w", name, err)
		}
		if deps[name], err = queryStrings(ctx, q, `SELECT "table" FROM pragma_foreign_key_list($1)`, name); err != nil {
			return nil, nil, fmt.Errorf("sqlstore: list foreign keys of %s: %w", name, err)
		}
	}
	return tables, deps, nil
}

func queryStrings(ctx context.Context, q querier, query string, args ...any) ([]string, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, rows.Err()
}

func sqlitePath(dsn string) string { return strings.TrimPrefix(dsn, "sqlite://") }

func absPath(p string) string {
	if a, err := filepath.Abs(p); err == nil {
		return a
	}
	return p
}

// replaceFile lets fill write a temp file next to path, then makes it durable
// and renames it over path, so path never holds a half-written file.
func replaceFile(path string, fill func(tmp string) error) error {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("sqlstore: create folder: %w", err)
	}
	f, err := os.CreateTemp(dir, filepath.Base(path)+".tmp-*")
	if err != nil {
		return fmt.Errorf("sqlstore: create temp file: %w", err)
	}
	tmp := f.Name()
	f.Close()
	defer removeSQLiteFiles(tmp)
	if err := fill(tmp); err != nil {
		return err
	}
	if f, err = os.OpenFile(tmp, os.O_RDWR, 0); err == nil {
		err = errors.Join(f.Sync(), f.Close())
	}
	if err != nil {
		return fmt.Errorf("sqlstore: sync %s: %w", tmp, err)
	}
	if err := os.Rename(tmp, path); err != nil {
		return fmt.Errorf("sqlstore: rename into place: %w", err)
	}
	// Persist the rename itself; directories cannot be opened on Windows, where the rename is already durable.
	if d, err := os.Open(dir); err == nil {
		_ = d.Sync()
		d.Close()
	}
	return nil
}

// removeSQLiteFiles removes a database file and the journals SQLite may have left beside it.
func removeSQLiteFiles(path string) {
	for _, suffix := range []string{"", "-wal", "-shm", "-journal"} {
		_ = os.Remove(path + suffix)
	}
}
