package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"hitori"
)

// changesChannel is the NOTIFY channel of every hitori write that changes
// shared data. Channels belong to the database, not the schema, so hitori
// installs in two schemas of one database hear each other: listeners compare
// versions in their own schema rather than trusting the payload.
const changesChannel = "hitori_changes"

// firstBackoff is the first wait before reconnecting a lost listener; it
// doubles up to Changes.MaxBackoff while the server stays unreachable.
const firstBackoff = 250 * time.Millisecond

// notifyChange tells PostgreSQL listeners about the change at commit, and
// not at all on rollback, just like the version it accompanies.
func notifyChange(ctx context.Context, tx *sql.Tx, dialect string, t hitori.Topic) error {
	if dialect != Postgres {
		return nil
	}
	if _, err := tx.ExecContext(ctx, `SELECT pg_notify('`+changesChannel+`', $1)`, string(t)); err != nil {
		return fmt.Errorf("sqlstore: notify change of %s: %w", t, err)
	}
	return nil
}

// watchPostgres listens on a connection of its own (a pooled one would go
// back to the pool still listening) and reconnects with backoff when the
// connection is lost, catching up on what changed meanwhile.
func (c *Changes) watchPostgres(ctx context.Context, fn func(hitori.Topic)) error {
	seen := map[hitori.Topic]int64{}
	backoff, lost, first := firstBackoff, false, true
	for {
		err := c.listen(ctx, seen, first, fn, func() {
			if lost {
				c.log.Info("changes: listening again")
			}
			backoff, lost, first = firstBackoff, false, false
		})
		if ctx.Err() != nil {
			return ctx.Err()
		}
		lost = true
		c.log.Warn("changes: listener connection lost; reconnecting", "err", err, "in", backoff)
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(backoff):
		}
		backoff = min(backoff*2, c.MaxBackoff)
	}
}

// listen runs one connection's life. LISTEN comes before the catch-up read,
// so a change committed in between is read, notified, or both, never lost.
// The first connection reports every topic (see Watch); a later one, the
// topics whose versions moved while no connection was listening.
func (c *Changes) listen(ctx context.Context, seen map[hitori.Topic]int64, first bool, fn func(hitori.Topic), connected func()) error {
	cfg, err := pgx.ParseConfig(c.db.DSN)
	if err != nil {
		return err
	}
	if cfg.RuntimeParams["application_name"] == "" {
		cfg.RuntimeParams["application_name"] = "hitori changes" // easy to spot in pg_stat_activity
	}
	conn, err := pgx.ConnectConfig(ctx, cfg)
	if err != nil {
		return err
	}
	defer func() {
		closeCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), time.Second)
		defer cancel()
		conn.Close(closeCtx)
	}()
	if _, err := conn.Exec(ctx, `LISTEN `+changesChannel); err != nil {
		return err
	}
	if err := c.catchUp(ctx, seen, first, fn); err != nil {
		return err
	}
	connected()
	for {
		wait, cancel := context.WithTimeout(ctx, c.Heartbeat)
		_, err := conn.WaitForNotification(wait)
		cancel()
		switch {
		case ctx.Err() != nil:
			return ctx.Err()
		case err != nil && wait.Err() == nil:
			return err // the connection broke
		case err != nil:
			// Quiet for a while: a connection dropped without a word
			// (a firewall's idle timeout) would wait forever, so ask.
			if err := conn.Ping(ctx); err != nil {
				return err
			}
		}
		if err := c.catchUp(ctx, seen, false, fn); err != nil {
			return err
		}
	}
}
