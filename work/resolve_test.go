package work

import (
	"context"
	"testing"

	"hitori"
	"hitori/sqlstore"
	"hitori/sqlstore/storetest"
)

func TestResolveMine(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		f := newFixture(t, db)
		suzuki := mustUser(t, db, "suzuki@example.com", hitori.RoleRequester)
		viewer := mustUser(t, db, "viewer@example.com", hitori.RoleViewer)
		as := func(u *hitori.User) context.Context { return hitori.NewContextWithUser(context.Background(), u) }
		techs := &hitori.Item{Title: "技術者自身の問い合わせ", RequesterID: &f.tech.ID}
		if err := f.svc.Create(f.techCtx, techs); err != nil {
			t.Fatal(err)
		}
		done := f.mustItem(t, "もう解決済み", 4)
		resolved := hitori.StatusResolved
		if _, err := f.svc.Update(f.techCtx, done.ID, hitori.ItemUpdate{Status: &resolved}); err != nil {
			t.Fatal(err)
		}
		dup, into := f.mustItem(t, "重複", 4), f.mustItem(t, "統合先", 4)
		if err := db.Items().MergeItems(f.techCtx, dup.ID, into.ID); err != nil {
			t.Fatal(err)
		}
		tests := []struct {
			name string
			ctx  context.Context
			id   int64
			code string
		}{
			{"own open item", f.satoCtx, f.mustItem(t, "VPN がつながらない", 3).ID, ""},
			{"staff on an item they asked", f.techCtx, techs.ID, ""},
			{"someone else's item", as(suzuki), f.mustItem(t, "佐藤さんの問い合わせ", 4).ID, hitori.ENOTFOUND},
			{"staff on someone else's item", f.techCtx, f.mustItem(t, "佐藤さんの別件", 4).ID, hitori.ENOTFOUND},
			{"already resolved", f.satoCtx, done.ID, hitori.ECONFLICT},
			{"merged duplicate", f.satoCtx, dup.ID, hitori.ECONFLICT},
			{"viewer", as(viewer), f.mustItem(t, "閲覧者", 4).ID, hitori.EFORBIDDEN},
			{"the system", context.Background(), f.mustItem(t, "システム", 4).ID, hitori.EFORBIDDEN},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				before := f.mustFind(t, tt.id).Status
				_, err := f.svc.ResolveMine(tt.ctx, tt.id)
				wantCode(t, err, tt.code)
				got := f.mustFind(t, tt.id)
				if tt.code != "" {
					if got.Status != before {
						t.Errorf("refused: status %s, want %s", got.Status, before)
					}
					return
				}
				if got.Status != hitori.StatusResolved || got.ResolvedAt == nil {
					t.Errorf("status %s resolved at %v, want resolved", got.Status, got.ResolvedAt)
				}
			})
		}
	})
}

// TestRequesterUpdateOnlyResolves: the store holds a requester to closing
// their own item as solved, whichever caller reaches it.
func TestRequesterUpdateOnlyResolves(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		f := newFixture(t, db)
		title, resolved, progress := "変えた件名", hitori.StatusResolved, hitori.StatusInProgress
		for name, upd := range map[string]hitori.ItemUpdate{
			"title":              {Title: &title},
			"another status":     {Status: &progress},
			"resolved and title": {Status: &resolved, Title: &title},
		} {
			t.Run(name, func(t *testing.T) {
				it := f.mustItem(t, name, 4)
				_, err := db.Items().UpdateItem(f.satoCtx, it.ID, upd)
				wantCode(t, err, hitori.EFORBIDDEN)
			})
		}
	})
}
