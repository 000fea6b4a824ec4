package hitori

import (
	"context"
	"time"
)

// Session is a signed-in browser. Its secret token lives only in the cookie;
// the database keeps a hash of it.
type Session struct {
	ID         int64
	UserID     int64
	Pending2FA bool // password accepted, second factor still owed
	CreatedAt  time.Time
	LastSeenAt time.Time
	ExpiresAt  time.Time
	IP         string
	UserAgent  string
}

// SessionPolicy bounds how long a session lives.
type SessionPolicy struct {
	Idle     time.Duration // expires after this long unused
	Absolute time.Duration // expires this long after sign-in regardless
}

// DefaultSessionPolicy suits an office: a working day idle, two weeks at most.
var DefaultSessionPolicy = SessionPolicy{Idle: 12 * time.Hour, Absolute: 14 * 24 * time.Hour}

// LockoutPolicy throttles password guessing per account.
type LockoutPolicy struct {
	MaxFailures int           // failures in a row before the account locks
	LockFor     time.Duration // how long it stays locked
}

// DefaultLockoutPolicy locks after five failures for fifteen minutes.
var DefaultLockoutPolicy = LockoutPolicy{MaxFailures: 5, LockFor: 15 * time.Minute}

// APIToken is a named credential for scripts, sent as Authorization: Bearer.
type APIToken struct {
	ID         int64
	UserID     int64
	Name       string
	Prefix     string // first characters, to recognise it in lists
	CreatedAt  time.Time
	LastUsedAt *time.Time
	RevokedAt  *time.Time
}

// Limits on credentials.
const (
	MaxTokenNameLen    = 100
	RecoveryCodeCount  = 10
	MaxTokensPerUser   = 50
	MaxSessionsPerUser = 50
)

// AuthService signs users in and manages their sessions, second factors and tokens.
type AuthService interface {
	// Authenticate checks a password, applying lockout; the error never says which part was wrong.
	Authenticate(ctx context.Context, email, password, ip string) (*User, error)

	CreateSession(ctx context.Context, userID int64, pending2FA bool, ip, userAgent string) (token string, s *Session, err error)
	FindSession(ctx context.Context, token string) (*Session, *User, error)
	// PromoteSession replaces a pending session by a fully signed-in one with a new token.
	PromoteSession(ctx context.Context, token string) (newToken string, s *Session, err error)
	DeleteSession(ctx context.Context, token string) error
	DeleteUserSessions(ctx context.Context, userID int64) error

	// TOTP enrolment: BeginTOTP keeps a new secret on the server (sealed) as
	// pending; EnableTOTP makes it take effect once a code from it is entered.
	// The browser never sends a secret back, so none of its choosing is stored.
	BeginTOTP(ctx context.Context, userID int64, secret string) error
	// PendingTOTP returns the secret of the enrolment in progress, or ENOTFOUND.
	PendingTOTP(ctx context.Context, userID int64) (string, error)
	EnableTOTP(ctx context.Context, userID int64, code string) (recoveryCodes []string, err error)
	DisableTOTP(ctx context.Context, userID int64) error
	VerifySecondFactor(ctx context.Context, userID int64, code string) error
	// CheckSecondFactor is VerifySecondFactor for a sign-in from ip, counting
	// wrong codes per account and refusing more after a few (ETOOMANY).
	CheckSecondFactor(ctx context.Context, userID int64, code, ip string) error
	RecoveryCodesLeft(ctx context.Context, userID int64) (int, error)

	CreateToken(ctx context.Context, userID int64, name string) (token string, t *APIToken, err error)
	FindUserByToken(ctx context.Context, token string) (*User, error)
	FindTokens(ctx context.Context, userID int64) ([]*APIToken, error)
	RevokeToken(ctx context.Context, userID, tokenID int64) error
}
