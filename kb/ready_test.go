package kb_test

import (
	"context"
	"log/slog"
	"testing"

	"hitori"
	"hitori/kb"
	"hitori/sqlstore"
	"hitori/sqlstore/storetest"
)

// TestLoadInBackground: a service whose index loads in the background
// answers searches and chat only from the whole index: the first search
// waits for the load instead of finding nothing.
func TestLoadInBackground(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		writer := kb.New(db.Articles(), db.Articles())
		for i, title := range []string{"VPN の接続手順", "プリンターの設定", "Outlook の署名"} {
			a := &hitori.Article{Slug: string(rune('a' + i)), Title: title, Body: title + "について説明します。"}
			if err := writer.Create(ctx, a); err != nil {
				t.Fatal(err)
			}
		}
		s := kb.New(db.Articles(), db.Articles())
		s.LoadInBackground(ctx, slog.New(slog.DiscardHandler))
		s.LoadInBackground(ctx, slog.New(slog.DiscardHandler)) // once only
		for _, q := range []string{"VPN", "プリンター", "Outlook"} {
			hits, _, err := s.SearchAll(ctx, q, []string{"article"}, 5, false)
			if err != nil || len(hits) == 0 {
				t.Fatalf("search %q right after the background load began: %v, %v", q, hits, err)
			}
		}
		if ans, err := s.Chat(ctx, "VPN の接続手順を教えて"); err != nil || len(ans.Articles) == 0 {
			t.Fatalf("chat: %+v, %v", ans, err)
		}
		cancelled, cancel := context.WithCancel(ctx)
		cancel()
		if _, _, err := s.SearchAll(cancelled, "VPN", nil, 5, false); err != nil && err != context.Canceled {
			t.Fatalf("search with a cancelled context after the load: %v", err)
		}
	})
}
