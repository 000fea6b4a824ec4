// Package kb is the knowledge-base service: it keeps articles in the store
// and the in-memory Japanese search index in step, and imports, exports and
// evaluates article collections.
package kb

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"

	"hitori"
	"hitori/search"
)

// Store is what the knowledge base needs from storage: the articles.
// Changes by other processes arrive through a hitori.ChangeFeed (Follow).
type Store interface {
	hitori.ArticleService
}

// Service wraps an ArticleService with search.
type Service struct {
	Store Store
	// Stats keeps the self-service statistics (unanswered questions, deflections).
	Stats StatsStore
	Index *search.Index
	// Items, when set, adds work items to search results (kind "item").
	Items hitori.ItemService

	mu   sync.Mutex
	keys map[int64]indexed // article id → what the index holds of it (see Refresh)
	refs map[string]Ref    // index key → what lists of hits show (see ref.go)
	gen  uint64            // counts Refresh calls, to tell what was indexed during one
	load loading           // the first load, when it runs in the background
}

// indexed is what the index holds of one article: its key, to drop the old
// key when a slug changes, and the revision, so Refresh re-indexes only
// articles saved since.
type indexed struct {
	key string
	rev int
	gen uint64 // the Refresh count when it was indexed
}

// New returns a service with an empty index; call Load to fill it.
func New(store Store, stats StatsStore) *Service {
	return &Service{Store: store, Stats: stats, Index: search.NewIndex(search.Options{}), keys: map[int64]indexed{}, refs: map[string]Ref{}}
}

// Load indexes every article in the store.
func (s *Service) Load(ctx context.Context) error {
	_, err := s.Refresh(ctx)
	return err
}

// Key is how an article is named in search results: its import id when it has one.
func Key(a *hitori.Article) string {
	if a.Slug != "" {
		return a.Slug
	}
	return strconv.FormatInt(a.ID, 10)
}

// access encodes who may read an article for the index's Allow callback.
func access(a *hitori.Article) string {
	switch a.Visibility {
	case hitori.VisibleStaff:
		return "staff"
	case hitori.VisibleRestricted:
		ids := make([]string, len(a.Readers))
		for i, id := range a.Readers {
			ids[i] = strconv.FormatInt(id, 10)
		}
		return "restricted:," + strings.Join(ids, ",") + ","
	}
	return "everyone"
}

// Allow returns the visibility check for u (nil: the command line, which sees all).
func Allow(u *hitori.User) func(kind, access string) bool {
	return func(kind, acc string) bool {
		if u == nil || u.Role.IsStaff() {
			return true
		}
		if acc == "everyone" {
			return true
		}
		return strings.HasPrefix(acc, "restricted:") && strings.Contains(acc, ","+strconv.FormatInt(u.ID, 10)+",")
	}
}

func (s *Service) put(a *hitori.Article) {
	key := Key(a)
	s.mu.Lock()
	if old, ok := s.keys[a.ID]; ok && old.key != key {
		s.Index.Delete(search.KindArticle, old.key)
		delete(s.refs, old.key)
	}
	s.keys[a.ID] = indexed{key: key, rev: a.Revision, gen: s.gen}
	s.refs[key] = refOf(a)
	s.mu.Unlock()
	s.Index.Put(search.Doc{Kind: search.KindArticle, ID: key, Title: a.Title, Body: a.Body, Tags: a.Tags, Category: a.Category, Access: access(a)})
}

// Create stores and indexes a new article.
func (s *Service) Create(ctx context.Context, a *hitori.Article) error {
	if err := s.Store.CreateArticle(ctx, a); err != nil {
		return err
	}
	s.put(a)
	return nil
}

// Update stores a new revision and re-indexes it.
func (s *Service) Update(ctx context.Context, a *hitori.Article) error {
	if err := s.Store.UpdateArticle(ctx, a); err != nil {
		return err
	}
	s.put(a)
	return nil
}

// Delete removes an article from the store and the index.
func (s *Service) Delete(ctx context.Context, id int64) error {
	if err := s.Store.DeleteArticle(ctx, id); err != nil {
		return err
	}
	s.mu.Lock()
	old, ok := s.keys[id]
	delete(s.keys, id)
	if ok {
		delete(s.refs, old.key)
	}
	s.mu.Unlock()
	if ok {
		s.Index.Delete(search.KindArticle, old.key)
	}
	return nil
}

// Limits on search requests.
const (
	MaxQueryLen    = 500
	MaxSearchLimit = 100
)

// Search runs a query as the context's user, who sees only what they may
// read; weak matches are left out (see SearchAll).
func (s *Service) Search(ctx context.Context, q string, kinds []string, limit int) ([]search.Hit, error) {
	hits, _, err := s.SearchAll(ctx, q, kinds, limit, false)
	return hits, err
}

// SearchAll is Search that keeps weak matches when all is set, and
// otherwise reports whether it left some out (for a "more results" link).
func (s *Service) SearchAll(ctx context.Context, q string, kinds []string, limit int, all bool) (hits []search.Hit, more bool, err error) {
	q = strings.TrimSpace(q)
	if q == "" {
		return nil, false, hitori.FieldError("q", "error.required")
	}
	if len([]rune(q)) > MaxQueryLen {
		return nil, false, hitori.FieldError("q", "error.too_long")
	}
	for _, k := range kinds {
		if k != search.KindArticle && k != "item" && k != "asset" {
			return nil, false, hitori.FieldError("kind", "error.invalid")
		}
	}
	_, limit = hitori.Page(0, limit, 10, MaxSearchLimit)
	if err := s.ready(ctx); err != nil {
		return nil, false, err
	}
	hits, more = s.Index.SearchCut(search.Query{Text: q, Kinds: kinds, Limit: limit, Allow: Allow(hitori.UserFromContext(ctx)), All: all})
	// Items rank below every matching article (see searchItems): ask the
	// store only for the places the articles left.
	if room := limit - len(hits); room > 0 && (len(kinds) == 0 || slices.Contains(kinds, "item")) {
		items, err := s.searchItems(ctx, q, room)
		if err != nil {
			return nil, false, err
		}
		hits = append(hits, items...)
	}
	return hits, more, nil
}

// Chat answers a question from the articles the context's user may read.
func (s *Service) Chat(ctx context.Context, message string) (search.Answer, error) {
	message = strings.TrimSpace(message)
	if message == "" {
		return search.Answer{}, hitori.FieldError("message", "error.required")
	}
	if len([]rune(message)) > 2000 {
		return search.Answer{}, hitori.FieldError("message", "error.too_long")
	}
	if err := s.ready(ctx); err != nil {
		return search.Answer{}, err
	}
	return s.Index.Answer(message, Allow(hitori.UserFromContext(ctx))), nil
}

// String describes the service for logs.
func (s *Service) String() string { return fmt.Sprintf("kb(%d docs)", s.Index.Len()) }
