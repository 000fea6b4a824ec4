package web

import (
	"html/template"
	"net/http"
	"slices"
	"strings"
	"time"

	"hitori"
	"hitori/kb"
	"hitori/search"
)

const kbPerPage = 20

// kbListItem is one row of the article list or of search results.
type kbListItem struct {
	URL        string
	Title      string
	Snippet    template.HTML
	Kind       hitori.ArticleKind
	Category   string
	Tags       []string
	Visibility hitori.Visibility
	UpdatedAt  time.Time
	Review     string
	Stale      bool
}

// kbListData is what kb_list.html shows.
type kbListData struct {
	Items       []kbListItem
	Pager       pager
	Total       int
	Query       string
	All         bool   // weak matches shown too
	MoreURL     string // this search with weak matches, when some were left out
	Stale       bool   // the staff's "review due" tab
	StaleCount  int
	Filtered    bool
	FiltersOpen bool // a filter is set: show the filter panel unfolded
	Kinds       []hitori.ArticleKind
	Sorts       []string
	Categories  []kb.Facet
	Tags        []kb.Facet
}

// kbList is GET /kb: search, filters, sort and pages over the articles the
// user may read; staff also get the list of articles due for review.
func (s *Server) kbList(w http.ResponseWriter, r *http.Request) error {
	p := s.kbPage(r, "kb.title")
	q := r.URL.Query()
	p.Form = q
	if q.Get("deleted") != "" {
		p.Flash = p.T("kb.flash.deleted")
	}
	staff := p.User.Role.IsStaff()
	now := s.now()
	d := &kbListData{Stale: staff && q.Get("tab") == "stale", Kinds: hitori.ArticleKinds}
	if !d.Stale {
		d.Query = strings.TrimSpace(q.Get("q"))
	}
	d.Categories, d.Tags = s.kb.Facets(p.User)
	kind := hitori.ArticleKind(q.Get("kind"))
	if !slices.Contains(hitori.ArticleKinds, kind) {
		kind = ""
	}
	f := hitori.ArticleFilter{Kind: kind, Category: q.Get("category"), Tag: q.Get("tag"), Sort: q.Get("sort")}
	d.Filtered = f.Kind != "" || f.Category != "" || f.Tag != ""
	d.FiltersOpen = d.Filtered
	pg := pageNumber(q.Get("page"))
	if staff {
		_, n, err := s.stores.Articles.FindArticles(r.Context(), hitori.ArticleFilter{StaleAt: &now, Limit: 1})
		if err != nil {
			return err
		}
		d.StaleCount = n
	}
	p.Data = d
	if d.Query != "" {
		d.Sorts = []string{"relevance", "updated", "title"}
		if err := s.kbSearchInto(r, d, f, pg, now); err != nil {
			if e, ok := hitori.AsError(err); ok && e.Code == hitori.EINVALID {
				for field, key := range e.Fields {
					p.Errors[field] = p.T(key)
				}
				s.render(w, http.StatusUnprocessableEntity, "kb_list", p)
				return nil
			}
			return err
		}
		s.render(w, http.StatusOK, "kb_list", p)
		return nil
	}
	d.Sorts = []string{"updated", "title", "review"}
	if d.Stale {
		f.StaleAt, f.Sort = &now, "review"
	}
	f.Offset, f.Limit = (pg-1)*kbPerPage, kbPerPage
	arts, total, err := s.stores.Articles.FindArticles(r.Context(), f)
	if err != nil {
		return err
	}
	for _, a := range arts {
		d.Items = append(d.Items, kbListItem{URL: kbURL(a.ID), Title: a.Title, Kind: a.Kind, Category: a.Category, Tags: a.Tags,
			Visibility: a.Visibility, UpdatedAt: a.UpdatedAt, Review: kbDate(a.ReviewBy), Stale: kbStale(a.ReviewBy, now)})
	}
	d.Total, d.Pager = total, newPager(r, pg, kbPerPage, total)
	s.render(w, http.StatusOK, "kb_list", p)
	return nil
}

// kbSearchInto fills d with one page of search hits that pass the filters.
// The index returns at most kb.MaxSearchLimit hits, ranked; filtering them
// here keeps the ranking and costs no database query.
func (s *Server) kbSearchInto(r *http.Request, d *kbListData, f hitori.ArticleFilter, pg int, now time.Time) error {
	d.All = r.URL.Query().Get("all") == "1"
	hits, more, err := s.kb.SearchAll(r.Context(), d.Query, []string{search.KindArticle}, kb.MaxSearchLimit, d.All)
	if err != nil {
		return err
	}
	if more {
		u := *r.URL
		v := u.Query()
		v.Set("all", "1")
		v.Del("page")
		u.RawQuery = v.Encode()
		d.MoreURL = u.RequestURI()
	}
	var items []kbListItem
	for _, h := range hits {
		ref, ok := s.kb.Ref(h.ID)
		if !ok || (f.Kind != "" && ref.Kind != f.Kind) || (f.Category != "" && ref.Category != f.Category) || (f.Tag != "" && !ref.HasTag(f.Tag)) {
			continue
		}
		items = append(items, kbListItem{URL: ref.URL(), Title: h.Title, Snippet: kbSnippet(h.Snippet), Kind: ref.Kind, Category: ref.Category,
			Tags: ref.Tags, Visibility: ref.Visibility, UpdatedAt: ref.UpdatedAt, Review: kbDate(ref.ReviewBy), Stale: kbStale(ref.ReviewBy, now)})
	}
	switch f.Sort {
	case "updated":
		slices.SortStableFunc(items, func(a, b kbListItem) int { return b.UpdatedAt.Compare(a.UpdatedAt) })
	case "title":
		slices.SortStableFunc(items, func(a, b kbListItem) int { return strings.Compare(a.Title, b.Title) })
	}
	d.Total = len(items)
	d.Pager = newPager(r, pg, kbPerPage, d.Total)
	lo := min((pg-1)*kbPerPage, len(items))
	d.Items = items[lo:min(lo+kbPerPage, len(items))]
	return nil
}
