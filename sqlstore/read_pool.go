package sqlstore

import (
	"context"
	"database/sql"
	"sync/atomic"
)

// readPool is the pool reads go through (SQLite's readers; PostgreSQL's one
// pool). It counts the statements it runs, so tests can hold a page to the
// number of queries it was designed for (ReadsForTest).
type readPool struct {
	*sql.DB
	queries atomic.Int64
}

func (p *readPool) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	p.queries.Add(1)
	return p.DB.QueryContext(ctx, query, args...)
}

func (p *readPool) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	p.queries.Add(1)
	return p.DB.QueryRowContext(ctx, query, args...)
}
