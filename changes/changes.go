// Package changes hands changes of shared data to the parts of a process
// that keep a copy of it in memory. One Hub per process runs the database's
// watcher and fans each topic out to its subscribers; the subscribers
// re-read what they keep, so a change made by this process, or reported
// twice, is harmlessly applied again.
package changes

import (
	"context"
	"log/slog"
	"sync"
	"time"

	"hitori"
)

// Source reports changes: sqlstore.Changes.
type Source interface {
	// Watch calls fn with each topic that may have changed until ctx ends.
	Watch(ctx context.Context, fn func(hitori.Topic)) error
}

// Hub is the one watcher of a process. It implements hitori.ChangeFeed.
type Hub struct {
	src Source
	log *slog.Logger

	mu   sync.Mutex
	subs map[hitori.Topic][]chan struct{}
}

var _ hitori.ChangeFeed = (*Hub)(nil)

// New returns a hub for src; call Run to start watching.
func New(src Source, log *slog.Logger) *Hub {
	return &Hub{src: src, log: log, subs: map[hitori.Topic][]chan struct{}{}}
}

// Subscribe implements hitori.ChangeFeed. Each subscription has its own
// goroutine and a one-slot signal, so a slow subscriber (a large index
// reload) neither delays the others nor falls behind by more than one call.
func (h *Hub) Subscribe(ctx context.Context, t hitori.Topic, fn func(context.Context)) {
	kick := make(chan struct{}, 1)
	kick <- struct{}{} // the catch-up call
	h.mu.Lock()
	h.subs[t] = append(h.subs[t], kick)
	h.mu.Unlock()
	go func() {
		defer h.unsubscribe(t, kick)
		for {
			select {
			case <-ctx.Done():
				return
			case <-kick:
				if ctx.Err() != nil {
					return // both were ready and select chose at random
				}
				fn(ctx)
			}
		}
	}()
}

func (h *Hub) unsubscribe(t hitori.Topic, kick chan struct{}) {
	h.mu.Lock()
	defer h.mu.Unlock()
	subs := h.subs[t]
	for i, k := range subs {
		if k == kick {
			h.subs[t] = append(subs[:i:i], subs[i+1:]...)
			return
		}
	}
}

// publish signals every subscriber of t without waiting: a subscriber
// already signalled will run once more anyway and read the latest data.
func (h *Hub) publish(t hitori.Topic) {
	h.mu.Lock()
	defer h.mu.Unlock()
	for _, kick := range h.subs[t] {
		select {
		case kick <- struct{}{}:
		default:
		}
	}
}

// Run watches the source until ctx ends. The source reconnects by itself;
// should it give up, Run starts it again after a pause.
func (h *Hub) Run(ctx context.Context) {
	for {
		err := h.src.Watch(ctx, h.publish)
		if ctx.Err() != nil {
			return
		}
		h.log.Warn("changes: watcher stopped; restarting", "err", err)
		select {
		case <-ctx.Done():
			return
		case <-time.After(5 * time.Second):
		}
	}
}
