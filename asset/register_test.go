package asset

import (
	"context"
	"testing"
	"time"

	"hitori"
	"hitori/sqlstore"
	"hitori/sqlstore/storetest"
)

// regFixture is a real database with one account of each role and a
// service whose clock is fixed on 2026-11-25 in Tokyo.
type regFixture struct {
	svc                                  *Service
	admin, tech, viewer, requester       *hitori.User
	adminCtx, techCtx, viewerCtx, reqCtx context.Context
}

func newRegFixture(t *testing.T, db *sqlstore.DB) *regFixture {
	t.Helper()
	f := &regFixture{svc: New(db.Assets())}
	f.svc.Now = func() time.Time { return time.Date(2026, 11, 25, 9, 0, 0, 0, tokyo) }
	mk := func(email string, role hitori.Role) (*hitori.User, context.Context) {
		u := &hitori.User{Email: email, Name: email, Role: role}
		if err := db.Users().CreateUser(context.Background(), u, "password123"); err != nil {
			t.Fatalf("create user %s: %v", email, err)
		}
		return u, hitori.NewContextWithUser(context.Background(), u)
	}
	f.admin, f.adminCtx = mk("admin@example.com", hitori.RoleAdmin)
	f.tech, f.techCtx = mk("tech@example.com", hitori.RoleTechnician)
	f.viewer, f.viewerCtx = mk("viewer@example.com", hitori.RoleViewer)
	f.requester, f.reqCtx = mk("sato@example.com", hitori.RoleRequester)
	return f
}

func wantCode(tb testing.TB, err error, code string) {
	tb.Helper()
	if hitori.ErrorCode(err) != code {
		tb.Fatalf("got %v, want %s", err, code)
	}
}

func wantField(tb testing.TB, err error, field string) {
	tb.Helper()
	e, ok := hitori.AsError(err)
	if !ok || e.Fields[field] == "" {
		tb.Fatalf("got %v, want a field error on %q", err, field)
	}
}

func TestRegisterAccess(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		f := newRegFixture(t, db)
		a := &hitori.Asset{Number: "PC-1", Type: hitori.AssetPC}
		if err := f.svc.Create(f.techCtx, a); err != nil {
			t.Fatal(err)
		}
		for _, tc := range []struct {
			name        string
			ctx         context.Context
			read, admin bool
		}{
			{"admin", f.adminCtx, true, true},
			{"technician", f.techCtx, true, false},
			{"viewer", f.viewerCtx, false, false},
			{"requester", f.reqCtx, false, false},
			{"system", context.Background(), true, true},
		} {
			t.Run(tc.name, func(t *testing.T) {
				_, err := f.svc.Asset(tc.ctx, a.ID)
				_, _, listErr := f.svc.Assets(tc.ctx, hitori.AssetFilter{})
				_, peopleErr := f.svc.Departments(tc.ctx)
				for _, err := range []error{err, listErr, peopleErr} {
					if (err == nil) != tc.read {
						t.Errorf("read: %v, want allowed=%v", err, tc.read)
					}
				}
				err = f.svc.SaveFieldDef(tc.ctx, &hitori.AssetFieldDef{Type: hitori.AssetPC, Name: "メモリ " + tc.name})
				if (err == nil) != tc.admin {
					t.Errorf("define field: %v, want allowed=%v", err, tc.admin)
				}
			})
		}
		if _, err := f.svc.Delete(f.techCtx, a.ID); hitori.ErrorCode(err) != hitori.EFORBIDDEN {
			t.Errorf("technician deleted: %v", err)
		}
		if _, err := f.svc.Delete(f.adminCtx, a.ID); err != nil {
			t.Errorf("admin delete: %v", err)
		}
	})
}

func TestRegisterRules(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		f := newRegFixture(t, db)
		ctx := f.techCtx
		if err := f.svc.SaveFieldDef(f.adminCtx, &hitori.AssetFieldDef{Type: hitori.AssetPC, Name: "メモリ"}); err != nil {
			t.Fatal(err)
		}
		wantField(t, f.svc.Create(ctx, &hitori.Asset{Number: "X", Type: hitori.AssetPC, Custom: map[string]string{"色": "黒"}}), "custom.色")
		wantField(t, f.svc.Create(ctx, &hitori.Asset{Number: "X", Status: hitori.AssetOnLoan}), "status")
		a := &hitori.Asset{Number: "PC-1", Type: hitori.AssetPC, Custom: map[string]string{"メモリ": "16GB", "空": " "}}
		if err := f.svc.Create(ctx, a); err != nil {
			t.Fatal(err)
		}
		if len(a.Custom) != 1 {
			t.Errorf("empty custom value kept: %v", a.Custom)
		}
		_, err := f.svc.Update(ctx, a.ID, "", func(a *hitori.Asset) error { a.Status = hitori.AssetOnLoan; return nil })
		wantField(t, err, "status")

		p := &hitori.Person{Name: "田中", Active: true}
		if err := f.svc.SavePerson(ctx, p); err != nil {
			t.Fatal(err)
		}
		wantField(t, f.svc.CheckOut(ctx, a.ID, p.ID, "2026-11-24", ""), "loan_due")
		if err := f.svc.CheckOut(ctx, a.ID, p.ID, "2026-11-25", "当日返却"); err != nil {
			t.Fatal(err)
		}
		_, err = f.svc.Update(ctx, a.ID, "", func(a *hitori.Asset) error { a.Status = hitori.AssetInUse; return nil })
		wantField(t, err, "status")
		over, err := f.svc.OverdueLoans(ctx)
		if err != nil || len(over) != 0 {
			t.Errorf("overdue on the due day = %v, %v", over, err)
		}
		f.svc.Now = func() time.Time { return time.Date(2026, 11, 26, 0, 30, 0, 0, tokyo) }
		if over, _ := f.svc.OverdueLoans(ctx); len(over) != 1 {
			t.Errorf("overdue the next morning in Tokyo = %d", len(over))
		}
		if err := f.svc.CheckIn(ctx, a.ID, "倉庫", ""); err != nil {
			t.Fatal(err)
		}
		if err := f.svc.SetStatus(ctx, a.ID, "lost", ""); err == nil {
			t.Error("unknown status accepted")
		}
		if err := f.svc.SetStatus(ctx, a.ID, hitori.AssetRetiring, "入替"); err != nil {
			t.Fatal(err)
		}
		h, _ := f.svc.History(ctx, a.ID)
		kinds := []hitori.AssetEventKind{hitori.AssetStatusSet, hitori.AssetCheckIn, hitori.AssetCheckOut, hitori.AssetCreated}
		if len(h) != len(kinds) {
			t.Fatalf("history = %d entries", len(h))
		}
		for i, k := range kinds {
			if h[i].Kind != k || h[i].ActorID != f.tech.ID {
				t.Errorf("history[%d] = %s by %d, want %s by %d", i, h[i].Kind, h[i].ActorID, k, f.tech.ID)
			}
		}
	})
}

func TestRegisterStocktake(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		f := newRegFixture(t, db)
		ctx := f.techCtx
		a := &hitori.Asset{Number: "S-1", Location: "1F"}
		if err := f.svc.Create(ctx, a); err != nil {
			t.Fatal(err)
		}
		_, err := f.svc.ConfirmSeen(ctx, a.ID, hitori.StocktakeConfirm{Location: "1F"})
		wantCode(t, err, hitori.ECONFLICT)
		if _, err := f.svc.StartStocktake(f.viewerCtx, ""); hitori.ErrorCode(err) != hitori.EFORBIDDEN {
			t.Errorf("viewer started a round: %v", err)
		}
		round, err := f.svc.StartStocktake(ctx, "")
		if err != nil {
			t.Fatal(err)
		}
		got, err := f.svc.ConfirmSeen(ctx, a.ID, hitori.StocktakeConfirm{Location: "1F"})
		if err != nil || got.Seen != 1 || got.Total != 1 {
			t.Fatalf("progress = %+v, %v", got, err)
		}
		if seen, _ := f.svc.SeenInRound(ctx, round, a.ID); !seen {
			t.Error("not seen")
		}
		if un, _ := f.svc.Unseen(ctx, round, 0); len(un) != 0 {
			t.Errorf("unseen = %d", len(un))
		}
	})
}
