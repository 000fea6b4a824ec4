package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"hitori"
)

var _ hitori.IncidentStore = (*Incidents)(nil)

// Incidents is the incidents and alerting store.
type Incidents struct{ db *DB }

// Incidents returns the incidents store.
func (db *DB) Incidents() *Incidents { return &Incidents{db: db} }

const incidentColumns = `i.id, i.monitor_id, i.title, i.status, i.opened_at, i.acked_at, i.acked_by, i.up_at, i.resolved_at,
	i.item_id, i.critical, i.step, i.step_at, i.remind_at, i.held, i.next_at, i.version`

func scanIncident(row scanner) (*hitori.Incident, error) {
	in := &hitori.Incident{}
	var status string
	var acked, up, resolved, step, remind, next sql.NullTime
	if err := row.Scan(&in.ID, &in.MonitorID, &in.Title, &status, &in.OpenedAt, &acked, &in.AckedBy, &up, &resolved,
		&in.ItemID, &in.Critical, &in.Step, &step, &remind, &in.Held, &next, &in.Version); err != nil {
		return nil, err
	}
	in.Status, in.OpenedAt = hitori.IncidentStatus(status), in.OpenedAt.UTC()
	in.AckedAt, in.UpAt, in.ResolvedAt = nullTime(acked), nullTime(up), nullTime(resolved)
	in.StepAt, in.RemindAt, in.NextAt = nullTime(step), nullTime(remind), nullTime(next)
	return in, nil
}

// OpenIncidents lists the incidents not yet resolved, newest first (no
// user check: the status page reads it).
func (s *Incidents) OpenIncidents(ctx context.Context) ([]*hitori.Incident, error) {
	return s.list(ctx, ` WHERE i.resolved_at IS NULL ORDER BY i.opened_at DESC, i.id DESC LIMIT 500`)
}

func (s *Incidents) list(ctx context.Context, tail string, args ...any) ([]*hitori.Incident, error) {
	rows, err := s.db.r.QueryContext(ctx, `SELECT `+incidentColumns+` FROM incidents i`+tail, args...)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: incidents: %w", err)
	}
	defer rows.Close()
	var out []*hitori.Incident
	for rows.Next() {
		in, err := scanIncident(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, in)
	}
	return out, rows.Err()
}

// FindIncidents lists one page of incidents and their count.
func (s *Incidents) FindIncidents(ctx context.Context, f hitori.IncidentFilter) ([]*hitori.Incident, int, error) {
	if _, err := staffActor(ctx); err != nil {
		return nil, 0, err
	}
	offset, limit := hitori.Page(f.Offset, f.Limit, 50, 500)
	var conds []string
	var args []any
	if f.OpenOnly {
		conds = append(conds, `i.resolved_at IS NULL`)
	}
	if f.MonitorID > 0 {
		args = append(args, f.MonitorID)
		conds = append(conds, fmt.Sprintf(`i.monitor_id = $%d`, len(args)))
	}
	if q := strings.TrimSpace(f.Query); q != "" {
		args = append(args, "%"+escapeLike(strings.ToLower(q))+"%")
		conds = append(conds, fmt.Sprintf(`LOWER(i.title) LIKE $%d ESCAPE '\'`, len(args)))
	}
	where := ""
	if len(conds) > 0 {
		where = ` WHERE ` + strings.Join(conds, ` AND `)
	}
	var total int
	if err := s.db.r.QueryRowContext(ctx, `SELECT COUNT(*) FROM incidents i`+where, args...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("sqlstore: count incidents: %w", err)
	}
	order := ` ORDER BY i.opened_at DESC, i.id DESC`
	if f.Sort == "oldest" {
		order = ` ORDER BY i.opened_at, i.id`
	}
	n := len(args)
	out, err := s.list(ctx, where+order+fmt.Sprintf(` LIMIT $%d OFFSET $%d`, n+1, n+2), append(args, limit, offset)...)
	return out, total, err
}

// FindIncident returns an incident and its timeline.
func (s *Incidents) FindIncident(ctx context.Context, id int64) (*hitori.Incident, []*hitori.IncidentEntry, error) {
	if _, err := staffActor(ctx); err != nil {
		return nil, nil, err
	}
	in, err := scanIncident(s.db.r.QueryRowContext(ctx, `SELECT `+incidentColumns+` FROM incidents i WHERE i.id = $1`, id))
	if err != nil {
		return nil, nil, notFound(err, "incident")
	}
	es, err := s.entries(ctx, s.db.r, id)
	return in, es, err
}

func (s *Incidents) entries(ctx context.Context, q querier, id int64) ([]*hitori.IncidentEntry, error) {
	rows, err := q.QueryContext(ctx, `SELECT id, incident_id, at, kind, step, channel_id, actor, message
		FROM incident_entries WHERE incident_id = $1 ORDER BY id LIMIT 5000`, id)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: incident timeline: %w", err)
	}
	defer rows.Close()
	var out []*hitori.IncidentEntry
	for rows.Next() {
		e := &hitori.IncidentEntry{}
		var kind string
		if err := rows.Scan(&e.ID, &e.IncidentID, &e.At, &kind, &e.Step, &e.ChannelID, &e.Actor, &e.Message); err != nil {
			return nil, err
		}
		e.At, e.Kind = e.At.UTC(), hitori.IncidentEntryKind(kind)
		out = append(out, e)
	}
	return out, rows.Err()
}

// AcknowledgeIncident marks an open incident acknowledged: the escalation
// stops (reminders go on while it is down).
func (s *Incidents) AcknowledgeIncident(ctx context.Context, id int64, who string) error {
	u := hitori.UserFromContext(ctx)
	if u != nil && !isStaff(u) {
		return errForbidden()
	}
	if u != nil {
		who = u.Name
		if who == "" {
			who = u.Email
		}
	}
	who = truncate(strings.TrimSpace(who), 200)
	now := s.db.now()
	return s.db.write(ctx, func(tx *sql.Tx) error {
		var status string
		if err := tx.QueryRowContext(ctx, `SELECT status FROM incidents WHERE id = $1`, id).Scan(&status); err != nil {
			return notFound(err, "incident")
		}
		if status != string(hitori.IncidentOpen) {
			return nil
		}
		if _, err := tx.ExecContext(ctx, `UPDATE incidents SET status = $1, acked_at = $2, acked_by = $3, version = version + 1
			WHERE id = $4`, string(hitori.IncidentAcknowledged), now, who, id); err != nil {
			return fmt.Errorf("sqlstore: acknowledge incident %d: %w", id, err)
		}
		if err := addEntry(ctx, tx, &hitori.IncidentEntry{IncidentID: id, At: now, Kind: hitori.EntryAck, Actor: who}); err != nil {
			return err
		}
		return auditTx(ctx, tx, now, u, hitori.AuditIncidentAck, fmt.Sprintf("incident %d", id), "", who)
	})
}

func addEntry(ctx context.Context, tx *sql.Tx, e *hitori.IncidentEntry) error {
	err := tx.QueryRowContext(ctx, `INSERT INTO incident_entries (incident_id, at, kind, step, channel_id, actor, message)
		VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`, e.IncidentID, e.At.UTC().Truncate(time.Microsecond), string(e.Kind),
		e.Step, e.ChannelID, truncate(e.Actor, 200), clip(e.Message)).Scan(&e.ID)
	if err != nil {
		return fmt.Errorf("sqlstore: incident entry: %w", err)
	}
	return nil
}
