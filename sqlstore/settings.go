package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"unicode/utf8"

	"hitori"
)

// Limits on settings: keys are short names chosen in code; values hold at
// most a pasted holiday list or a JSON document of a few kilobytes.
const (
	maxSettingKey   = 100
	maxSettingValue = 256 << 10
)

// Settings stores named settings (hitori.SettingService).
type Settings struct{ db *DB }

// Settings returns the settings store.
func (db *DB) Settings() *Settings { return &Settings{db: db} }

// GetSetting returns the value stored under key, or ENOTFOUND when none is.
// Anyone may read: settings shape how the product behaves, they hold no
// secrets (secrets belong in the vault).
func (s *Settings) GetSetting(ctx context.Context, key string) (string, error) {
	var v string
	err := s.db.r.QueryRowContext(ctx, `SELECT value FROM settings WHERE key = $1`, key).Scan(&v)
	if err != nil {
		return "", notFound(err, "setting")
	}
	return v, nil
}

// SetSetting stores value under key, replacing what was there. Only an
// administrator (or the system, with no user in the context) may change
// settings.
func (s *Settings) SetSetting(ctx context.Context, key, value string) error {
	if u := hitori.UserFromContext(ctx); u != nil && (u.Disabled || u.Role != hitori.RoleAdmin) {
		return hitori.KeyError(hitori.EFORBIDDEN, "error.forbidden")
	}
	switch {
	case strings.TrimSpace(key) == "" || len(key) > maxSettingKey:
		return hitori.FieldError("key", "error.invalid")
	case len(value) > maxSettingValue:
		return hitori.FieldError("value", "error.too_long")
	case !utf8.ValidString(value):
		return hitori.FieldError("value", "error.invalid")
	}
	return s.db.write(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO settings (key, value) VALUES ($1, $2)
			ON CONFLICT (key) DO UPDATE SET value = excluded.value`, key, value)
		if err != nil {
			return fmt.Errorf("sqlstore: set setting %s: %w", key, err)
		}
		return s.db.touch(ctx, tx, hitori.SettingTopic(key))
	})
}
