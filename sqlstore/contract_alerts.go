package sqlstore

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"strings"
	"time"

	"hitori"
)

// FindContractDates lists contract decision dates and end dates from..until
// (inclusive), soonest first; decision dates carry the steps alerted.
func (h *Handover) FindContractDates(ctx context.Context, from, until hitori.Date) ([]*hitori.Expiry, error) {
	if _, err := staffActor(ctx); err != nil {
		return nil, err
	}
	var out []*hitori.Expiry
	err := h.eachRow(ctx, `
		SELECT 'decision', c.id, c.title, v.name, c.decision_on FROM contracts c JOIN vendors v ON v.id = c.vendor_id
			WHERE c.decision_on >= $1 AND c.decision_on <= $2 AND c.decision_on <> ''
		UNION ALL
		SELECT 'contract_end', c.id, c.title, v.name, c.ends_on FROM contracts c JOIN vendors v ON v.id = c.vendor_id
			WHERE c.ends_on >= $1 AND c.ends_on <= $2 AND c.ends_on <> ''
		ORDER BY 5, 1, 2`, []any{string(from), string(until)}, func(rows *sql.Rows) error {
		e := &hitori.Expiry{}
		var kind, title, vendor, on string
		if err := rows.Scan(&kind, &e.RefID, &title, &vendor, &on); err != nil {
			return err
		}
		e.Kind, e.On, e.Label = hitori.ExpiryKind(kind), hitori.Date(on), strings.TrimSpace(vendor+" "+title)
		out = append(out, e)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("sqlstore: contract dates: %w", err)
	}
	if len(out) == 0 {
		return out, nil
	}
	type key struct {
		ref int64
		on  string
	}
	byKey := map[key]*hitori.Expiry{}
	for _, e := range out {
		if e.Kind == hitori.ExpiryDecision {
			byKey[key{e.RefID, string(e.On)}] = e
		}
	}
	err = h.eachRow(ctx, `SELECT contract_id, due_on, step FROM contract_alerts WHERE due_on >= $1 AND due_on <= $2
		ORDER BY step DESC`, []any{string(from), string(until)}, func(rows *sql.Rows) error {
		var k key
		var step int
		if err := rows.Scan(&k.ref, &k.on, &step); err != nil {
			return err
		}
		if e := byKey[k]; e != nil {
			e.Alerted = append(e.Alerted, step)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("sqlstore: contract alerts: %w", err)
	}
	return out, nil
}

// RecordContractAlerts remembers the alerts not recorded before and
// queues outbox's job for them in the same transaction.
func (h *Handover) RecordContractAlerts(ctx context.Context, alerts []*hitori.AssetAlert, outbox hitori.AlertOutbox) ([]*hitori.AssetAlert, error) {
	return h.db.recordFresh(ctx, alerts, outbox, func(tx *sql.Tx, a *hitori.AssetAlert, now time.Time) error {
		var id int64
		return tx.QueryRowContext(ctx, `INSERT INTO contract_alerts (contract_id, due_on, step, label, sent_at)
			VALUES ($1, $2, $3, $4, $5) ON CONFLICT (contract_id, due_on, step) DO NOTHING RETURNING contract_id`,
			a.RefID, string(a.On), a.Step, truncate(a.Label, 500), now).Scan(&id)
	})
}

func calendarHash(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}

// CalendarToken returns the active staff user whose feed token this is.
func (h *Handover) CalendarToken(ctx context.Context, token string) (*hitori.User, error) {
	if !strings.HasPrefix(token, "cal_") || len(token) > 100 {
		return nil, hitori.KeyError(hitori.ENOTFOUND, "error.not_found")
	}
	var userID int64
	err := h.db.r.QueryRowContext(ctx, `SELECT user_id FROM calendar_tokens WHERE token_hash = $1`, calendarHash(token)).Scan(&userID)
	if err != nil {
		return nil, notFound(err, "calendar")
	}
	u, err := h.db.Users().FindUserByID(ctx, userID)
	if err != nil {
		return nil, err
	}
	if u.Disabled || !u.Role.IsStaff() {
		return nil, hitori.KeyError(hitori.ENOTFOUND, "error.not_found")
	}
	return u, nil
}

// NewCalendarToken replaces the user's feed token, so an old URL stops
// working, and audits it.
func (h *Handover) NewCalendarToken(ctx context.Context, userID int64) (string, error) {
	u := hitori.UserFromContext(ctx)
	if u != nil && u.ID != userID {
		return "", errForbidden()
	}
	var raw [24]byte
	if _, err := rand.Read(raw[:]); err != nil {
		return "", err
	}
	token := "cal_" + base64.RawURLEncoding.EncodeToString(raw[:])
	now := h.db.now()
	err := h.db.write(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `INSERT INTO calendar_tokens (user_id, token_hash, created_at) VALUES ($1, $2, $3)
			ON CONFLICT (user_id) DO UPDATE SET token_hash = excluded.token_hash, created_at = excluded.created_at`,
			userID, calendarHash(token), now); err != nil {
			return fmt.Errorf("sqlstore: calendar token: %w", err)
		}
		return auditTx(ctx, tx, now, u, hitori.AuditCalendarToken, "", "", "")
	})
	return token, err
}
