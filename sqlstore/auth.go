package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"hitori"
)

var _ hitori.AuthService = (*Auth)(nil)

// touchEvery limits last-seen writes: one per minute per session or token is
// plenty for display, and keeps page views from queuing on SQLite's one writer.
const touchEvery = time.Minute

// Auth signs users in and keeps their sessions, second factors and API tokens (hitori.AuthService).
type Auth struct{ db *DB }

// Auth returns the Auth store.
func (db *DB) Auth() *Auth { return &Auth{db: db} }

func errLoginFailed() error { return hitori.KeyError(hitori.EUNAUTHORIZED, "error.login_failed") }

// Authenticate checks email and password. Failures are counted per
// (address typed, client address) and per address typed from everywhere
// (see signin_guard.go), for unknown accounts exactly as for known ones, so
// the answers tell an attacker nothing and a stranger cannot lock the owner
// out. Failures are audited here so every caller (web, future IMAP or API
// sign-ins) is covered.
func (a *Auth) Authenticate(ctx context.Context, email, password, ip string) (*hitori.User, error) {
	email = hitori.NormalizeEmail(email)
	if blocked, err := a.db.signinBlocked(ctx, email, ip); err != nil {
		return nil, err
	} else if blocked {
		a.db.audit(ctx, nil, email, hitori.AuditLoginFailed, email, ip, hitori.DetailLocked)
		return nil, hitori.KeyError(hitori.ETOOMANY, "error.locked")
	}
	var (
		id       int64
		hash     string
		disabled bool
	)
	err := a.db.r.QueryRowContext(ctx, `SELECT id, password_hash, disabled FROM users WHERE email = $1`, email).
		Scan(&id, &hash, &disabled)
	if errors.Is(err, sql.ErrNoRows) {
		a.db.hasher().VerifyDummy(password)
		return nil, a.db.signinFailed(ctx, nil, email, ip, hitori.DetailUnknownAccount)
	} else if err != nil {
		return nil, fmt.Errorf("sqlstore: authenticate: %w", err)
	}
	ok := false
	if hash != "" {
		if ok, err = a.db.hasher().Verify(hash, password); err != nil {
			return nil, fmt.Errorf("sqlstore: authenticate: %w", err)
		}
	} else {
		a.db.hasher().VerifyDummy(password)
	}
	if !ok || disabled {
		return nil, a.db.signinFailed(ctx, &id, email, ip, hitori.DetailBadPassword)
	}
	if err := a.db.clearSigninFailures(ctx, email, ip); err != nil {
		return nil, fmt.Errorf("sqlstore: authenticate: %w", err)
	}
	return a.db.Users().FindUserByID(ctx, id)
}

// signinFailed counts and audits a failed password; the locking failure
// answers ETOOMANY, the others the same EUNAUTHORIZED whoever the account.
func (db *DB) signinFailed(ctx context.Context, id *int64, email, ip, why string) error {
	blocked, err := db.recordSigninFailure(ctx, email, ip)
	if err != nil {
		return err
	}
	db.audit(ctx, id, email, hitori.AuditLoginFailed, email, ip, why)
	if blocked {
		db.audit(ctx, id, email, hitori.AuditLockout, email, ip, hitori.DetailSigninPaused)
		return hitori.KeyError(hitori.ETOOMANY, "error.locked")
	}
	return errLoginFailed()
}

// CreateSession starts a session and returns its secret token (shown only to the browser).
func (a *Auth) CreateSession(ctx context.Context, userID int64, pending2FA bool, ip, userAgent string) (string, *hitori.Session, error) {
	token := hitori.RandomToken("", 32)
	now := a.db.now()
	s := &hitori.Session{UserID: userID, Pending2FA: pending2FA, CreatedAt: now, LastSeenAt: now,
		ExpiresAt: now.Add(a.db.Sessions.Absolute), IP: truncate(ip, 64), UserAgent: truncate(userAgent, 256)}
	if pending2FA {
		s.ExpiresAt = now.Add(10 * time.Minute) // the second factor is owed now, not tomorrow
	}
	err := a.db.write(ctx, func(tx *sql.Tx) error {
		// Keep only the newest sessions so a script logging in in a loop cannot grow the table without bound.
		if _, err := tx.ExecContext(ctx, `DELETE FROM sessions WHERE user_id = $1 AND (expires_at < $2 OR id NOT IN
			(SELECT id FROM sessions WHERE user_id = $1 ORDER BY id DESC LIMIT $3))`, userID, now, hitori.MaxSessionsPerUser-1); err != nil {
			return err
		}
		return tx.QueryRowContext(ctx, `INSERT INTO sessions (token_hash, user_id, pending_2fa, created_at, last_seen_at, expires_at, ip, user_agent)
			VALUES ($1, $2, $3, $4, $4, $5, $6, $7) RETURNING id`, hitori.HashToken(token), userID, pending2FA, now, s.ExpiresAt, s.IP, s.UserAgent).Scan(&s.ID)
	})
	if err != nil {
		return "", nil, fmt.Errorf("sqlstore: create session: %w", err)
	}
	return token, s, nil
}

// findSessionSQL runs on every page view, so it is prepared once: SQLite
// otherwise spends a fifth of a request re-parsing it.
const findSessionSQL = `SELECT s.id, s.user_id, s.pending_2fa, s.created_at, s.last_seen_at, s.expires_at, s.ip, s.user_agent,
	u.id, u.email, u.name, u.role, u.lang, u.totp_enabled, u.disabled, u.created_at, u.updated_at
	FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = $1 AND u.disabled = FALSE`

// FindSession returns the live session for token and its user, or EUNAUTHORIZED.
func (a *Auth) FindSession(ctx context.Context, token string) (*hitori.Session, *hitori.User, error) {
	if token == "" || len(token) > 128 {
		return nil, nil, hitori.KeyError(hitori.EUNAUTHORIZED, "error.session_expired")
	}
	// One query for session and user: this runs on every page view.
	s, u := &hitori.Session{}, &hitori.User{}
	var role string
	row := a.db.sessionStmt.QueryRowContext(ctx, hitori.HashToken(token))
	err := row.Scan(&s.ID, &s.UserID, &s.Pending2FA, &s.CreatedAt, &s.LastSeenAt, &s.ExpiresAt, &s.IP, &s.UserAgent,
		&u.ID, &u.Email, &u.Name, &role, &u.Lang, &u.TOTPEnabled, &u.Disabled, &u.CreatedAt, &u.UpdatedAt)
	u.Role = hitori.Role(role)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil, hitori.KeyError(hitori.EUNAUTHORIZED, "error.session_expired")
	} else if err != nil {
		return nil, nil, fmt.Errorf("sqlstore: find session: %w", err)
	}
	now := a.db.now()
	if !now.Before(s.ExpiresAt) || !now.Before(s.LastSeenAt.Add(a.db.Sessions.Idle)) {
		_ = a.db.write(ctx, func(tx *sql.Tx) error {
			_, err := tx.ExecContext(ctx, `DELETE FROM sessions WHERE id = $1`, s.ID)
			return err
		})
		return nil, nil, hitori.KeyError(hitori.EUNAUTHORIZED, "error.session_expired")
	}
	if now.Sub(s.LastSeenAt) >= touchEvery {
		s.LastSeenAt = now
		if err := a.db.write(ctx, func(tx *sql.Tx) error {
			_, err := tx.ExecContext(ctx, `UPDATE sessions SET last_seen_at = $1 WHERE id = $2`, now, s.ID)
			return err
		}); err != nil {
			return nil, nil, fmt.Errorf("sqlstore: touch session: %w", err)
		}
	}
	return s, u, nil
}

// PromoteSession ends a pending session and starts a full one with a fresh token,
// so a token seen before the second factor is worthless after it.
func (a *Auth) PromoteSession(ctx context.Context, token string) (string, *hitori.Session, error) {
	s, _, err := a.FindSession(ctx, token)
	if err != nil {
		return "", nil, err
	}
	if err := a.DeleteSession(ctx, token); err != nil {
		return "", nil, err
	}
	return a.CreateSession(ctx, s.UserID, false, s.IP, s.UserAgent)
}

// DeleteSession ends one session.
func (a *Auth) DeleteSession(ctx context.Context, token string) error {
	return a.db.write(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `DELETE FROM sessions WHERE token_hash = $1`, hitori.HashToken(token))
		return err
	})
}

// DeleteUserSessions ends every session of a user.
func (a *Auth) DeleteUserSessions(ctx context.Context, userID int64) error {
	return a.db.write(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `DELETE FROM sessions WHERE user_id = $1`, userID)
		return err
	})
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

func validTokenName(name string) (string, error) {
	name = strings.TrimSpace(name)
	if name == "" {
		return "", hitori.FieldError("name", "error.required")
	}
	if utf8.RuneCountInString(name) > hitori.MaxTokenNameLen {
		return "", hitori.FieldError("name", "error.too_long")
	}
	return name, nil
}
