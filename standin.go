package hitori

import (
	"context"
	"strings"
	"time"
	"unicode/utf8"
)

// RoleStandin is the account of a stand-in or outside vendor covering an
// absence. It is not in Roles (nobody picks it on the user form): a
// stand-in account is made by a Standin grant, and what it may see comes
// from that grant, which ends by itself.
const RoleStandin Role = "standin"

// Standin is a time-boxed, read-only access for someone covering the IT
// administrator's absence: they see runbooks, systems and vendor cards, and
// the vault entries named here, between From and Until.
type Standin struct {
	ID        int64
	UserID    int64 // the stand-in's account (role standin)
	Name      string
	Email     string
	Note      string // why, for the audit trail ("夏季休暇の代理")
	From      time.Time
	Until     time.Time
	Entries   []string // vault entry ids shared for the window
	CreatedBy int64
	CreatedAt time.Time
	RevokedAt *time.Time
	// ClosedAt is when the grant's shares were withdrawn (revoked, or
	// expired and swept); nil while the grant may still be used.
	ClosedAt *time.Time
}

// Limits on a stand-in grant.
const (
	MaxStandinDays    = 92 // a quarter: longer is not an absence
	MaxStandinEntries = 50
	MaxStandinNote    = 500
)

// Audit actions of the absence mode.
const (
	AuditStandinGrant  = "standin.grant"
	AuditStandinRevoke = "standin.revoke"
	AuditStandinLink   = "standin.link"
	AuditStandinExpire = "standin.expire"
)

// DetailStandinLink is the login audit detail of a stand-in's sign-in link.
const DetailStandinLink = "detail.standin_link"

// ActiveAt reports whether the grant admits its holder at t.
func (s *Standin) ActiveAt(t time.Time) bool {
	return s.RevokedAt == nil && !t.Before(s.From) && t.Before(s.Until)
}

// Ended reports whether the grant can no longer be used (revoked or past Until).
func (s *Standin) Ended(t time.Time) bool { return s.RevokedAt != nil || !t.Before(s.Until) }

// Validate checks a new grant at now.
func (s *Standin) Validate(now time.Time) error {
	s.Email = NormalizeEmail(s.Email)
	s.Name = strings.TrimSpace(s.Name)
	s.Note = strings.TrimSpace(s.Note)
	// The address and name rules of any account (the role is checked apart).
	u := User{Email: s.Email, Name: s.Name, Role: RoleViewer}
	if err := u.Validate(); err != nil {
		return err
	}
	if s.Name == "" {
		return FieldError("name", "error.required")
	}
	if utf8.RuneCountInString(s.Note) > MaxStandinNote {
		return FieldError("note", "error.too_long")
	}
	if s.From.IsZero() || s.Until.IsZero() {
		return FieldError("until", "error.required")
	}
	if !s.Until.After(s.From) || !s.Until.After(now) {
		return FieldError("until", "error.standin_until")
	}
	if s.Until.Sub(s.From) > MaxStandinDays*24*time.Hour {
		return FieldError("until", "error.standin_too_long")
	}
	if len(s.Entries) > MaxStandinEntries {
		return FieldError("entries", "error.too_long")
	}
	return nil
}

// StandinMayRead is the stand-in's rule for articles: runbooks meant for
// the department (or everyone), and restricted ones that name them; not
// FAQs, policies or other restricted articles.
func StandinMayRead(a *Article, u *User) bool {
	if a.Kind != KindRunbook {
		return false
	}
	if a.Visibility == VisibleRestricted {
		return a.CanRead(u)
	}
	return true
}

// StandinStore keeps stand-in grants. Each change writes its audit event in
// the same transaction.
type StandinStore interface {
	// CreateStandin creates the grant and, when the address has none, its
	// account (role standin, no password); an address that belongs to any
	// other account, or to a stand-in with a grant not yet ended, gets
	// ECONFLICT. by is the administrator.
	CreateStandin(ctx context.Context, s *Standin, by *User, ip string) error
	FindStandin(ctx context.Context, id int64) (*Standin, error)
	// ListStandins returns grants, newest first; ended ones only when all.
	ListStandins(ctx context.Context, all bool, now time.Time) ([]*Standin, error)
	// CurrentStandin returns the user's grant that is not yet closed and
	// has the latest Until, or ENOTFOUND.
	CurrentStandin(ctx context.Context, userID int64) (*Standin, error)
	// SetStandinLink replaces the grant's sign-in token (stored hashed).
	SetStandinLink(ctx context.Context, id int64, token string, by *User, ip string) error
	// ConsumeStandinLink spends a token at now and returns its grant;
	// unknown, spent, revoked and ended tokens get EUNAUTHORIZED.
	ConsumeStandinLink(ctx context.Context, token string, now time.Time) (*Standin, error)
	// RevokeStandin ends a grant early and every session of its account.
	RevokeStandin(ctx context.Context, id int64, by *User, ip string) error
	// CloseStandin marks a grant's shares withdrawn (after revoke or expiry),
	// auditing action (AuditStandinRevoke or AuditStandinExpire).
	CloseStandin(ctx context.Context, id int64, action string) error
	// EndedStandins returns grants ended at now whose shares are not yet withdrawn.
	EndedStandins(ctx context.Context, now time.Time) ([]*Standin, error)
}
