package sqlstore

import (
	"bufio"
	"compress/gzip"
	"context"
	"database/sql"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// The logical dump is PostgreSQL's backup format (no pg_dump to install or
// match versions with); restoring a SQLite file into PostgreSQL streams one too.

// backupPostgres dumps every table from one REPEATABLE READ snapshot, which
// sees exactly the transactions committed before it began and blocks no writer.
func (db *DB) backupPostgres(ctx context.Context, path string) error {
	return replaceFile(path, func(tmp string) error {
		f, err := os.OpenFile(tmp, os.O_WRONLY|os.O_TRUNC, 0)
		if err != nil {
			return fmt.Errorf("sqlstore: backup: %w", err)
		}
		defer f.Close()
		tx, err := db.r.BeginTx(ctx, &sql.TxOptions{Isolation: sql.LevelRepeatableRead, ReadOnly: true})
		if err != nil {
			return fmt.Errorf("sqlstore: backup: begin: %w", err)
		}
		defer tx.Rollback()
		bw := bufio.NewWriterSize(f, 1<<16)
		zw := gzip.NewWriter(bw)
		if err := writeDump(ctx, tx, db.Dialect, zw, db.now()); err != nil {
			return err
		}
		if err := zw.Close(); err != nil {
			return fmt.Errorf("sqlstore: backup: %w", err)
		}
		if err := bw.Flush(); err != nil {
			return fmt.Errorf("sqlstore: backup: %w", err)
		}
		return f.Close()
	})
}

// writeDump writes every user table visible to tx as uncompressed JSON lines.
func writeDump(ctx context.Context, tx *sql.Tx, dialect string, w io.Writer, created time.Time) error {
	h := dumpHeader{Format: dumpFormat, Version: dumpVersion, Dialect: dialect, Created: created.UTC()}
	if err := tx.QueryRowContext(ctx, `SELECT COALESCE(MAX(version), 0) FROM schema_migrations`).Scan(&h.Schema); err != nil {
		return fmt.Errorf("sqlstore: backup: read schema version: %w", err)
	}
	tables, err := listTables(ctx, tx, dialect)
	if err != nil {
		return err
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(h); err != nil {
		return err
	}
	var total int64
	for _, t := range tables {
		if err := enc.Encode(dumpSection{Table: t.name, Columns: t.cols}); err != nil {
			return err
		}
		n, err := dumpTable(ctx, tx, t, enc)
		if err != nil {
			return fmt.Errorf("sqlstore: backup %s: %w", t.name, err)
		}
		total += n
	}
	return enc.Encode(dumpEnd{End: true, Rows: total})
}

func dumpTable(ctx context.Context, tx *sql.Tx, t tableInfo, enc *json.Encoder) (int64, error) {
	rows, err := tx.QueryContext(ctx, `SELECT `+quoteIdents(t.cols)+` FROM `+quoteIdent(t.name))
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	types, err := rows.ColumnTypes()
	if err != nil {
		return 0, err
	}
	vals, ptrs := make([]any, len(t.cols)), make([]any, len(t.cols))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	var n int64
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			return n, err
		}
		out := make([]any, len(vals))
		for i, v := range vals {
			// SQLite hands BOOLEAN columns back as integers; PostgreSQL would refuse them.
			if x, ok := v.(int64); ok && strings.HasPrefix(types[i].DatabaseTypeName(), "BOOL") {
				v = x != 0
			}
			if out[i], err = encodeValue(v); err != nil {
				return n, fmt.Errorf("column %s: %w", t.cols[i], err)
			}
		}
		if err := enc.Encode(out); err != nil {
			return n, err
		}
		n++
	}
	return n, rows.Err()
}

// encodeValue tags the values JSON would lose: times, bytes, floats (NaN and
// exactness) and strings that are not UTF-8 (JSON would replace the bad bytes).
func encodeValue(v any) (any, error) {
	switch x := v.(type) {
	case nil, bool, int64:
		return x, nil
	case string:
		if !utf8.ValidString(x) {
			return map[string]string{"s": base64.StdEncoding.EncodeToString([]byte(x))}, nil
		}
		return x, nil
	case time.Time:
		return map[string]string{"t": x.UTC().Format(time.RFC3339Nano)}, nil
	case []byte:
		return map[string]string{"b": base64.StdEncoding.EncodeToString(x)}, nil
	case float64:
		return map[string]string{"f": strconv.FormatFloat(x, 'g', -1, 64)}, nil
	}
	return nil, fmt.Errorf("unsupported value type %T", v)
}

// decodeValue reverses encodeValue on a value decoded with UseNumber.
func decodeValue(v any) (any, error) {
	switch x := v.(type) {
	case nil, bool, string:
		return x, nil
	case json.Number:
		return x.Int64()
	case map[string]any:
		for tag, raw := range x {
			s, ok := raw.(string)
			if !ok || len(x) != 1 {
				break
			}
			switch tag {
			case "t":
				return time.Parse(time.RFC3339Nano, s)
			case "b":
				return base64.StdEncoding.DecodeString(s)
			case "s":
				b, err := base64.StdEncoding.DecodeString(s)
				return string(b), err
			case "f":
				return strconv.ParseFloat(s, 64)
			}
		}
	}
	return nil, fmt.Errorf("unknown value %v", v)
}

// pgTables lists the current schema's tables with their stored (not generated)
// columns, and which tables each one references.
func pgTables(ctx context.Context, q querier) ([]tableInfo, map[string][]string, error) {
	rows, err := q.QueryContext(ctx, `SELECT c.table_name, c.column_name FROM information_schema.columns c
		JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
		WHERE c.table_schema = current_schema() AND t.table_type = 'BASE TABLE' AND c.is_generated = 'NEVER'
		ORDER BY c.table_name, c.ordinal_position`)
	if err != nil {
		return nil, nil, fmt.Errorf("sqlstore: list tables: %w", err)
	}
	var tables []tableInfo
	err = scanPairs(rows, func(table, col string) {
		if len(tables) == 0 || tables[len(tables)-1].name != table {
			tables = append(tables, tableInfo{name: table})
		}
		tables[len(tables)-1].cols = append(tables[len(tables)-1].cols, col)
	})
	if err != nil {
		return nil, nil, fmt.Errorf("sqlstore: list tables: %w", err)
	}
	rows, err = q.QueryContext(ctx, `SELECT c.relname, p.relname FROM pg_constraint k
		JOIN pg_class c ON c.oid = k.conrelid JOIN pg_class p ON p.oid = k.confrelid
		JOIN pg_namespace n ON n.oid = c.relnamespace
		WHERE k.contype = 'f' AND n.nspname = current_schema()`)
	if err != nil {
		return nil, nil, fmt.Errorf("sqlstore: list foreign keys: %w", err)
	}
	deps := map[string][]string{}
	err = scanPairs(rows, func(child, parent string) { deps[child] = append(deps[child], parent) })
	return tables, deps, err
}

// deferForeignKeysPostgres drops the schema's foreign keys for the load and
// returns the check that adds them back: re-adding checks every row at once, so
// rows may arrive in any order (an item merged into a later item), as with pg_dump.
func deferForeignKeysPostgres(ctx context.Context, tx *sql.Tx) (func() error, error) {
	rows, err := tx.QueryContext(ctx, `SELECT c.relname, k.conname, pg_get_constraintdef(k.oid) FROM pg_constraint k
		JOIN pg_class c ON c.oid = k.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
		WHERE k.contype = 'f' AND n.nspname = current_schema()`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var drop, add []string
	for rows.Next() {
		var table, name, def string
		if err := rows.Scan(&table, &name, &def); err != nil {
			return nil, err
		}
		alter := `ALTER TABLE ` + quoteIdent(table)
		drop = append(drop, alter+` DROP CONSTRAINT `+quoteIdent(name))
		add = append(add, alter+` ADD CONSTRAINT `+quoteIdent(name)+` `+def)
	}
	if err := rows.Close(); err != nil {
		return nil, err
	}
	for _, q := range drop {
		if _, err := tx.ExecContext(ctx, q); err != nil {
			return nil, err
		}
	}
	return func() error {
		for _, q := range add {
			if _, err := tx.ExecContext(ctx, q); err != nil {
				return err
			}
		}
		return nil
	}, nil
}

// resetSequences moves every identity and serial sequence past the restored
// ids, or the next insert would collide with a restored row.
func resetSequences(ctx context.Context, tx *sql.Tx) error {
	rows, err := tx.QueryContext(ctx, `SELECT table_name, column_name FROM information_schema.columns
		WHERE table_schema = current_schema() AND (is_identity = 'YES' OR column_default LIKE 'nextval(%')`)
	if err != nil {
		return fmt.Errorf("sqlstore: restore: list sequences: %w", err)
	}
	var seqs [][2]string
	if err := scanPairs(rows, func(table, col string) { seqs = append(seqs, [2]string{table, col}) }); err != nil {
		return fmt.Errorf("sqlstore: restore: list sequences: %w", err)
	}
	for _, s := range seqs {
		if _, err := tx.ExecContext(ctx, `SELECT setval(pg_get_serial_sequence($1, $2), COALESCE(MAX(`+quoteIdent(s[1])+`), 0) + 1, false) FROM `+
			quoteIdent(s[0]), quoteIdent(s[0]), s[1]); err != nil {
			return fmt.Errorf("sqlstore: restore: reset sequence of %s.%s: %w", s[0], s[1], err)
		}
	}
	return nil
}

// scanPairs reads two text columns per row and closes rows.
func scanPairs(rows *sql.Rows, fn func(a, b string)) error {
	defer rows.Close()
	for rows.Next() {
		var a, b string
		if err := rows.Scan(&a, &b); err != nil {
			return err
		}
		fn(a, b)
	}
	return rows.Err()
}
