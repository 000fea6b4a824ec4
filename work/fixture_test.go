package work

import (
	"context"
	"testing"
	"time"

	"hitori"
	"hitori/sqlstore"
)

// fixture is a real database with a technician and a requester, and a
// service on it whose clock is fixed on a Wednesday morning in Tokyo.
type fixture struct {
	db               *sqlstore.DB
	svc              *Service
	tech, sato       *hitori.User
	techCtx, satoCtx context.Context
}

func newFixture(t *testing.T, db *sqlstore.DB) *fixture {
	t.Helper()
	f := &fixture{db: db, svc: New(db.Items(), db.Settings())}
	f.svc.Now = func() time.Time { return time.Date(2026, 11, 25, 9, 0, 0, 0, time.FixedZone("JST", 9*3600)) }
	f.tech = mustUser(t, db, "tech@example.com", hitori.RoleTechnician)
	f.sato = mustUser(t, db, "sato@example.com", hitori.RoleRequester)
	f.techCtx = hitori.NewContextWithUser(context.Background(), f.tech)
	f.satoCtx = hitori.NewContextWithUser(context.Background(), f.sato)
	return f
}

func mustUser(tb testing.TB, db *sqlstore.DB, email string, role hitori.Role) *hitori.User {
	tb.Helper()
	u := &hitori.User{Email: email, Name: email, Role: role}
	if err := db.Users().CreateUser(context.Background(), u, "password123"); err != nil {
		tb.Fatalf("create user %s: %v", email, err)
	}
	return u
}

// mustItem opens a ticket of sato's in quadrant q.
func (f *fixture) mustItem(tb testing.TB, title string, q hitori.Quadrant) *hitori.Item {
	tb.Helper()
	it := &hitori.Item{Title: title, RequesterID: &f.sato.ID}
	it.Urgent, it.Important = q.Flags()
	if err := f.svc.Create(f.techCtx, it); err != nil {
		tb.Fatalf("create %q: %v", title, err)
	}
	return it
}

// mustFind reads an item as the system sees it.
func (f *fixture) mustFind(tb testing.TB, id int64) *hitori.Item {
	tb.Helper()
	it, err := f.db.Items().FindItemByID(context.Background(), id)
	if err != nil {
		tb.Fatalf("find #%d: %v", id, err)
	}
	return it
}

// wantCode fails unless err has code want ("" for no error).
func wantCode(tb testing.TB, err error, want string) {
	tb.Helper()
	if got := hitori.ErrorCode(err); got != want {
		tb.Fatalf("error %v (code %q), want code %q", err, got, want)
	}
}
