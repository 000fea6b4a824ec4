package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"hitori"
)

// SeedItem is an item with its timeline, for SeedItems.
type SeedItem struct {
	Item   *hitori.Item
	Events []*hitori.Event // ItemID is filled in
}

// seedRows is how many rows one multi-row INSERT carries: 500 items × 27
// columns stays under SQLite's 32,766 and PostgreSQL's 65,535 parameters.
const seedRows = 500

// SeedItems writes generated items as they are (any status, past dates, ids
// assigned here) in one transaction, with multi-row INSERTs: hitori seed uses
// it to fill a database for benchmarks and demonstrations, where CreateItem's
// one-row-at-a-time workflow would take hours for a million items. Only the
// system or an administrator may seed; items are validated but their
// workflow fields are trusted. MinutesSpent is recomputed from the events.
func (s *Items) SeedItems(ctx context.Context, batch []SeedItem) error {
	if u := hitori.UserFromContext(ctx); u != nil && u.Role != hitori.RoleAdmin {
		return hitori.KeyError(hitori.EFORBIDDEN, "error.forbidden")
	}
	for _, si := range batch {
		if err := si.Item.Validate(); err != nil {
			return err
		}
		si.Item.MinutesSpent = 0
		for _, e := range si.Events {
			si.Item.MinutesSpent += e.Minutes
		}
	}
	return s.db.write(ctx, func(tx *sql.Tx) error {
		ids, err := s.reserveItemIDs(ctx, tx, len(batch))
		if err != nil {
			return err
		}
		var events []*hitori.Event
		for i, si := range batch {
			si.Item.ID = ids[i]
			for _, e := range si.Events {
				e.ItemID = si.Item.ID
				events = append(events, e)
			}
		}
		for start := 0; start < len(batch); start += seedRows {
			chunk := batch[start:min(start+seedRows, len(batch))]
			args := make([]any, 0, len(chunk)*(itemInsertCount+1))
			for _, si := range chunk {
				args = append(append(args, si.Item.ID), itemValues(si.Item)...)
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO items (id, `+itemInsertColumns+`) VALUES `+
				s.valueRows(len(chunk), itemInsertCount+1), args...); err != nil {
				return fmt.Errorf("sqlstore: seed items: %w", err)
			}
		}
		for start := 0; start < len(events); start += seedRows {
			chunk := events[start:min(start+seedRows, len(events))]
			args := make([]any, 0, len(chunk)*11)
			for _, e := range chunk {
				args = append(args, e.ItemID, string(e.Kind), idArg(e.AuthorID), e.Author, e.Body, e.Field, e.Old, e.New,
					e.Minutes, textArg(e.MessageID), e.CreatedAt.UTC())
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO item_events (item_id, kind, author_id, author, body, field, old_value,
				new_value, minutes, message_id, created_at) VALUES `+s.valueRows(len(chunk), 11), args...); err != nil {
				return fmt.Errorf("sqlstore: seed item events: %w", err)
			}
		}
		return nil
	})
}

// reserveItemIDs hands out n unused item ids. PostgreSQL draws them from the
// identity sequence, so other processes inserting meanwhile cannot collide;
// SQLite's write transaction is exclusive, so counting on from the highest id
// (or the AUTOINCREMENT counter, if higher) is safe.
func (s *Items) reserveItemIDs(ctx context.Context, tx *sql.Tx, n int) ([]int64, error) {
	ids := make([]int64, 0, n)
	if s.db.Dialect == Postgres {
		rows, err := tx.QueryContext(ctx, `SELECT nextval(pg_get_serial_sequence('items', 'id')) FROM generate_series(1, $1)`, n)
		if err != nil {
			return nil, fmt.Errorf("sqlstore: reserve item ids: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			var id int64
			if err := rows.Scan(&id); err != nil {
				return nil, err
			}
			ids = append(ids, id)
		}
		return ids, rows.Err()
	}
	var last int64
	err := tx.QueryRowContext(ctx, `SELECT MAX(n) FROM (SELECT COALESCE(MAX(id), 0) AS n FROM items
		UNION ALL SELECT COALESCE(MAX(seq), 0) FROM sqlite_sequence WHERE name = 'items') AS t`).Scan(&last)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: reserve item ids: %w", err)
	}
	for i := 1; i <= n; i++ {
		ids = append(ids, last+int64(i))
	}
	return ids, nil
}

// valueRows returns "($1, …, $cols), ($cols+1, …), …" for a multi-row
// INSERT. SQLite gets plain "?" instead: it treats "$N" as a parameter name
// and looks each one up in a list, which made a 13,500-parameter statement
// spend 95% of its time preparing and binding (quadratic in the count).
func (s *Items) valueRows(rows, cols int) string {
	one := "(" + strings.TrimSuffix(strings.Repeat("?, ", cols), ", ") + ")"
	var b strings.Builder
	for r := 0; r < rows; r++ {
		if r > 0 {
			b.WriteString(", ")
		}
		if s.db.Dialect == SQLite {
			b.WriteString(one)
		} else {
			b.WriteString("(" + placeholders(r*cols+1, cols) + ")")
		}
	}
	return b.String()
}
