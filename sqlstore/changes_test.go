package sqlstore_test

import (
	"context"
	"maps"
	"slices"
	"strings"
	"testing"

	"hitori"
	"hitori/sqlstore"
	"hitori/sqlstore/storetest"
)

// TestChangesRecordedByWrites: each write of shared data raises its topic's
// version, and only its topic's; a refused write raises none.
func TestChangesRecordedByWrites(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background() // the command line: a system write
		c := sqlstore.NewChanges(db, nil)
		a := &hitori.Article{Slug: "vpn", Title: "VPN の接続手順", Body: "クライアントを起動します。"}
		f := &hitori.ArticleFile{Name: "図.png", ContentType: "image/png", Size: 10, SHA256: strings.Repeat("a", 64)}
		tests := []struct {
			name  string
			write func() error
			want  []hitori.Topic
		}{
			{"create article", func() error { return db.Articles().CreateArticle(ctx, a) }, []hitori.Topic{hitori.TopicArticles}},
			{"edit article", func() error { a.Visibility = hitori.VisibleStaff; return db.Articles().UpdateArticle(ctx, a) }, []hitori.Topic{hitori.TopicArticles}},
			{"refused edit", func() error { stale := *a; stale.Revision = 1; return db.Articles().UpdateArticle(ctx, &stale) }, nil},
			{"add file", func() error { f.ArticleID = a.ID; return db.Articles().AddArticleFile(ctx, f) }, []hitori.Topic{hitori.TopicArticles}},
			{"delete file", func() error { return db.Articles().DeleteArticleFile(ctx, a.ID, f.ID) }, []hitori.Topic{hitori.TopicArticles}},
			{"save synonyms", func() error {
				return db.Settings().SetSetting(ctx, hitori.SettingSynonyms, "カフェテリア, 食堂")
			}, []hitori.Topic{hitori.TopicSynonyms}},
			{"save work settings", func() error { return db.Settings().SetSetting(ctx, "work.settings", "{}") }, []hitori.Topic{hitori.TopicSettings}},
			{"delete article", func() error { return db.Articles().DeleteArticle(ctx, a.ID) }, []hitori.Topic{hitori.TopicArticles}},
			{"delete missing article", func() error { return db.Articles().DeleteArticle(ctx, a.ID) }, nil},
		}
		for _, tt := range tests {
			before := mustVersions(t, c)
			err := tt.write()
			if (err != nil) != (tt.want == nil) {
				t.Fatalf("%s: error %v", tt.name, err)
			}
			after := mustVersions(t, c)
			var got []hitori.Topic
			for topic, v := range after {
				if v != before[topic] {
					got = append(got, topic)
				}
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("%s: topics changed %v, want %v", tt.name, got, tt.want)
			}
		}
	})
}

func mustVersions(tb testing.TB, c *sqlstore.Changes) map[hitori.Topic]int64 {
	tb.Helper()
	vs, err := c.Versions(context.Background())
	if err != nil {
		tb.Fatal(err)
	}
	return maps.Clone(vs)
}
