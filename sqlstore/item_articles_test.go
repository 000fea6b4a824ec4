package sqlstore_test

import (
	"context"
	"testing"

	"hitori"
	"hitori/sqlstore"
	"hitori/sqlstore/storetest"
)

func TestItemArticleLinks(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		admin := MustCreateUser(t, db, "admin@example.com", hitori.RoleAdmin)
		sato := MustCreateUser(t, db, "sato@example.com", hitori.RoleRequester)
		actx := hitori.NewContextWithUser(context.Background(), admin)
		sctx := hitori.NewContextWithUser(context.Background(), sato)
		it := &hitori.Item{Type: hitori.TypeTicket, Title: "印刷できない", Source: hitori.SourcePortal, RequesterID: &sato.ID}
		if err := db.Items().CreateItem(sctx, it); err != nil {
			t.Fatal(err)
		}
		pub := &hitori.Article{Title: "印刷の確認手順", Body: "x"}
		staff := &hitori.Article{Title: "プリントサーバーの再起動", Body: "y", Visibility: hitori.VisibleStaff}
		for _, a := range []*hitori.Article{pub, staff} {
			if err := db.Articles().CreateArticle(actx, a); err != nil {
				t.Fatal(err)
			}
			if err := db.Items().LinkArticle(actx, it.ID, a.ID); err != nil {
				t.Fatal(err)
			}
		}
		if err := db.Items().LinkArticle(actx, it.ID, pub.ID); err != nil {
			t.Fatalf("linking twice: %v", err)
		}
		if err := db.Items().LinkArticle(sctx, it.ID, pub.ID); hitori.ErrorCode(err) != hitori.EFORBIDDEN {
			t.Fatalf("requester links: %v", err)
		}
		if got, _ := db.Items().FindItemArticles(actx, it.ID); len(got) != 2 {
			t.Fatalf("staff sees %d linked articles, want 2", len(got))
		}
		if got, _ := db.Items().FindItemArticles(sctx, it.ID); len(got) != 1 || got[0].ID != pub.ID {
			t.Fatalf("requester sees %+v, want only the public article", got)
		}
		if items, err := db.Items().FindArticleItems(actx, staff.ID); err != nil || len(items) != 1 || items[0].ID != it.ID {
			t.Fatalf("article items: %v %v", items, err)
		}
		if err := db.Items().UnlinkArticle(actx, it.ID, staff.ID); err != nil {
			t.Fatal(err)
		}
		if got, _ := db.Items().FindItemArticles(actx, it.ID); len(got) != 1 {
			t.Fatalf("after unlink: %d", len(got))
		}
	})
}
