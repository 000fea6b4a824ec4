package sqlstore

import (
	"context"
	"time"

	"hitori"
)

// watchSQLite reads the changes table every c.Every. Processes sharing a
// SQLite file run on one machine, and the read is one scan of a table of a
// few rows from pages already in the OS cache, so polling costs next to
// nothing and needs no notification channel, which SQLite does not have.
//
// This loop is not a job of the job engine on purpose: the engine runs each
// job once across all processes, but every process must see every change to
// refresh its own in-memory copies (search index, synonyms, settings). It is
// the SQLite half of the one change watcher; PostgreSQL's half LISTENs.
func (c *Changes) watchSQLite(ctx context.Context, fn func(hitori.Topic)) error {
	seen := map[hitori.Topic]int64{}
	all := true // until the first read succeeds, every topic is news
	t := time.NewTicker(c.Every)
	defer t.Stop()
	for {
		if err := c.catchUp(ctx, seen, all, fn); err != nil {
			if ctx.Err() != nil {
				return ctx.Err()
			}
			c.log.Warn("changes: read versions; trying again", "err", err)
		} else {
			all = false
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-t.C:
		}
	}
}
