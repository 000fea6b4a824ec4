package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"hitori"
)

var _ hitori.UserService = (*Users)(nil)

const userColumns = `id, email, name, role, lang, totp_enabled, disabled, created_at, updated_at`

// Users keeps the accounts (hitori.UserService).
type Users struct{ db *DB }

// Users returns the Users store.
func (db *DB) Users() *Users { return &Users{db: db} }

func scanUser(row interface{ Scan(...any) error }) (*hitori.User, error) {
	u := &hitori.User{}
	var role string
	if err := row.Scan(&u.ID, &u.Email, &u.Name, &role, &u.Lang, &u.TOTPEnabled, &u.Disabled, &u.CreatedAt, &u.UpdatedAt); err != nil {
		return nil, err
	}
	u.Role = hitori.Role(role)
	u.CreatedAt, u.UpdatedAt = u.CreatedAt.UTC(), u.UpdatedAt.UTC()
	return u, nil
}

// CreateUser stores a new account with a hashed password (empty password: none set, cannot sign in).
func (s *Users) CreateUser(ctx context.Context, u *hitori.User, password string) error {
	return s.createUser(ctx, u, password, false)
}

// CreateFirstUser creates the first account, and fails with EFORBIDDEN when
// any account exists — checked inside the same transaction, so two browsers
// racing through the first-run page cannot both become administrator.
func (s *Users) CreateFirstUser(ctx context.Context, u *hitori.User, password string) error {
	return s.createUser(ctx, u, password, true)
}

func (s *Users) createUser(ctx context.Context, u *hitori.User, password string, first bool) error {
	if err := u.Validate(); err != nil {
		return err
	}
	hash := ""
	if password != "" {
		if err := hitori.ValidatePassword(password); err != nil {
			return err
		}
		var err error
		if hash, err = s.db.hasher().Hash(password); err != nil {
			return err
		}
	}
	now := s.db.now()
	return s.db.write(ctx, func(tx *sql.Tx) error {
		if first {
			if err := lockUsers(ctx, tx, s.db.Dialect); err != nil {
				return fmt.Errorf("sqlstore: create first user: %w", err)
			}
			var n int
			if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM users`).Scan(&n); err != nil {
				return fmt.Errorf("sqlstore: create first user: %w", err)
			}
			if n > 0 {
				return hitori.KeyError(hitori.EFORBIDDEN, "error.setup_done")
			}
		}
		var exists int
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM users WHERE email = $1`, u.Email).Scan(&exists); err != nil {
			return fmt.Errorf("sqlstore: create user: %w", err)
		}
		if exists > 0 {
			return hitori.FieldError("email", "error.email_taken")
		}
		err := tx.QueryRowContext(ctx, `INSERT INTO users (email, name, role, lang, password_hash, created_at, updated_at)
			VALUES ($1, $2, $3, $4, $5, $6, $6) RETURNING id`, u.Email, u.Name, string(u.Role), u.Lang, hash, now).Scan(&u.ID)
		if err != nil {
			return fmt.Errorf("sqlstore: create user: %w", err)
		}
		u.CreatedAt, u.UpdatedAt = now, now
		return nil
	})
}

// FindUserByID returns one user or ENOTFOUND.
func (s *Users) FindUserByID(ctx context.Context, id int64) (*hitori.User, error) {
	u, err := scanUser(s.db.r.QueryRowContext(ctx, `SELECT `+userColumns+` FROM users WHERE id = $1`, id))
	return u, notFound(err, "user")
}

// FindUserByEmail returns one user or ENOTFOUND.
func (s *Users) FindUserByEmail(ctx context.Context, email string) (*hitori.User, error) {
	u, err := scanUser(s.db.r.QueryRowContext(ctx, `SELECT `+userColumns+` FROM users WHERE email = $1`, hitori.NormalizeEmail(email)))
	return u, notFound(err, "user")
}

// FindUsers lists users matching f and the total count.
func (s *Users) FindUsers(ctx context.Context, f hitori.UserFilter) ([]*hitori.User, int, error) {
	offset, limit := hitori.Page(f.Offset, f.Limit, 50, 500)
	where, args := `WHERE 1=1`, []any{}
	if f.Query != "" {
		args = append(args, "%"+escapeLike(strings.ToLower(f.Query))+"%")
		where += fmt.Sprintf(` AND (LOWER(email) LIKE $%d ESCAPE '\' OR LOWER(name) LIKE $%[1]d ESCAPE '\')`, len(args))
	}
	if f.Role != "" {
		args = append(args, string(f.Role))
		where += fmt.Sprintf(` AND role = $%d`, len(args))
	}
	if len(f.Roles) > 0 {
		var ph []string
		for _, r := range f.Roles {
			args = append(args, string(r))
			ph = append(ph, fmt.Sprintf("$%d", len(args)))
		}
		where += ` AND role IN (` + strings.Join(ph, ", ") + `)`
	}
	var total int
	if err := s.db.r.QueryRowContext(ctx, `SELECT COUNT(*) FROM users `+where, args...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("sqlstore: count users: %w", err)
	}
	args = append(args, limit, offset)
	rows, err := s.db.r.QueryContext(ctx, fmt.Sprintf(`SELECT `+userColumns+` FROM users `+where+` ORDER BY email LIMIT $%d OFFSET $%d`, len(args)-1, len(args)), args...)
	if err != nil {
		return nil, 0, fmt.Errorf("sqlstore: find users: %w", err)
	}
	defer rows.Close()
	var us []*hitori.User
	for rows.Next() {
		u, err := scanUser(rows)
		if err != nil {
			return nil, 0, fmt.Errorf("sqlstore: scan user: %w", err)
		}
		us = append(us, u)
	}
	return us, total, rows.Err()
}

// UpdateUser applies upd. Demoting or disabling the last active administrator is refused.
func (s *Users) UpdateUser(ctx context.Context, id int64, upd hitori.UserUpdate) (*hitori.User, error) {
	var out *hitori.User
	err := s.db.write(ctx, func(tx *sql.Tx) error {
		u, err := scanUser(tx.QueryRowContext(ctx, `SELECT `+userColumns+` FROM users WHERE id = $1`, id))
		if err != nil {
			return notFound(err, "user")
		}
		wasActiveAdmin := u.Role == hitori.RoleAdmin && !u.Disabled
		if upd.Name != nil {
			u.Name = *upd.Name
		}
		if upd.Role != nil {
			u.Role = *upd.Role
		}
		if upd.Lang != nil {
			u.Lang = *upd.Lang
		}
		if upd.Disabled != nil {
			u.Disabled = *upd.Disabled
		}
		if err := u.Validate(); err != nil {
			return err
		}
		if wasActiveAdmin && (u.Role != hitori.RoleAdmin || u.Disabled) {
			var admins int
			if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM users WHERE role = 'admin' AND disabled = FALSE`).Scan(&admins); err != nil {
				return err
			}
			if admins <= 1 {
				return hitori.KeyError(hitori.ECONFLICT, "error.last_admin")
			}
		}
		u.UpdatedAt = s.db.now()
		if _, err := tx.ExecContext(ctx, `UPDATE users SET name = $1, role = $2, lang = $3, disabled = $4, updated_at = $5 WHERE id = $6`,
			u.Name, string(u.Role), u.Lang, u.Disabled, u.UpdatedAt, id); err != nil {
			return fmt.Errorf("sqlstore: update user: %w", err)
		}
		if u.Disabled {
			if _, err := tx.ExecContext(ctx, `DELETE FROM sessions WHERE user_id = $1`, id); err != nil {
				return err
			}
			// Revoked, not just refused while disabled: re-enabling the
			// account must not bring back tokens its owner may have lost.
			if _, err := tx.ExecContext(ctx, `UPDATE api_tokens SET revoked_at = $1 WHERE user_id = $2 AND revoked_at IS NULL`,
				u.UpdatedAt, id); err != nil {
				return err
			}
		}
		out = u
		return nil
	})
	return out, err
}

// SetPassword replaces a user's password, clears lockout and ends their sessions.
func (s *Users) SetPassword(ctx context.Context, id int64, password string) error {
	if err := hitori.ValidatePassword(password); err != nil {
		return err
	}
	hash, err := s.db.hasher().Hash(password)
	if err != nil {
		return err
	}
	return s.db.write(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE users SET password_hash = $1, failed_logins = 0, locked_until = NULL, updated_at = $2 WHERE id = $3`, hash, s.db.now(), id)
		if err != nil {
			return fmt.Errorf("sqlstore: set password: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return hitori.KeyError(hitori.ENOTFOUND, "error.not_found")
		}
		_, err = tx.ExecContext(ctx, `DELETE FROM sessions WHERE user_id = $1`, id)
		return err
	})
}

// CountUsers returns how many accounts exist (zero means first-run setup).
func (s *Users) CountUsers(ctx context.Context) (int, error) {
	var n int
	err := s.db.r.QueryRowContext(ctx, `SELECT COUNT(*) FROM users`).Scan(&n)
	return n, err
}

// notFound turns sql.ErrNoRows into a user-safe ENOTFOUND.
func notFound(err error, what string) error {
	if errors.Is(err, sql.ErrNoRows) {
		return &hitori.Error{Code: hitori.ENOTFOUND, Message: what + " not found", Key: "error.not_found"}
	}
	if err != nil {
		return fmt.Errorf("sqlstore: find %s: %w", what, err)
	}
	return nil
}

// escapeLike escapes LIKE wildcards in user input.
func escapeLike(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}
