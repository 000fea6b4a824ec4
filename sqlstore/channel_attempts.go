package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"time"

	"hitori"
)

// attemptsKept is how many attempts each channel keeps: enough history to
// see a pattern, bounded however chatty an outage is.
const attemptsKept = 1000

const attemptColumns = `id, channel_id, job_id, attempt, at, outcome, http_status, error, duration_ms, severity, subject`

func scanAttempt(row scanner) (*hitori.NotifyAttempt, error) {
	a := &hitori.NotifyAttempt{}
	var ms int64
	if err := row.Scan(&a.ID, &a.ChannelID, &a.JobID, &a.Attempt, &a.At, &a.Outcome, &a.HTTPStatus, &a.Error, &ms,
		&a.Severity, &a.Subject); err != nil {
		return nil, err
	}
	a.At, a.Duration = a.At.UTC(), time.Duration(ms)*time.Millisecond
	return a, nil
}

// RecordAttempt stores an attempt, moves the channel's health with it and
// drops the channel's attempts beyond the newest attemptsKept, in one
// transaction.
func (s *Channels) RecordAttempt(ctx context.Context, a *hitori.NotifyAttempt) error {
	if a.At.IsZero() {
		a.At = s.db.now()
	}
	a.At = a.At.UTC().Truncate(time.Microsecond)
	ok := a.Outcome == hitori.AttemptSent
	err := s.db.write(ctx, func(tx *sql.Tx) error {
		err := tx.QueryRowContext(ctx, `INSERT INTO notify_attempts (channel_id, job_id, attempt, at, outcome, http_status,
			error, duration_ms, severity, subject) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
			a.ChannelID, a.JobID, a.Attempt, a.At, a.Outcome, a.HTTPStatus, truncate(a.Error, hitori.ChannelErrorMax),
			a.Duration.Milliseconds(), truncate(a.Severity, 20), truncate(a.Subject, 200)).Scan(&a.ID)
		if err != nil {
			return err
		}
		if ok {
			_, err = tx.ExecContext(ctx, `UPDATE channels SET last_at = $1, last_ok = $2, last_error = '', fail_streak = 0
				WHERE id = $3`, a.At, true, a.ChannelID)
		} else {
			_, err = tx.ExecContext(ctx, `UPDATE channels SET last_at = $1, last_ok = $2, last_error = $3,
				fail_streak = fail_streak + 1 WHERE id = $4`, a.At, false, truncate(a.Error, hitori.ChannelErrorMax), a.ChannelID)
		}
		if err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `DELETE FROM notify_attempts WHERE channel_id = $1 AND id <= (
			SELECT id FROM notify_attempts WHERE channel_id = $1 ORDER BY id DESC LIMIT 1 OFFSET $2)`, a.ChannelID, attemptsKept)
		return err
	})
	if err != nil {
		return fmt.Errorf("sqlstore: record notify attempt: %w", err)
	}
	return nil
}

// ChannelAttempts lists a channel's attempts, newest first, and their number.
func (s *Channels) ChannelAttempts(ctx context.Context, channelID int64, offset, limit int) ([]*hitori.NotifyAttempt, int, error) {
	if _, err := adminActor(ctx); err != nil {
		return nil, 0, err
	}
	offset, limit = hitori.Page(offset, limit, 50, 200)
	var total int
	if err := s.db.r.QueryRowContext(ctx, `SELECT COUNT(*) FROM notify_attempts WHERE channel_id = $1`, channelID).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("sqlstore: count notify attempts: %w", err)
	}
	list, err := s.attempts(ctx, `SELECT `+attemptColumns+` FROM notify_attempts WHERE channel_id = $1
		ORDER BY id DESC LIMIT $2 OFFSET $3`, channelID, limit, offset)
	return list, total, err
}

// JobAttempts lists the attempts of one job, oldest first.
func (s *Channels) JobAttempts(ctx context.Context, jobID int64) ([]*hitori.NotifyAttempt, error) {
	if _, err := adminActor(ctx); err != nil {
		return nil, err
	}
	return s.attempts(ctx, `SELECT `+attemptColumns+` FROM notify_attempts WHERE job_id = $1 ORDER BY id LIMIT 100`, jobID)
}

func (s *Channels) attempts(ctx context.Context, query string, args ...any) ([]*hitori.NotifyAttempt, error) {
	rows, err := s.db.r.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: find notify attempts: %w", err)
	}
	defer rows.Close()
	var out []*hitori.NotifyAttempt
	for rows.Next() {
		a, err := scanAttempt(rows)
		if err != nil {
			return nil, fmt.Errorf("sqlstore: find notify attempts: %w", err)
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

// testAttempts is how often a test message is tried: a test wants an
// answer soon, not a retry an hour later.
const testAttempts = 3

// SendTest queues a notify.send job of msg to the channel, and audits it,
// in one transaction; it returns the job's ID.
func (s *Channels) SendTest(ctx context.Context, id int64, msg hitori.NotifyMessage) (int64, error) {
	u, err := adminActor(ctx)
	if err != nil {
		return 0, err
	}
	msg.Severity = "test"
	payload, err := json.Marshal(hitori.NotifyPayload{ChannelID: id, Message: msg})
	if err != nil {
		return 0, fmt.Errorf("sqlstore: test channel %d: %w", id, err)
	}
	now := s.db.now()
	j := &hitori.Job{Kind: hitori.JobNotifySend, Payload: string(payload), MaxAttempts: testAttempts}
	err = s.db.write(ctx, func(tx *sql.Tx) error {
		var name string
		if err := tx.QueryRowContext(ctx, `SELECT name FROM channels WHERE id = $1`, id).Scan(&name); err != nil {
			return notFound(err, "channel")
		}
		if err := enqueueTx(ctx, tx, now, j); err != nil {
			return err
		}
		return auditTx(ctx, tx, now, u, hitori.AuditChannelTest, channelTarget(id), "", name)
	})
	return j.ID, err
}
