package kb_test

import (
	"context"
	"log/slog"
	"testing"
	"time"

	"hitori"
	"hitori/changes"
	"hitori/kb"
	"hitori/sqlstore"
	"hitori/sqlstore/storetest"
)

// TestRefreshAcrossProcesses: two services over one database stand for two
// hitori processes; every kind of edit through one reaches the other's index
// on Refresh, and a refresh with nothing new (or only its own edits) changes
// nothing.
func TestRefreshAcrossProcesses(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		requester := hitori.NewContextWithUser(ctx, mustUser(t, db, "sato@example.com", hitori.RoleRequester))
		a, b := kb.New(db.Articles(), db.Articles()), kb.New(db.Articles(), db.Articles())
		for _, s := range []*kb.Service{a, b} {
			if err := s.Load(ctx); err != nil {
				t.Fatal(err)
			}
		}
		art := &hitori.Article{Slug: "vpn", Title: "VPN の接続手順", Body: "クライアントを起動します。"}
		find := func(ctx context.Context, q string) string {
			hits, err := b.Search(ctx, q, []string{"article"}, 5)
			if err != nil {
				t.Fatal(err)
			}
			if len(hits) == 0 {
				return ""
			}
			return hits[0].ID
		}
		steps := []struct {
			name    string
			edit    func() error
			changed bool
			ctx     context.Context
			q, want string
		}{
			{"create", func() error { return a.Create(ctx, art) }, true, ctx, "VPN", "vpn"},
			{"nothing new", func() error { return nil }, false, ctx, "VPN", "vpn"},
			{"edit", func() error { art.Body = "証明書を入れ替えます。"; return a.Update(ctx, art) }, true, ctx, "証明書", "vpn"},
			{"new slug", func() error { art.Slug = "vpn-2"; return a.Update(ctx, art) }, true, ctx, "証明書", "vpn-2"},
			{"staff only", func() error { art.Visibility = hitori.VisibleStaff; return a.Update(ctx, art) }, true, requester, "証明書", ""},
			{"own edit", func() error { art.Visibility = hitori.VisibleEveryone; return b.Update(ctx, art) }, false, requester, "証明書", "vpn-2"},
			{"delete", func() error { return a.Delete(ctx, art.ID) }, true, ctx, "VPN", ""},
		}
		for _, st := range steps {
			if err := st.edit(); err != nil {
				t.Fatalf("%s: %v", st.name, err)
			}
			changed, err := b.Refresh(ctx)
			if err != nil || changed != st.changed {
				t.Errorf("%s: refresh changed %v (%v), want %v", st.name, changed, err, st.changed)
			}
			if got := find(st.ctx, st.q); got != st.want {
				t.Errorf("%s: search %q finds %q, want %q", st.name, st.q, got, st.want)
			}
		}
	})
}

// TestFollow: a service following the database's changes finds an article
// another process created without anyone calling Refresh.
func TestFollow(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		log := slog.New(slog.DiscardHandler)
		hub := changes.New(sqlstore.NewChanges(db, log), log)
		go hub.Run(ctx)
		follower := kb.New(db.Articles(), db.Articles())
		if err := follower.Load(ctx); err != nil {
			t.Fatal(err)
		}
		follower.Follow(ctx, hub, log)
		if err := kb.New(db.Articles(), db.Articles()).Create(ctx, &hitori.Article{Slug: "printer", Title: "プリンターの追加", Body: "設定から追加します。"}); err != nil {
			t.Fatal(err)
		}
		// Generous: this checks that the change arrives; e2e checks how fast.
		for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(50 * time.Millisecond) {
			if hits, _ := follower.Search(ctx, "プリンター", []string{"article"}, 5); len(hits) == 1 {
				break
			}
			if time.Now().After(deadline) {
				t.Fatal("the following service never found the new article")
			}
		}
	})
}
