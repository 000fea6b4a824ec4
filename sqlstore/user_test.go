package sqlstore_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"hitori"
	"hitori/sqlstore"
	"hitori/sqlstore/storetest"
)

// MustCreateUser creates a user with password "password123" or fails the test.
func MustCreateUser(tb testing.TB, db *sqlstore.DB, email string, role hitori.Role) *hitori.User {
	tb.Helper()
	u := &hitori.User{Email: email, Name: email, Role: role}
	if err := db.Users().CreateUser(context.Background(), u, "password123"); err != nil {
		tb.Fatalf("create user %s: %v", email, err)
	}
	return u
}

func TestUsers(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		admin := MustCreateUser(t, db, "Admin@Example.com", hitori.RoleAdmin)
		if admin.Email != "admin@example.com" {
			t.Fatalf("email not normalised: %q", admin.Email)
		}
		MustCreateUser(t, db, "sato@example.com", hitori.RoleRequester)

		tests := []struct {
			name  string
			user  hitori.User
			pw    string
			field string
		}{
			{"duplicate", hitori.User{Email: "admin@example.com", Role: hitori.RoleViewer}, "password123", "email"},
			{"bad email", hitori.User{Email: "not-an-address", Role: hitori.RoleViewer}, "password123", "email"},
			{"bad role", hitori.User{Email: "x@example.com", Role: "root"}, "password123", "role"},
			{"short password", hitori.User{Email: "y@example.com", Role: hitori.RoleViewer}, "short", "password"},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				err := db.Users().CreateUser(ctx, &tt.user, tt.pw)
				e, ok := hitori.AsError(err)
				if !ok || e.Code != hitori.EINVALID || e.Fields[tt.field] == "" {
					t.Fatalf("got %v, want EINVALID on %s", err, tt.field)
				}
			})
		}

		users, total, err := db.Users().FindUsers(ctx, hitori.UserFilter{Query: "SATO"})
		if err != nil || total != 1 || len(users) != 1 || users[0].Role != hitori.RoleRequester {
			t.Fatalf("FindUsers = %v, %d, %v", users, total, err)
		}
		role := hitori.RoleViewer
		if _, err := db.Users().UpdateUser(ctx, admin.ID, hitori.UserUpdate{Role: &role}); hitori.ErrorCode(err) != hitori.ECONFLICT {
			t.Fatalf("demoting last admin: got %v, want ECONFLICT", err)
		}
		got, err := db.Users().FindUserByEmail(ctx, " ADMIN@example.com ")
		if err != nil || got.ID != admin.ID || got.CreatedAt.Location() != time.UTC {
			t.Fatalf("FindUserByEmail = %+v, %v", got, err)
		}
		if _, err := db.Users().FindUserByID(ctx, 9999); hitori.ErrorCode(err) != hitori.ENOTFOUND {
			t.Fatalf("missing user: got %v", err)
		}
	})
}

// TestCreateFirstUserOnce: browsers racing through first-run setup make
// exactly one administrator.
func TestCreateFirstUserOnce(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		const n = 6
		errs := make(chan error, n)
		for i := 0; i < n; i++ {
			go func(i int) {
				u := &hitori.User{Email: fmt.Sprintf("admin%d@example.com", i), Role: hitori.RoleAdmin}
				errs <- db.Users().CreateFirstUser(context.Background(), u, "password123")
			}(i)
		}
		ok := 0
		for i := 0; i < n; i++ {
			err := <-errs
			if err == nil {
				ok++
			} else if hitori.ErrorCode(err) != hitori.EFORBIDDEN {
				t.Errorf("unexpected error: %v", err)
			}
		}
		if count, _ := db.Users().CountUsers(context.Background()); ok != 1 || count != 1 {
			t.Fatalf("%d succeeded, %d users; want exactly one", ok, count)
		}
	})
}
