package hitori

import (
	"context"
	"net/mail"
	"strings"
	"time"
	"unicode/utf8"
)

// Role decides what a user may see and do.
type Role string

// The four roles. Technicians work items (an outside vendor, for example);
// requesters are colleagues; viewers are management reading reports.
const (
	RoleAdmin      Role = "admin"
	RoleTechnician Role = "technician"
	RoleRequester  Role = "requester"
	RoleViewer     Role = "viewer"
)

// Roles lists every role in display order.
var Roles = []Role{RoleAdmin, RoleTechnician, RoleRequester, RoleViewer}

// Valid reports whether r is a known role.
func (r Role) Valid() bool {
	for _, x := range Roles {
		if r == x {
			return true
		}
	}
	return false
}

// IsStaff reports whether the role works inside the IT department.
func (r Role) IsStaff() bool { return r == RoleAdmin || r == RoleTechnician }

// User is an account.
type User struct {
	ID          int64
	Email       string
	Name        string
	Role        Role
	Lang        string // "ja" or "en"
	TOTPEnabled bool
	Disabled    bool
	CreatedAt   time.Time
	UpdatedAt   time.Time
}

// Limits on user fields.
const (
	MaxEmailLen    = 254
	MaxNameLen     = 100
	MinPasswordLen = 10
	MaxPasswordLen = 256
)

// NormalizeEmail lower-cases and trims an address so lookups are stable.
func NormalizeEmail(s string) string { return strings.ToLower(strings.TrimSpace(s)) }

// Validate checks a user before it is stored.
func (u *User) Validate() error {
	u.Email = NormalizeEmail(u.Email)
	u.Name = strings.TrimSpace(u.Name)
	if u.Email == "" {
		return FieldError("email", "error.required")
	}
	if len(u.Email) > MaxEmailLen {
		return FieldError("email", "error.too_long")
	}
	if a, err := mail.ParseAddress(u.Email); err != nil || a.Address != u.Email {
		return FieldError("email", "error.email_invalid")
	}
	if utf8.RuneCountInString(u.Name) > MaxNameLen {
		return FieldError("name", "error.too_long")
	}
	if !u.Role.Valid() {
		return FieldError("role", "error.role_invalid")
	}
	if u.Lang != "en" {
		u.Lang = "ja"
	}
	return nil
}

// ValidatePassword checks a new password's length; anything printable is allowed.
func ValidatePassword(pw string) error {
	n := utf8.RuneCountInString(pw)
	if n < MinPasswordLen {
		return FieldError("password", "error.password_short")
	}
	if len(pw) > MaxPasswordLen {
		return FieldError("password", "error.too_long")
	}
	return nil
}

// UserFilter selects users for listing.
type UserFilter struct {
	Query  string
	Role   Role
	Roles  []Role // any of these roles (with Role, that one too)
	Offset int
	Limit  int
}

// UserUpdate holds optional changes to a user.
type UserUpdate struct {
	Name     *string
	Role     *Role
	Lang     *string
	Disabled *bool
}

// UserService manages accounts and their credentials.
type UserService interface {
	CreateUser(ctx context.Context, u *User, password string) error
	// CreateFirstUser creates an account only while there is none (first-run setup).
	CreateFirstUser(ctx context.Context, u *User, password string) error
	FindUserByID(ctx context.Context, id int64) (*User, error)
	FindUserByEmail(ctx context.Context, email string) (*User, error)
	FindUsers(ctx context.Context, f UserFilter) ([]*User, int, error)
	UpdateUser(ctx context.Context, id int64, upd UserUpdate) (*User, error)
	SetPassword(ctx context.Context, id int64, password string) error
	CountUsers(ctx context.Context) (int, error)
}

type userContextKey struct{}

// NewContextWithUser returns ctx carrying the signed-in user.
func NewContextWithUser(ctx context.Context, u *User) context.Context {
	return context.WithValue(ctx, userContextKey{}, u)
}

// UserFromContext returns the signed-in user, or nil.
func UserFromContext(ctx context.Context) *User {
	u, _ := ctx.Value(userContextKey{}).(*User)
	return u
}
