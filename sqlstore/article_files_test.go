package sqlstore_test

import (
	"context"
	"strings"
	"testing"

	"hitori"
	"hitori/sqlstore"
	"hitori/sqlstore/storetest"
)

func TestArticleFilesStore(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		admin := MustCreateUser(t, db, "admin@example.com", hitori.RoleAdmin)
		req := MustCreateUser(t, db, "sato@example.com", hitori.RoleRequester)
		ctx := hitori.NewContextWithUser(context.Background(), admin)
		a := &hitori.Article{Title: "手順", Body: "x", Visibility: hitori.VisibleStaff}
		if err := db.Articles().CreateArticle(ctx, a); err != nil {
			t.Fatal(err)
		}
		sum := strings.Repeat("a", 64)
		tests := []struct {
			name string
			f    hitori.ArticleFile
			code string
		}{
			{"ok", hitori.ArticleFile{ArticleID: a.ID, Name: "図.png", ContentType: "image/png", Size: 10, SHA256: sum}, ""},
			{"no name", hitori.ArticleFile{ArticleID: a.ID, Name: " ", Size: 10, SHA256: sum}, hitori.EINVALID},
			{"too big", hitori.ArticleFile{ArticleID: a.ID, Name: "x", Size: hitori.MaxArticleFileSize + 1, SHA256: sum}, hitori.EINVALID},
			{"no article", hitori.ArticleFile{ArticleID: 999, Name: "x", Size: 1, SHA256: sum}, hitori.ENOTFOUND},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				if err := db.Articles().AddArticleFile(ctx, &tt.f); hitori.ErrorCode(err) != tt.code {
					t.Fatalf("got %v, want code %q", err, tt.code)
				}
			})
		}
		rctx := hitori.NewContextWithUser(context.Background(), req)
		if _, err := db.Articles().FindArticleFiles(rctx, a.ID); hitori.ErrorCode(err) != hitori.ENOTFOUND {
			t.Fatalf("requester lists a staff article's files: %v", err)
		}
		if err := db.Articles().AddArticleFile(rctx, &hitori.ArticleFile{ArticleID: a.ID, Name: "x", Size: 1, SHA256: sum}); hitori.ErrorCode(err) != hitori.EFORBIDDEN {
			t.Fatalf("requester upload: %v", err)
		}
		files, err := db.Articles().FindArticleFiles(ctx, a.ID)
		if err != nil || len(files) != 1 || files[0].Author != "admin@example.com" {
			t.Fatalf("files = %+v, %v", files, err)
		}
	})
}
