package sqlstore_test

import (
	"context"
	"errors"
	"net/url"
	"testing"
	"time"

	"hitori"
	"hitori/auth"
	"hitori/sqlstore"
	"hitori/sqlstore/storetest"
)

// deliveryBound is how long these tests wait for a change to arrive. It is
// generous on purpose: they check that changes arrive, not how fast (the
// two-second promise is e2e's TestChangesReachRunningServer).
const deliveryBound = 10 * time.Second

// TestChangesWatchAcrossProcesses: a watcher on one connection to the
// database hears writes made through another, keeps hearing them across
// quiet spells (heartbeats), and after losing its connection reconnects
// and catches up on what changed meanwhile.
func TestChangesWatchAcrossProcesses(t *testing.T) {
	for _, dialect := range storetest.Dialects {
		t.Run(dialect, func(t *testing.T) {
			dsn := storetest.DSN(t, dialect)
			watcherDSN, name := dsn, "hitori-test-"+auth.RandomToken("", 8)
			if dialect == sqlstore.Postgres {
				watcherDSN = withApplicationName(t, dsn, name) // to find our listener among parallel tests'
			}
			watcher, writer := mustOpen(t, watcherDSN), mustOpen(t, dsn)
			c := sqlstore.NewChanges(watcher, nil)
			c.Heartbeat = 50 * time.Millisecond
			got := make(chan hitori.Topic, 1000)
			ctx, cancel := context.WithCancel(context.Background())
			done := make(chan error, 1)
			go func() { done <- c.Watch(ctx, func(t hitori.Topic) { got <- t }) }()

			wctx := context.Background()
			if err := writer.Settings().SetSetting(wctx, "work.settings", "{}"); err != nil {
				t.Fatal(err)
			}
			waitForTopic(t, got, hitori.TopicSettings) // now it is watching
			time.Sleep(200 * time.Millisecond)         // a few quiet heartbeats
			if err := writer.Settings().SetSetting(wctx, hitori.SettingSynonyms, "カフェテリア, 食堂"); err != nil {
				t.Fatal(err)
			}
			waitForTopic(t, got, hitori.TopicSynonyms)

			if dialect == sqlstore.Postgres {
				if err := writer.ExecForTest(wctx, `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1`, name); err != nil {
					t.Fatal(err)
				}
				// Written while the listener is (most likely) away.
				if err := writer.Articles().CreateArticle(wctx, &hitori.Article{Title: "VPN", Body: "手順"}); err != nil {
					t.Fatal(err)
				}
				waitForTopic(t, got, hitori.TopicArticles)
			}
			cancel()
			if err := <-done; !errors.Is(err, context.Canceled) {
				t.Errorf("Watch after cancel: %v, want context.Canceled", err)
			}
		})
	}
}

// waitForTopic reads topics until want arrives, within deliveryBound.
func waitForTopic(t *testing.T, got <-chan hitori.Topic, want hitori.Topic) {
	t.Helper()
	deadline := time.After(deliveryBound)
	for {
		select {
		case topic := <-got:
			if topic == want {
				return
			}
		case <-deadline:
			t.Fatalf("no change of %s within %s", want, deliveryBound)
		}
	}
}

func withApplicationName(tb testing.TB, dsn, name string) string {
	tb.Helper()
	u, err := url.Parse(dsn)
	if err != nil {
		tb.Fatal(err)
	}
	q := u.Query()
	q.Set("application_name", name)
	u.RawQuery = q.Encode()
	return u.String()
}
