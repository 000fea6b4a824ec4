package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"log/slog"
	"strings"

	"hitori"
)

var _ hitori.AuditService = (*Audit)(nil)

// Audit records and reads the audit log (hitori.AuditService).
type Audit struct{ db *DB }

// Audit returns the Audit store.
func (db *DB) Audit() *Audit { return &Audit{db: db} }

// RecordAudit appends one event.
func (s *Audit) RecordAudit(ctx context.Context, e *hitori.AuditEvent) error {
	if e.At.IsZero() {
		e.At = s.db.now()
	}
	return s.db.write(ctx, func(tx *sql.Tx) error {
		return tx.QueryRowContext(ctx, `INSERT INTO audit_events (at, actor_id, actor_email, action, target, ip, detail)
			VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`, e.At, e.ActorID, truncate(e.ActorEmail, 254), e.Action,
			truncate(e.Target, 500), truncate(e.IP, 64), truncate(e.Detail, 2000)).Scan(&e.ID)
	})
}

// audit records an event from inside the store; a failure is logged, not returned,
// because the action it describes has already happened.
func (db *DB) audit(ctx context.Context, actorID *int64, actorEmail, action, target, ip, detail string) {
	if actorEmail == "" && actorID != nil {
		_ = db.r.QueryRowContext(ctx, `SELECT email FROM users WHERE id = $1`, *actorID).Scan(&actorEmail)
	}
	err := db.Audit().RecordAudit(ctx, &hitori.AuditEvent{ActorID: actorID, ActorEmail: actorEmail, Action: action, Target: target, IP: ip, Detail: detail})
	if err != nil {
		slog.ErrorContext(ctx, "audit record failed", "action", action, "err", err)
	}
}

// FindAuditEvents lists events matching f, newest first, and the total count.
func (s *Audit) FindAuditEvents(ctx context.Context, f hitori.AuditFilter) ([]*hitori.AuditEvent, int, error) {
	offset, limit := hitori.Page(f.Offset, f.Limit, 50, 500)
	var conds []string
	var args []any
	add := func(cond string, v any) {
		args = append(args, v)
		conds = append(conds, fmt.Sprintf(cond, len(args)))
	}
	if f.Action != "" {
		add("action = $%d", f.Action)
	}
	if f.Actor != "" {
		add(`LOWER(actor_email) LIKE $%d ESCAPE '\'`, "%"+escapeLike(strings.ToLower(f.Actor))+"%")
	}
	if !f.Since.IsZero() {
		add("at >= $%d", f.Since.UTC())
	}
	if !f.Until.IsZero() {
		add("at < $%d", f.Until.UTC())
	}
	where := ""
	if len(conds) > 0 {
		where = "WHERE " + strings.Join(conds, " AND ")
	}
	var total int
	if err := s.db.r.QueryRowContext(ctx, `SELECT COUNT(*) FROM audit_events `+where, args...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("sqlstore: count audit: %w", err)
	}
	args = append(args, limit, offset)
	rows, err := s.db.r.QueryContext(ctx, fmt.Sprintf(`SELECT id, at, actor_id, actor_email, action, target, ip, detail FROM audit_events %s
		ORDER BY at DESC, id DESC LIMIT $%d OFFSET $%d`, where, len(args)-1, len(args)), args...)
	if err != nil {
		return nil, 0, fmt.Errorf("sqlstore: find audit: %w", err)
	}
	defer rows.Close()
	var es []*hitori.AuditEvent
	for rows.Next() {
		e := &hitori.AuditEvent{}
		var actor sql.NullInt64
		if err := rows.Scan(&e.ID, &e.At, &actor, &e.ActorEmail, &e.Action, &e.Target, &e.IP, &e.Detail); err != nil {
			return nil, 0, err
		}
		e.At = e.At.UTC()
		if actor.Valid {
			e.ActorID = &actor.Int64
		}
		es = append(es, e)
	}
	return es, total, rows.Err()
}
