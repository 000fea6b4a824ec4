package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
)

// ScanTableForTest returns every value of every row of table as text,
// each as "column=value": tests look in it for secrets stored in the clear.
func (db *DB) ScanTableForTest(ctx context.Context, table string) ([]string, error) {
	rows, err := db.r.QueryContext(ctx, `SELECT * FROM `+table)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return nil, err
	}
	var out []string
	for rows.Next() {
		vals := make([]sql.NullString, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			return nil, fmt.Errorf("sqlstore: scan %s: %w", table, err)
		}
		for i, v := range vals {
			out = append(out, cols[i]+"="+v.String)
		}
	}
	return out, rows.Err()
}
