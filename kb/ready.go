package kb

import (
	"context"
	"log/slog"
	"sync"
)

// loading gates searches while the index is first built in the background.
type loading struct {
	once sync.Once
	done chan struct{} // closed when the first Load has finished; nil: nothing loads
	err  error         // what that Load returned, read after done
}

// LoadInBackground starts the first Load and returns at once, so the
// server answers as soon as it listens: building the index of 10,000
// articles takes about a second, most of a cold start. Searches and chat
// answers wait until the index holds every article (or their context
// ends); nothing else needs it. A failed load is logged and returned by
// every search, as a failed Load at start-up was fatal before.
func (s *Service) LoadInBackground(ctx context.Context, log *slog.Logger) {
	s.load.once.Do(func() {
		s.load.done = make(chan struct{})
		go func() {
			defer close(s.load.done)
			if s.load.err = s.Load(ctx); s.load.err != nil && ctx.Err() == nil {
				log.Error("knowledge index: first load failed", "err", s.load.err)
			}
		}()
	})
}

// ready waits for a background first load, if one runs.
func (s *Service) ready(ctx context.Context) error {
	if s.load.done == nil {
		return nil
	}
	select {
	case <-s.load.done:
		return s.load.err
	case <-ctx.Done():
		return ctx.Err()
	}
}
