package sqlstore_test

import (
	"context"
	"testing"

	"hitori"
	"hitori/sqlstore"
	"hitori/sqlstore/storetest"
)

func TestArticleRevisionsAndConflicts(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		admin := MustCreateUser(t, db, "admin@example.com", hitori.RoleAdmin)
		ctx := hitori.NewContextWithUser(context.Background(), admin)
		a := &hitori.Article{Slug: "kb-001", Title: "印刷できない", Body: "1. 電源を確認", Kind: hitori.KindRunbook, Tags: []string{"印刷", "印刷", " 複合機 "}}
		if err := db.Articles().CreateArticle(ctx, a); err != nil {
			t.Fatal(err)
		}
		if len(a.Tags) != 2 || a.Revision != 1 {
			t.Fatalf("tags %v revision %d", a.Tags, a.Revision)
		}
		stale := *a
		a.Body = "1. 電源を確認\n2. 再起動"
		if err := db.Articles().UpdateArticle(ctx, a); err != nil || a.Revision != 2 {
			t.Fatalf("update: %v, revision %d", err, a.Revision)
		}
		stale.Body = "上書き"
		if err := db.Articles().UpdateArticle(ctx, &stale); hitori.ErrorCode(err) != hitori.ECONFLICT {
			t.Fatalf("stale update: got %v, want ECONFLICT", err)
		}
		revs, err := db.Articles().FindArticleRevisions(ctx, a.ID)
		if err != nil || len(revs) != 2 || revs[0].Revision != 2 || revs[1].Body != "1. 電源を確認" || revs[0].Author != "admin@example.com" {
			t.Fatalf("revisions = %+v, %v", revs, err)
		}
		dup := &hitori.Article{Slug: "kb-001", Title: "x"}
		if err := db.Articles().CreateArticle(ctx, dup); hitori.ErrorCode(err) != hitori.EINVALID {
			t.Fatalf("duplicate slug: %v", err)
		}
		got, err := db.Articles().FindArticleBySlug(ctx, "kb-001")
		if err != nil || got.ID != a.ID || got.Revision != 2 {
			t.Fatalf("by slug: %+v, %v", got, err)
		}
		list, total, err := db.Articles().FindArticles(ctx, hitori.ArticleFilter{Tag: "複合機"})
		if err != nil || total != 1 || len(list) != 1 {
			t.Fatalf("tag filter: %d, %v", total, err)
		}
	})
}

func TestArticleVisibility(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		admin := MustCreateUser(t, db, "admin@example.com", hitori.RoleAdmin)
		sato := MustCreateUser(t, db, "sato@example.com", hitori.RoleRequester)
		suzuki := MustCreateUser(t, db, "suzuki@example.com", hitori.RoleRequester)
		adminCtx := hitori.NewContextWithUser(context.Background(), admin)
		create := func(title string, v hitori.Visibility, readers ...int64) *hitori.Article {
			a := &hitori.Article{Title: title, Body: "本文", Visibility: v, Readers: readers}
			if err := db.Articles().CreateArticle(adminCtx, a); err != nil {
				t.Fatal(err)
			}
			return a
		}
		public := create("公開", hitori.VisibleEveryone)
		staffOnly := create("スタッフのみ", hitori.VisibleStaff)
		restricted := create("限定", hitori.VisibleRestricted, sato.ID)
		tests := []struct {
			name    string
			user    *hitori.User
			article *hitori.Article
			visible bool
		}{
			{"requester reads public", sato, public, true},
			{"requester cannot read staff", sato, staffOnly, false},
			{"named requester reads restricted", sato, restricted, true},
			{"other requester cannot read restricted", suzuki, restricted, false},
			{"admin reads staff", admin, staffOnly, true},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				ctx := hitori.NewContextWithUser(context.Background(), tt.user)
				_, err := db.Articles().FindArticleByID(ctx, tt.article.ID)
				if got := err == nil; got != tt.visible {
					t.Fatalf("FindArticleByID visible=%v (err %v), want %v", got, err, tt.visible)
				}
				list, _, err := db.Articles().FindArticles(ctx, hitori.ArticleFilter{})
				if err != nil {
					t.Fatal(err)
				}
				listed := false
				for _, a := range list {
					listed = listed || a.ID == tt.article.ID
				}
				if listed != tt.visible {
					t.Fatalf("FindArticles listed=%v, want %v", listed, tt.visible)
				}
			})
		}
		reqCtx := hitori.NewContextWithUser(context.Background(), sato)
		if err := db.Articles().CreateArticle(reqCtx, &hitori.Article{Title: "x"}); hitori.ErrorCode(err) != hitori.EFORBIDDEN {
			t.Fatalf("requester create: %v", err)
		}
	})
}
