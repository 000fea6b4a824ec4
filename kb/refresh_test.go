package kb_test

import (
	"context"
	"testing"

	"hitori"
	"hitori/kb"
	"hitori/sqlstore"
	"hitori/sqlstore/storetest"
)

// TestRefreshAcrossProcesses: two services over one database stand for two
// hitori processes; edits through one reach the other's index on Refresh.
func TestRefreshAcrossProcesses(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		a, b := kb.New(db, db), kb.New(db, db)
		if err := a.Load(ctx); err != nil {
			t.Fatal(err)
		}
		if err := b.Load(ctx); err != nil {
			t.Fatal(err)
		}
		art := &hitori.Article{Slug: "vpn", Title: "VPN の接続手順", Body: "クライアントを起動します。"}
		if err := a.Create(ctx, art); err != nil {
			t.Fatal(err)
		}
		count := func(s *kb.Service, q string) int {
			hits, err := s.Search(ctx, q, []string{"article"}, 5)
			if err != nil {
				t.Fatal(err)
			}
			return len(hits)
		}
		if count(b, "VPN") != 0 {
			t.Fatal("b saw the article before refreshing")
		}
		if changed, err := b.Refresh(ctx); err != nil || !changed {
			t.Fatalf("refresh: %v %v", changed, err)
		}
		if count(b, "VPN") != 1 {
			t.Fatal("b does not find the article after refreshing")
		}
		if changed, _ := b.Refresh(ctx); changed {
			t.Fatal("refresh without changes reloaded")
		}
		if err := a.Delete(ctx, art.ID); err != nil {
			t.Fatal(err)
		}
		b.Refresh(ctx)
		if count(b, "VPN") != 0 {
			t.Fatal("b still finds the deleted article")
		}
	})
}
