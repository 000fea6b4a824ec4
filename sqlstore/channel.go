package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"hitori"
)

var _ hitori.ChannelStore = (*Channels)(nil)

// Channels is the alert channels' storage. Secret settings are sealed with
// the server key (DB.Sealer) before they reach the database, and leave it
// in the clear only through ChannelForDelivery.
type Channels struct{ db *DB }

// Channels returns the alert channels' store.
func (db *DB) Channels() *Channels { return &Channels{db: db} }

const channelColumns = `id, name, kind, lang, settings, secrets, enabled, created_at, updated_at,
	last_at, last_ok, last_error, fail_streak`

// scanChannel reads a row; the secrets come back sealed, in Secrets under "".
func scanChannel(row scanner) (*hitori.AlertChannel, hitori.ChannelHealth, string, error) {
	c := &hitori.AlertChannel{}
	var h hitori.ChannelHealth
	var kind, settings, sealed string
	var lastAt sql.NullTime
	if err := row.Scan(&c.ID, &c.Name, &kind, &c.Lang, &settings, &sealed, &c.Enabled, &c.CreatedAt, &c.UpdatedAt,
		&lastAt, &h.LastOK, &h.LastError, &h.FailStreak); err != nil {
		return nil, h, "", err
	}
	c.Kind, c.CreatedAt, c.UpdatedAt = hitori.ChannelKind(kind), c.CreatedAt.UTC(), c.UpdatedAt.UTC()
	if lastAt.Valid {
		h.LastAt = lastAt.Time.UTC()
	}
	if err := json.Unmarshal([]byte(settings), &c.Settings); err != nil {
		return nil, h, "", fmt.Errorf("sqlstore: channel %d settings: %w", c.ID, err)
	}
	return c, h, sealed, nil
}

// openSecrets unseals a channel's secret settings.
func (s *Channels) openSecrets(c *hitori.AlertChannel, sealed string) error {
	c.Secrets = map[string]string{}
	if sealed == "" {
		return nil
	}
	plain, err := s.db.openSecret(sealed)
	if err != nil {
		return fmt.Errorf("sqlstore: channel %d secrets: %w", c.ID, err)
	}
	return json.Unmarshal([]byte(plain), &c.Secrets)
}

// mask replaces the secrets by what people may see of them.
func mask(c *hitori.AlertChannel) {
	c.Masked = map[string]string{}
	for k, v := range c.Secrets {
		if v != "" {
			c.Masked[k] = hitori.MaskSecret(v)
		}
	}
	c.Secrets = nil
}

// adminActor returns the administrator (or the system, nil) in ctx.
func adminActor(ctx context.Context) (*hitori.User, error) {
	u := hitori.UserFromContext(ctx)
	if u != nil && (u.Disabled || u.Role != hitori.RoleAdmin) {
		return nil, errForbidden()
	}
	return u, nil
}

// channelTarget names a channel in the audit log.
func channelTarget(id int64) string {
	return hitori.AuditCode(hitori.TargetChannel, strconv.FormatInt(id, 10))
}

// sealChannel returns the settings as JSON and the secrets sealed.
func (s *Channels) sealChannel(c *hitori.AlertChannel) (string, string, error) {
	settings, err := json.Marshal(c.Settings)
	if err != nil {
		return "", "", err
	}
	secrets, err := json.Marshal(c.Secrets)
	if err != nil {
		return "", "", err
	}
	sealed, err := s.db.sealSecret(string(secrets))
	return string(settings), sealed, err
}

// CreateChannel stores a new channel.
func (s *Channels) CreateChannel(ctx context.Context, c *hitori.AlertChannel) error {
	u, err := adminActor(ctx)
	if err != nil {
		return err
	}
	if err := c.Validate(nil); err != nil {
		return err
	}
	settings, sealed, err := s.sealChannel(c)
	if err != nil {
		return fmt.Errorf("sqlstore: create channel: %w", err)
	}
	now := s.db.now()
	err = s.db.write(ctx, func(tx *sql.Tx) error {
		err := tx.QueryRowContext(ctx, `INSERT INTO channels (name, kind, lang, settings, secrets, enabled, created_at, updated_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $7) RETURNING id`, c.Name, string(c.Kind), c.Lang, settings, sealed, c.Enabled, now).Scan(&c.ID)
		if err != nil {
			return err
		}
		return auditTx(ctx, tx, now, u, hitori.AuditChannelCreate, channelTarget(c.ID), "", c.Name+" ("+string(c.Kind)+")")
	})
	if isUniqueViolation(err) {
		return hitori.FieldError("name", "channel.error.name_taken")
	} else if err != nil {
		return fmt.Errorf("sqlstore: create channel: %w", err)
	}
	c.CreatedAt, c.UpdatedAt = now, now
	mask(c)
	return nil
}

// UpdateChannel changes a channel's name, language, settings and switch;
// its kind stays. A secret left empty keeps the stored one.
func (s *Channels) UpdateChannel(ctx context.Context, c *hitori.AlertChannel) error {
	u, err := adminActor(ctx)
	if err != nil {
		return err
	}
	now := s.db.now()
	err = s.db.write(ctx, func(tx *sql.Tx) error {
		old, _, sealed, err := scanChannel(tx.QueryRowContext(ctx, `SELECT `+channelColumns+` FROM channels WHERE id = $1`, c.ID))
		if err != nil {
			return notFound(err, "channel")
		}
		if err := s.openSecrets(old, sealed); err != nil {
			return err
		}
		keep := map[string]bool{}
		for k, v := range old.Secrets {
			keep[k] = v != ""
		}
		c.Kind = old.Kind
		if err := c.Validate(keep); err != nil {
			return err
		}
		for k, v := range c.Secrets {
			if v == "" {
				c.Secrets[k] = old.Secrets[k]
			}
		}
		settings, sealed, err := s.sealChannel(c)
		if err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `UPDATE channels SET name = $1, lang = $2, settings = $3, secrets = $4, enabled = $5,
			updated_at = $6 WHERE id = $7`, c.Name, c.Lang, settings, sealed, c.Enabled, now, c.ID)
		if err != nil {
			return err
		}
		c.CreatedAt, c.UpdatedAt = old.CreatedAt, now
		return auditTx(ctx, tx, now, u, hitori.AuditChannelUpdate, channelTarget(c.ID), "", c.Name)
	})
	if isUniqueViolation(err) {
		return hitori.FieldError("name", "channel.error.name_taken")
	} else if _, ok := hitori.AsError(err); !ok && err != nil {
		return fmt.Errorf("sqlstore: update channel %d: %w", c.ID, err)
	}
	if err == nil {
		mask(c)
	}
	return err
}

// DeleteChannel removes a channel with its attempts.
func (s *Channels) DeleteChannel(ctx context.Context, id int64) error {
	u, err := adminActor(ctx)
	if err != nil {
		return err
	}
	now := s.db.now()
	return s.db.write(ctx, func(tx *sql.Tx) error {
		var name string
		if err := tx.QueryRowContext(ctx, `SELECT name FROM channels WHERE id = $1`, id).Scan(&name); err != nil {
			return notFound(err, "channel")
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM notify_attempts WHERE channel_id = $1`, id); err != nil {
			return fmt.Errorf("sqlstore: delete channel %d: %w", id, err)
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM channels WHERE id = $1`, id); err != nil {
			return fmt.Errorf("sqlstore: delete channel %d: %w", id, err)
		}
		return auditTx(ctx, tx, now, u, hitori.AuditChannelDelete, channelTarget(id), "", name)
	})
}

// FindChannel returns a channel with its secrets masked.
func (s *Channels) FindChannel(ctx context.Context, id int64) (*hitori.AlertChannel, hitori.ChannelHealth, error) {
	if _, err := adminActor(ctx); err != nil {
		return nil, hitori.ChannelHealth{}, err
	}
	c, h, sealed, err := scanChannel(s.db.r.QueryRowContext(ctx, `SELECT `+channelColumns+` FROM channels WHERE id = $1`, id))
	if err != nil {
		return nil, h, notFound(err, "channel")
	}
	if err := s.openSecrets(c, sealed); err != nil {
		return nil, h, err
	}
	mask(c)
	return c, h, nil
}

// ChannelForDelivery returns a channel with its secrets in the clear, for
// the notify.send handler only.
func (s *Channels) ChannelForDelivery(ctx context.Context, id int64) (*hitori.AlertChannel, error) {
	c, _, sealed, err := scanChannel(s.db.r.QueryRowContext(ctx, `SELECT `+channelColumns+` FROM channels WHERE id = $1`, id))
	if err != nil {
		return nil, notFound(err, "channel")
	}
	return c, s.openSecrets(c, sealed)
}

// FindChannels lists channels by name, with their health and masked secrets.
func (s *Channels) FindChannels(ctx context.Context, f hitori.ChannelFilter) ([]*hitori.ChannelSummary, int, error) {
	if _, err := adminActor(ctx); err != nil {
		return nil, 0, err
	}
	offset, limit := hitori.Page(f.Offset, f.Limit, 50, 200)
	where, args := "", []any{}
	if q := strings.TrimSpace(f.Query); q != "" {
		where = ` WHERE LOWER(name) LIKE $1 ESCAPE '\' OR kind = $2`
		args = append(args, "%"+escapeLike(strings.ToLower(q))+"%", strings.ToLower(q))
	}
	var total int
	if err := s.db.r.QueryRowContext(ctx, `SELECT COUNT(*) FROM channels`+where, args...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("sqlstore: count channels: %w", err)
	}
	args = append(args, limit, offset)
	list, err := s.summaries(ctx, fmt.Sprintf(`SELECT `+channelColumns+` FROM channels%s ORDER BY LOWER(name), id LIMIT $%d OFFSET $%d`,
		where, len(args)-1, len(args)), args...)
	return list, total, err
}

// FailingChannels lists enabled channels whose latest attempt failed,
// longest failing first.
func (s *Channels) FailingChannels(ctx context.Context, limit int) ([]*hitori.ChannelSummary, error) {
	if limit <= 0 {
		limit = 10
	}
	return s.summaries(ctx, `SELECT `+channelColumns+` FROM channels WHERE fail_streak > 0 AND enabled = $1
		ORDER BY fail_streak DESC, id LIMIT $2`, true, limit)
}

func (s *Channels) summaries(ctx context.Context, query string, args ...any) ([]*hitori.ChannelSummary, error) {
	rows, err := s.db.r.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: find channels: %w", err)
	}
	defer rows.Close()
	var out []*hitori.ChannelSummary
	for rows.Next() {
		c, h, sealed, err := scanChannel(rows)
		if err != nil {
			return nil, fmt.Errorf("sqlstore: find channels: %w", err)
		}
		if err := s.openSecrets(c, sealed); err != nil {
			return nil, err
		}
		mask(c)
		out = append(out, &hitori.ChannelSummary{Channel: c, Health: h})
	}
	return out, rows.Err()
}
