package sqlstore

import (
	"context"
	"database/sql"
	"fmt"

	"hitori"
)

// InMailBatch writes several messages in one write transaction, each fn in
// a savepoint of its own: a fn that fails leaves nothing of its message
// behind and its error is returned at its index, while the others commit
// together. Mail intake commits files of mail this way, so a run pays for
// one commit per batch instead of one per message. err reports a failure
// of the transaction itself (begin, savepoint, commit, a cancelled
// context); then nothing at all was written.
func (s *MailLog) InMailBatch(ctx context.Context, fns []func(hitori.MailTx) error) (errs []error, err error) {
	if u := hitori.UserFromContext(ctx); u != nil {
		return nil, hitori.KeyError(hitori.EFORBIDDEN, "error.forbidden") // intake runs as the system
	}
	errs = make([]error, len(fns))
	err = s.db.write(ctx, func(tx *sql.Tx) error {
		mt := &mailTx{db: s.db, tx: tx, now: s.db.now()}
		for i, fn := range fns {
			if _, err := tx.ExecContext(ctx, `SAVEPOINT mail_message`); err != nil {
				return fmt.Errorf("sqlstore: savepoint: %w", err)
			}
			if errs[i] = fn(mt); errs[i] != nil {
				if _, err := tx.ExecContext(ctx, `ROLLBACK TO SAVEPOINT mail_message`); err != nil {
					return fmt.Errorf("sqlstore: rollback to savepoint: %w", err)
				}
			}
			if _, err := tx.ExecContext(ctx, `RELEASE SAVEPOINT mail_message`); err != nil {
				return fmt.Errorf("sqlstore: release savepoint: %w", err)
			}
		}
		return ctx.Err() // a context cancelled in between commits nothing
	})
	if err != nil {
		return nil, err
	}
	return errs, nil
}
