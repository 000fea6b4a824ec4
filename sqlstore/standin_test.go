package sqlstore_test

import (
	"context"
	"testing"
	"time"

	"hitori"
	"hitori/sqlstore"
	"hitori/sqlstore/storetest"
)

// TestStandins: a grant makes a password-less stand-in account, refuses a
// regular account's address and a second open grant, spends its link once
// and only inside its window, and revoking ends the account's sessions.
func TestStandins(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		now := time.Date(2026, 11, 25, 1, 0, 0, 0, time.UTC)
		db.Now = func() time.Time { return now }
		st := db.Standins()
		admin := MustCreateUser(t, db, "admin@example.com", hitori.RoleAdmin)
		MustCreateUser(t, db, "tech@example.com", hitori.RoleTechnician)

		g := &hitori.Standin{Name: "山田", Email: "yamada@vendor.example", From: now.Add(time.Hour), Until: now.Add(48 * time.Hour), Entries: []string{"a", "b"}}
		if err := st.CreateStandin(ctx, g, admin, "192.0.2.1"); err != nil {
			t.Fatal(err)
		}
		u, err := db.Users().FindUserByID(ctx, g.UserID)
		if err != nil || u.Role != hitori.RoleStandin {
			t.Fatalf("account: %+v, %v", u, err)
		}
		if _, err := db.Auth().Authenticate(ctx, "yamada@vendor.example", "", "192.0.2.9"); err == nil {
			t.Error("the password-less account signed in with an empty password")
		}
		for name, email := range map[string]string{"regular account": "tech@example.com", "open grant": "yamada@vendor.example"} {
			again := &hitori.Standin{Name: "x", Email: email, From: now, Until: now.Add(time.Hour)}
			if err := st.CreateStandin(ctx, again, admin, ""); hitori.ErrorCode(err) != hitori.EINVALID {
				t.Errorf("%s: %v, want EINVALID", name, err)
			}
		}
		got, err := st.FindStandin(ctx, g.ID)
		if err != nil || len(got.Entries) != 2 || !got.From.Equal(g.From) || !got.Until.Equal(g.Until) {
			t.Fatalf("find: %+v, %v", got, err)
		}

		if err := st.SetStandinLink(ctx, g.ID, "tok-1", admin, ""); err != nil {
			t.Fatal(err)
		}
		if _, err := st.ConsumeStandinLink(ctx, "tok-1", now); hitori.ErrorMessage(err) != "error.standin_ended" {
			t.Errorf("before From: %v, want error.standin_ended", err)
		}
		now = now.Add(2 * time.Hour)
		if c, err := st.ConsumeStandinLink(ctx, "tok-1", now); err != nil || c.ID != g.ID {
			t.Fatalf("inside the window: %+v, %v", c, err)
		}
		if _, err := st.ConsumeStandinLink(ctx, "tok-1", now); hitori.ErrorCode(err) != hitori.EUNAUTHORIZED {
			t.Errorf("second use: %v, want EUNAUTHORIZED", err)
		}
		if cur, err := st.CurrentStandin(ctx, g.UserID); err != nil || cur.ID != g.ID {
			t.Errorf("current: %+v, %v", cur, err)
		}

		session, _, err := db.Auth().CreateSession(ctx, g.UserID, false, "", "")
		if err != nil {
			t.Fatal(err)
		}
		if err := st.RevokeStandin(ctx, g.ID, admin, ""); err != nil {
			t.Fatal(err)
		}
		if _, _, err := db.Auth().FindSession(ctx, session); hitori.ErrorCode(err) != hitori.EUNAUTHORIZED {
			t.Errorf("session after revoke: %v, want EUNAUTHORIZED", err)
		}
		ended, err := st.EndedStandins(ctx, now)
		if err != nil || len(ended) != 1 {
			t.Fatalf("ended: %d, %v", len(ended), err)
		}
		if err := st.CloseStandin(ctx, g.ID, hitori.AuditStandinRevoke); err != nil {
			t.Fatal(err)
		}
		if ended, _ := st.EndedStandins(ctx, now); len(ended) != 0 {
			t.Errorf("ended after close = %d", len(ended))
		}
		if _, err := st.CurrentStandin(ctx, g.UserID); hitori.ErrorCode(err) != hitori.ENOTFOUND {
			t.Errorf("current after close: %v", err)
		}
		// A new grant for the same address reuses the account.
		g2 := &hitori.Standin{Name: "山田", Email: "yamada@vendor.example", From: now, Until: now.Add(time.Hour)}
		if err := st.CreateStandin(ctx, g2, admin, ""); err != nil || g2.UserID != g.UserID {
			t.Fatalf("second grant: user %d, %v", g2.UserID, err)
		}
		if open, err := st.ListStandins(ctx, false, now); err != nil || len(open) != 1 {
			t.Errorf("open list: %d, %v", len(open), err)
		}
		if all, err := st.ListStandins(ctx, true, now); err != nil || len(all) != 2 {
			t.Errorf("full list: %d, %v", len(all), err)
		}
	})
}
