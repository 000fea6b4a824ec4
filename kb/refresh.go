package kb

import (
	"context"
	"log/slog"
	"time"

	"hitori"
	"hitori/search"
)

// Refresh re-reads the articles when another process changed them: puts
// every article (Put replaces) and drops the ones that are gone. It returns
// whether anything was reloaded.
func (s *Service) Refresh(ctx context.Context) (bool, error) {
	version, err := s.Store.ArticlesVersion(ctx)
	if err != nil {
		return false, err
	}
	s.mu.Lock()
	same := version == s.version
	s.mu.Unlock()
	if same {
		return false, nil
	}
	seen := map[int64]bool{}
	if err := s.Store.AllArticles(ctx, func(a *hitori.Article) error {
		seen[a.ID] = true
		s.put(a)
		return nil
	}); err != nil {
		return false, err
	}
	s.mu.Lock()
	var gone []string
	for id, key := range s.keys {
		if !seen[id] {
			gone = append(gone, key)
			delete(s.keys, id)
			delete(s.refs, key)
		}
	}
	s.version = version
	s.mu.Unlock()
	for _, key := range gone {
		s.Index.Delete(search.KindArticle, key)
	}
	return true, nil
}

// KeepFresh calls Refresh every interval until ctx ends, so several hitori
// processes sharing one PostgreSQL converge on the same search results.
func (s *Service) KeepFresh(ctx context.Context, every time.Duration, log *slog.Logger) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			if changed, err := s.Refresh(ctx); err != nil {
				log.Warn("knowledge index refresh", "err", err)
			} else if changed {
				log.Debug("knowledge index refreshed from the database")
			}
		}
	}
}
