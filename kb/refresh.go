package kb

import (
	"context"
	"log/slog"

	"hitori"
	"hitori/search"
)

// Refresh brings the index in step with the store after changes made by any
// process. Every save raises an article's revision (an edit, a new slug, a
// visibility or reader change alike), so it re-indexes the articles whose
// revision is newer than the indexed one, adds new ones and drops the ones
// that are gone. Unchanged articles are read but not tokenised again, which
// keeps a refresh after this process's own edit cheap. It returns whether
// the index changed.
func (s *Service) Refresh(ctx context.Context) (bool, error) {
	s.mu.Lock()
	s.gen++
	gen := s.gen
	s.mu.Unlock()
	seen := map[int64]bool{}
	changed := false
	err := s.Store.AllArticles(ctx, func(a *hitori.Article) error {
		seen[a.ID] = true
		s.mu.Lock()
		old, ok := s.keys[a.ID]
		s.mu.Unlock()
		// A revision older than the indexed one means this process saved
		// a newer one after the read began: the newer one stays.
		if !ok || a.Revision > old.rev {
			s.put(a)
			changed = true
		}
		return nil
	})
	if err != nil {
		return changed, err
	}
	s.mu.Lock()
	var gone []string
	for id, ix := range s.keys {
		// An article this process created after the read began is not in
		// the read, yet it is not gone.
		if !seen[id] && ix.gen < gen {
			gone = append(gone, ix.key)
			delete(s.keys, id)
			delete(s.refs, ix.key)
		}
	}
	s.mu.Unlock()
	for _, key := range gone {
		s.Index.Delete(search.KindArticle, key)
	}
	return changed || len(gone) > 0, nil
}

// Follow refreshes the index whenever articles change, in this process or
// another sharing the database (hitori kb import, a second hitori serve),
// until ctx ends.
func (s *Service) Follow(ctx context.Context, feed hitori.ChangeFeed, log *slog.Logger) {
	feed.Subscribe(ctx, hitori.TopicArticles, func(ctx context.Context) {
		if s.ready(ctx) != nil {
			return // the first load failed (logged) or the server stops
		}
		// After a background first load: refreshing alongside it would index every article twice.
		changed, err := s.Refresh(ctx)
		switch {
		case err != nil && ctx.Err() == nil:
			log.Warn("knowledge index refresh", "err", err)
		case changed:
			log.Debug("knowledge index refreshed from the database")
		}
	})
}
