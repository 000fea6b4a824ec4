package sqlstore

import (
	"bufio"
	"bytes"
	"compress/flate"
	"compress/gzip"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"hitori"
)

// The logical dump format: gzip-compressed JSON lines, a header, then per table
// a section line and one array per row, then an end line that proves the dump
// was written to the end.
const (
	dumpFormat  = "hitori-backup"
	dumpVersion = 1
)

var sqliteMagic = []byte("SQLite format 3\x00")

type dumpHeader struct {
	Format  string    `json:"format"`
	Version int       `json:"version"`
	Dialect string    `json:"dialect"`
	Schema  int       `json:"schema"`
	Created time.Time `json:"created"`
}

type dumpSection struct {
	Table   string   `json:"table"`
	Columns []string `json:"columns"`
}

type dumpEnd struct {
	End  bool  `json:"end"`
	Rows int64 `json:"rows"`
}

// Backup writes a consistent snapshot of the database to path while the server keeps serving and writing.
func (db *DB) Backup(ctx context.Context, path string) error {
	if db.Dialect == Postgres {
		return db.backupPostgres(ctx, path)
	}
	return db.backupSQLite(ctx, path)
}

// Restore loads the backup file at path into the empty database named by dsn (a SQLite file path, or a postgres:// URL), and returns the number of rows restored per table.
func Restore(ctx context.Context, path, dsn string) (map[string]int64, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: restore: %w", err)
	}
	defer f.Close()
	br := bufio.NewReaderSize(f, 1<<16)
	magic, _ := br.Peek(len(sqliteMagic))
	switch {
	case bytes.Equal(magic, sqliteMagic):
		return restoreSQLiteFile(ctx, br, dsn)
	case bytes.HasPrefix(magic, []byte{0x1f, 0x8b}):
		zr, err := gzip.NewReader(br)
		if err != nil {
			return nil, errCorrupt(err)
		}
		return restoreDump(ctx, zr, dsn)
	}
	return nil, hitori.Errorf(hitori.EINVALID, "%s is not a hitori backup (neither a SQLite database nor a gzip-compressed dump)", filepath.Base(path))
}

func errCorrupt(cause error) error {
	return fmt.Errorf("%w (%v)", hitori.Errorf(hitori.EINVALID, "the backup file is truncated or corrupt"), cause)
}

// errDump classifies a read error: damaged compression means a damaged file,
// anything else means the content was never a hitori dump.
func errDump(cause error) error {
	var fe flate.CorruptInputError
	if errors.Is(cause, io.ErrUnexpectedEOF) || errors.Is(cause, gzip.ErrChecksum) || errors.Is(cause, gzip.ErrHeader) || errors.As(cause, &fe) {
		return errCorrupt(cause)
	}
	return fmt.Errorf("%w (%v)", hitori.Errorf(hitori.EINVALID, "the file is not a hitori backup"), cause)
}

// checkSchema refuses a backup that a newer hitori made: this binary could not
// migrate it, and older code writing to a newer schema would corrupt it.
func checkSchema(dialect string, schema int) error {
	ms, err := migrations(dialect)
	if err != nil {
		return err
	}
	if latest := ms[len(ms)-1].version; schema > latest {
		return hitori.Errorf(hitori.ECONFLICT, "the backup is at schema version %d but this hitori binary knows only up to %d: restore it with a newer hitori", schema, latest)
	}
	if schema < 1 {
		return hitori.Errorf(hitori.EINVALID, "the backup has no schema version: it is not a hitori backup")
	}
	return nil
}

// openRaw connects without migrating, so a restore can build the schema at
// the backup's version before loading rows into it.
func openRaw(dsn string) (*DB, error) {
	db := &DB{DSN: dsn, Dialect: DialectOf(dsn), Now: func() time.Time { return time.Now().UTC() }}
	db.items = newItems(db)
	var err error
	if db.Dialect == Postgres {
		err = db.openPostgres(dsn)
	} else {
		err = db.openSQLite(dsn)
	}
	if err != nil {
		db.Close()
		return nil, err
	}
	return db, nil
}

// restoreDump loads a logical dump (already decompressed) into the database named by dsn.
func restoreDump(ctx context.Context, r io.Reader, dsn string) (map[string]int64, error) {
	dec := json.NewDecoder(r)
	dec.UseNumber()
	var h dumpHeader
	if err := dec.Decode(&h); err != nil {
		return nil, errDump(err)
	}
	if h.Format != dumpFormat {
		return nil, hitori.Errorf(hitori.EINVALID, "the file is not a hitori backup")
	}
	if h.Version != dumpVersion {
		return nil, hitori.Errorf(hitori.ECONFLICT, "the backup uses dump format %d but this hitori reads only format %d: restore it with a newer hitori", h.Version, dumpVersion)
	}
	if err := checkSchema(DialectOf(dsn), h.Schema); err != nil {
		return nil, err
	}
	if DialectOf(dsn) == SQLite {
		return restoreDumpSQLite(ctx, dec, r, h.Schema, sqlitePath(dsn))
	}
	db, err := openRaw(dsn)
	if err != nil {
		return nil, err
	}
	counts, err := db.loadDump(ctx, dec, r, h.Schema)
	db.Close()
	if err != nil {
		return nil, err
	}
	// Migrations newer than the backup run the ordinary way, as after an upgrade.
	if db, err = Open(ctx, dsn); err != nil {
		return counts, fmt.Errorf("sqlstore: restore: rows loaded, but migrating them failed: %w", err)
	}
	return counts, db.Close()
}

// loadDump builds the schema up to the backup's version and inserts every row,
// all in one transaction so a failure leaves the target as it was.
func (db *DB) loadDump(ctx context.Context, dec *json.Decoder, r io.Reader, schema int) (map[string]int64, error) {
	ms, err := migrations(db.Dialect)
	if err != nil {
		return nil, err
	}
	counts := map[string]int64{}
	err = db.write(ctx, func(tx *sql.Tx) error {
		if err := lockMigrations(ctx, tx, db.Dialect); err != nil {
			return fmt.Errorf("sqlstore: restore: lock: %w", err)
		}
		// The same table migrate creates, so Open later finds the history it expects.
		if _, err := tx.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
			version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TIMESTAMP NOT NULL)`); err != nil {
			return fmt.Errorf("sqlstore: restore: %w", err)
		}
		var current int
		if err := tx.QueryRowContext(ctx, `SELECT COALESCE(MAX(version), 0) FROM schema_migrations`).Scan(&current); err != nil {
			return fmt.Errorf("sqlstore: restore: %w", err)
		}
		if err := requireEmpty(ctx, tx, db.Dialect); err != nil {
			return err
		}
		if current > schema {
			return hitori.Errorf(hitori.ECONFLICT, "the target database is already at schema version %d, newer than the backup's %d: restore into a new, empty database", current, schema)
		}
		for _, m := range ms {
			if m.version > current && m.version <= schema {
				if _, err := tx.ExecContext(ctx, m.sql); err != nil {
					return fmt.Errorf("sqlstore: restore: migration %s: %w", m.name, err)
				}
			}
		}
		// The backup's own history replaces the target's, which is a prefix of it.
		if _, err := tx.ExecContext(ctx, `DELETE FROM schema_migrations`); err != nil {
			return fmt.Errorf("sqlstore: restore: %w", err)
		}
		// References are checked once all rows are in, so no row order can fail the load.
		deferRefs := deferForeignKeysSQLite
		if db.Dialect == Postgres {
			deferRefs = deferForeignKeysPostgres
		}
		checkRefs, err := deferRefs(ctx, tx)
		if err != nil {
			return fmt.Errorf("sqlstore: restore: %w", err)
		}
		if err := loadRows(ctx, tx, db.Dialect, dec, r, counts); err != nil {
			return err
		}
		if err := checkRefs(); err != nil {
			return fmt.Errorf("%w (%v)", hitori.Errorf(hitori.EINVALID, "the backup's rows break a reference between tables"), err)
		}
		var got int
		if err := tx.QueryRowContext(ctx, `SELECT COALESCE(MAX(version), 0) FROM schema_migrations`).Scan(&got); err != nil || got != schema {
			return errCorrupt(fmt.Errorf("schema_migrations holds version %d, header says %d (%v)", got, schema, err))
		}
		if db.Dialect == Postgres {
			return resetSequences(ctx, tx)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return counts, nil
}

// batchParams bounds the placeholders in one INSERT, well under both
// databases' limits (SQLite 32766, PostgreSQL 65535).
const batchParams = 4000

// loadRows reads table sections and rows up to the end line, inserting in multi-row batches.
func loadRows(ctx context.Context, tx *sql.Tx, dialect string, dec *json.Decoder, r io.Reader, counts map[string]int64) error {
	tables, err := listTables(ctx, tx, dialect)
	if err != nil {
		return err
	}
	known := map[string]map[string]bool{}
	for _, t := range tables {
		known[t.name] = map[string]bool{}
		for _, c := range t.cols {
			known[t.name][c] = true
		}
	}
	var (
		table string
		cols  []string
		args  []any
		total int64
	)
	flush := func() error {
		if len(args) == 0 {
			return nil
		}
		n := len(args) / len(cols)
		var b strings.Builder
		fmt.Fprintf(&b, "INSERT INTO %s (%s) VALUES ", quoteIdent(table), quoteIdents(cols))
		for i := range args {
			switch {
			case i == 0:
				b.WriteString("(")
			case i%len(cols) == 0:
				b.WriteString("), (")
			default:
				b.WriteString(", ")
			}
			fmt.Fprintf(&b, "$%d", i+1)
		}
		b.WriteString(")")
		if _, err := tx.ExecContext(ctx, b.String(), args...); err != nil {
			return fmt.Errorf("sqlstore: restore %s: %w", table, err)
		}
		counts[table] += int64(n)
		total += int64(n)
		args = args[:0]
		return nil
	}
	for {
		var line any
		if err := dec.Decode(&line); err == io.EOF {
			return errCorrupt(errors.New("the dump ends before its end line"))
		} else if err != nil {
			return errDump(err)
		}
		switch v := line.(type) {
		case []any:
			if table == "" || len(v) != len(cols) {
				return errCorrupt(fmt.Errorf("row of %d values in table %q of %d columns", len(v), table, len(cols)))
			}
			for _, x := range v {
				val, err := decodeValue(x)
				if err != nil {
					return errCorrupt(fmt.Errorf("table %s: %w", table, err))
				}
				args = append(args, val)
			}
			if len(args)+len(cols) > batchParams {
				if err := flush(); err != nil {
					return err
				}
			}
		case map[string]any:
			if err := flush(); err != nil {
				return err
			}
			if end, _ := v["end"].(bool); end {
				rows, _ := v["rows"].(json.Number)
				if want, err := rows.Int64(); err != nil || want != total {
					return errCorrupt(fmt.Errorf("end line counts %v rows, read %d", v["rows"], total))
				}
				// Read to EOF so gzip verifies its checksum and length.
				if _, err := io.Copy(io.Discard, io.MultiReader(dec.Buffered(), r)); err != nil {
					return errDump(err)
				}
				return nil
			}
			if table, cols, err = sectionOf(v, known); err != nil {
				return err
			}
		default:
			return errCorrupt(fmt.Errorf("unexpected line %v", line))
		}
	}
}

// sectionOf checks a table line against the target schema; names come from a
// file, so only names the database itself reported are ever put in SQL.
func sectionOf(v map[string]any, known map[string]map[string]bool) (string, []string, error) {
	table, _ := v["table"].(string)
	have, ok := known[table]
	if !ok {
		return "", nil, hitori.Errorf(hitori.EINVALID, "the backup holds table %q, which this hitori's schema lacks", table)
	}
	raw, _ := v["columns"].([]any)
	cols := make([]string, len(raw))
	for i, c := range raw {
		cols[i], _ = c.(string)
		if !have[cols[i]] {
			return "", nil, hitori.Errorf(hitori.EINVALID, "the backup holds column %s.%v, which this hitori's schema lacks", table, c)
		}
	}
	if len(cols) == 0 {
		return "", nil, errCorrupt(fmt.Errorf("table %s has no columns", table))
	}
	return table, cols, nil
}

// querier is what table discovery needs: a *sql.DB or a *sql.Tx.
type querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

type tableInfo struct {
	name string
	cols []string
}

// listTables discovers the tables rather than listing them here, so tables
// added by later migrations are backed up without touching this code. Parents
// come before the tables that reference them, so rows restore in order.
func listTables(ctx context.Context, q querier, dialect string) ([]tableInfo, error) {
	list := sqliteTables
	if dialect == Postgres {
		list = pgTables
	}
	tables, deps, err := list(ctx, q)
	if err != nil {
		return nil, err
	}
	byName := map[string]tableInfo{}
	for _, t := range tables {
		byName[t.name] = t
	}
	var out []tableInfo
	seen := map[string]bool{}
	var visit func(string)
	visit = func(name string) {
		if seen[name] {
			return // done, or a cycle: the database reports that one on insert
		}
		seen[name] = true
		for _, parent := range deps[name] {
			if _, ok := byName[parent]; ok {
				visit(parent)
			}
		}
		out = append(out, byName[name])
	}
	for _, t := range tables {
		visit(t.name)
	}
	return out, nil
}

// requireEmpty refuses a target holding any row, so a restore never mixes with
// or replaces live data; schema_migrations alone just means a migrated, empty database.
func requireEmpty(ctx context.Context, q querier, dialect string) error {
	tables, err := listTables(ctx, q, dialect)
	if err != nil {
		return err
	}
	for _, t := range tables {
		var has bool
		if t.name == "schema_migrations" {
			continue
		}
		if err := q.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM `+quoteIdent(t.name)+`)`).Scan(&has); err != nil {
			return fmt.Errorf("sqlstore: restore: check target: %w", err)
		}
		if has {
			return hitori.Errorf(hitori.ECONFLICT, "the target database is not empty (table %s has rows): restore only into a new, empty database", t.name)
		}
	}
	return nil
}

// countRows reports rows per table, for Restore's summary.
func countRows(ctx context.Context, q querier, dialect string) (map[string]int64, error) {
	tables, err := listTables(ctx, q, dialect)
	if err != nil {
		return nil, err
	}
	counts := map[string]int64{}
	for _, t := range tables {
		var n int64
		if err := q.QueryRowContext(ctx, `SELECT COUNT(*) FROM `+quoteIdent(t.name)).Scan(&n); err != nil {
			return nil, fmt.Errorf("sqlstore: count %s: %w", t.name, err)
		}
		counts[t.name] = n
	}
	return counts, nil
}

func quoteIdent(name string) string { return `"` + strings.ReplaceAll(name, `"`, `""`) + `"` }

func quoteIdents(names []string) string {
	quoted := make([]string, len(names))
	for i, n := range names {
		quoted[i] = quoteIdent(n)
	}
	return strings.Join(quoted, ", ")
}
