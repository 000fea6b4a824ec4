package changes_test

import (
	"context"
	"log/slog"
	"sync/atomic"
	"testing"
	"time"

	"hitori"
	"hitori/changes"
)

// fakeSource reports the topics sent on its channel.
type fakeSource chan hitori.Topic

func (f fakeSource) Watch(ctx context.Context, fn func(hitori.Topic)) error {
	for {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case t := <-f:
			fn(t)
		}
	}
}

// waitFor polls cond; the hub's calls run on their own goroutines.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(5 * time.Second); !cond(); time.Sleep(time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("%s: not within 5 s", what)
		}
	}
}

func TestHub(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	src := make(fakeSource)
	hub := changes.New(src, slog.New(slog.DiscardHandler))
	go hub.Run(ctx)

	var articles, synonyms atomic.Int32
	release := make(chan struct{})
	hub.Subscribe(ctx, hitori.TopicArticles, func(context.Context) {
		if articles.Add(1) == 2 {
			<-release // a slow reload
		}
	})
	hub.Subscribe(ctx, hitori.TopicSynonyms, func(context.Context) { synonyms.Add(1) })
	waitFor(t, "catch-up call on subscribing", func() bool { return articles.Load() == 1 && synonyms.Load() == 1 })

	src <- hitori.TopicArticles // starts the slow call
	waitFor(t, "call after a change", func() bool { return articles.Load() == 2 })
	for range 5 {
		src <- hitori.TopicArticles // arrive while it runs
	}
	src <- hitori.TopicSynonyms
	waitFor(t, "other topics are not held up by a slow subscriber", func() bool { return synonyms.Load() == 2 })
	close(release)
	waitFor(t, "changes during a call fold into one more", func() bool { return articles.Load() == 3 })
	time.Sleep(20 * time.Millisecond)
	if got := articles.Load(); got != 3 {
		t.Errorf("articles subscriber called %d times, want 3 (catch-up, change, folded changes)", got)
	}

	subCtx, unsubscribe := context.WithCancel(ctx)
	var settings atomic.Int32
	hub.Subscribe(subCtx, hitori.TopicSettings, func(context.Context) { settings.Add(1) })
	waitFor(t, "catch-up of a late subscriber", func() bool { return settings.Load() == 1 })
	unsubscribe()
	src <- hitori.TopicSettings
	time.Sleep(20 * time.Millisecond)
	if got := settings.Load(); got != 1 {
		t.Errorf("a subscriber whose context ended was called again (%d calls)", got)
	}
}
