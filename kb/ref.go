package kb

import (
	"sort"
	"strconv"
	"time"

	"hitori"
	"hitori/markdown"
	"hitori/search"
)

// Ref is what the service remembers of each indexed article besides its
// text, so that a page of search hits can be filtered by kind, category and
// tag and linked to /kb/{id} without one database query per hit.
type Ref struct {
	ID         int64
	Key        string // the index key: the slug, or the id in decimal
	Title      string
	Kind       hitori.ArticleKind
	Category   string
	Tags       []string
	UpdatedAt  time.Time
	ReviewBy   *time.Time
	Visibility hitori.Visibility
	access     string
}

func refOf(a *hitori.Article) Ref {
	return Ref{ID: a.ID, Key: Key(a), Title: a.Title, Kind: a.Kind, Category: a.Category, Tags: append([]string(nil), a.Tags...),
		UpdatedAt: a.UpdatedAt, ReviewBy: a.ReviewBy, Visibility: a.Visibility, access: access(a)}
}

// Ref returns the article a search hit's ID names. A key that is not
// indexed (a hit of another kind) reports false.
func (s *Service) Ref(key string) (Ref, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	r, ok := s.refs[key]
	return r, ok
}

// Refs resolves cross-references ([kb-040]) in article bodies and chat
// answers to the page and title of an article u may read; others stay text.
func (s *Service) Refs(u *hitori.User) markdown.RefResolver {
	allow := Allow(u)
	return func(key string) (string, string, bool) {
		r, ok := s.Ref(key)
		if !ok || !allow(search.KindArticle, r.access) {
			return "", "", false
		}
		return r.URL(), r.Title, true
	}
}

// URL is the article's page.
func (r Ref) URL() string { return "/kb/" + strconv.FormatInt(r.ID, 10) }

// HasTag reports whether the article carries tag t.
func (r Ref) HasTag(t string) bool {
	for _, x := range r.Tags {
		if x == t {
			return true
		}
	}
	return false
}

// Facet is a category or tag with the number of articles a user can read under it.
type Facet struct {
	Name  string
	Count int
}

// MaxFacets bounds the tag list offered as a filter; rare tags are still reachable from an article's page.
const MaxFacets = 60

// Facets lists the categories and tags of the articles u may read, most
// used first, for the filter menus of the article list.
func (s *Service) Facets(u *hitori.User) (categories, tags []Facet) {
	allow := Allow(u)
	cats, tg := map[string]int{}, map[string]int{}
	s.mu.Lock()
	for _, r := range s.refs {
		if !allow(search.KindArticle, r.access) {
			continue
		}
		if r.Category != "" {
			cats[r.Category]++
		}
		for _, t := range r.Tags {
			tg[t]++
		}
	}
	s.mu.Unlock()
	return topFacets(cats, MaxFacets), topFacets(tg, MaxFacets)
}

func topFacets(m map[string]int, n int) []Facet {
	out := make([]Facet, 0, len(m))
	for k, c := range m {
		out = append(out, Facet{Name: k, Count: c})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Count != out[j].Count {
			return out[i].Count > out[j].Count
		}
		return out[i].Name < out[j].Name
	})
	if len(out) > n {
		out = out[:n]
	}
	return out
}
