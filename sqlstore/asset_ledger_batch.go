package sqlstore

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"

	"hitori"
)

// A ledger import works through its rows in chunks: the assets a chunk's
// rows match are read (and on PostgreSQL locked) in one query before the
// chunk, and the chunk's history entries are written in one statement
// after it. A row then costs at most one statement of its own: the INSERT
// of a new asset or the UPDATE of a changed one; an unchanged row costs
// none.

// ledgerChunk is how many rows share a read and a history write.
const ledgerChunk = 500

// prefetch reads the assets the rows match now. A row that matches an
// asset created or changed earlier in its chunk reads it itself (see
// ledgerImport.asset).
func (imp *ledgerImport) prefetch(ctx context.Context, rows []hitori.LedgerRow) error {
	clear(imp.cache)
	var ids []any
	seen := map[int64]bool{}
	for i := range rows {
		if id := imp.keys.match(rows[i].Asset); id != 0 && !seen[id] {
			seen[id] = true
			ids = append(ids, id)
		}
	}
	if len(ids) == 0 {
		return nil
	}
	q := `SELECT ` + assetColumns + assetFrom + ` WHERE a.id IN (` + placeholders(1, len(ids)) + `)`
	if imp.dialect == Postgres {
		// The rows are written from what was read here: hold them against
		// concurrent edits until the import commits. SQLite's single writer
		// needs no lock.
		q += ` FOR UPDATE OF a`
	}
	rs, err := imp.tx.QueryContext(ctx, q, ids...)
	if err != nil {
		return fmt.Errorf("sqlstore: ledger import: read assets: %w", err)
	}
	defer rs.Close()
	for rs.Next() {
		a, err := scanAsset(rs)
		if err != nil {
			return fmt.Errorf("sqlstore: ledger import: read assets: %w", err)
		}
		imp.cache[a.ID] = a
	}
	return rs.Err()
}

// asset is the stored asset id as the import's transaction sees it.
func (imp *ledgerImport) asset(ctx context.Context, id int64) (*hitori.Asset, error) {
	if a := imp.cache[id]; a != nil {
		return a, nil
	}
	return loadAsset(ctx, imp.tx, id, true)
}

// ledgerEvent is a history entry of the import waiting for its chunk's end.
type ledgerEvent struct {
	assetID int64
	changes []hitori.FieldChange
}

// flushEvents writes the chunk's history entries, in row order, in one
// statement: they share their time, actor, kind and note, and the rest
// travels as one JSON object {"0": [asset_id, changes], …}.
func (imp *ledgerImport) flushEvents(ctx context.Context) error {
	if len(imp.events) == 0 {
		return nil
	}
	rows := make(map[string][2]any, len(imp.events))
	for i, e := range imp.events {
		changes := "[]"
		if len(e.changes) > 0 {
			b, err := json.Marshal(e.changes)
			if err != nil {
				return fmt.Errorf("sqlstore: asset events: %w", err)
			}
			changes = string(b)
		}
		rows[strconv.Itoa(i)] = [2]any{e.assetID, changes}
	}
	doc, err := json.Marshal(rows)
	if err != nil {
		return fmt.Errorf("sqlstore: asset events: %w", err)
	}
	_, err = imp.tx.ExecContext(ctx, `INSERT INTO asset_events (asset_id, at, actor_id, kind, changes, note)
		SELECT CAST(r.value ->> 0 AS BIGINT), $1, $2, $3, r.value ->> 1, $4 FROM json_each($5) r ORDER BY CAST(r.key AS BIGINT)`,
		imp.now.UTC(), zeroNull(imp.opt.ActorID), string(hitori.AssetImported), imp.opt.Note, string(doc))
	if err != nil {
		return fmt.Errorf("sqlstore: asset events: %w", err)
	}
	imp.events = imp.events[:0]
	return nil
}
