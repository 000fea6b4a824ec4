package web

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"hitori"
	"hitori/search"
)

// itemLinks is the store's side of links between items and articles.
type itemLinks interface {
	LinkArticle(ctx context.Context, itemID, articleID int64) error
	UnlinkArticle(ctx context.Context, itemID, articleID int64) error
	FindItemArticles(ctx context.Context, itemID int64) ([]*hitori.Article, error)
	FindArticleItems(ctx context.Context, articleID int64) ([]*hitori.Item, error)
}

// workArticleLink is a linked or suggested article on the item page.
type workArticleLink struct {
	ID    int64
	Title string
	URL   string
}

// itemArticles returns the articles linked to an item (as the user may see
// them) and, for staff, up to three suggestions from the item's title.
func (s *Server) itemArticles(ctx context.Context, it *hitori.Item, suggest bool) (linked, suggested []workArticleLink, err error) {
	arts, err := s.stores.Items.FindItemArticles(ctx, it.ID)
	if err != nil {
		return nil, nil, err
	}
	seen := map[int64]bool{}
	for _, a := range arts {
		seen[a.ID] = true
		linked = append(linked, workArticleLink{ID: a.ID, Title: a.Title, URL: fmt.Sprintf("/kb/%d", a.ID)})
	}
	if !suggest || strings.TrimSpace(it.Title) == "" {
		return linked, nil, nil
	}
	hits, err := s.kb.Search(ctx, it.Title, []string{search.KindArticle}, 3)
	if err != nil {
		return linked, nil, nil // a title the search refuses (too long…) just gets no suggestions
	}
	for _, h := range hits {
		if ref, ok := s.kb.Ref(h.ID); ok && !seen[ref.ID] {
			suggested = append(suggested, workArticleLink{ID: ref.ID, Title: h.Title, URL: ref.URL()})
		}
	}
	return linked, suggested, nil
}

// workLinkArticle is POST /work/items/{id}/articles: article = an article's
// number, its import id (kb-001) or its URL.
func (s *Server) workLinkArticle(w http.ResponseWriter, r *http.Request) error {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		return hitori.KeyError(hitori.ENOTFOUND, "error.not_found")
	}
	ref := strings.TrimPrefix(strings.TrimSpace(r.PostFormValue("article")), "/kb/")
	var a *hitori.Article
	if n, err := strconv.ParseInt(ref, 10, 64); err == nil {
		a, err = s.stores.Articles.FindArticleByID(r.Context(), n)
		if err != nil {
			return hitori.FieldError("article", "error.not_found")
		}
	} else if a, err = s.stores.Articles.FindArticleBySlug(r.Context(), ref); err != nil {
		return hitori.FieldError("article", "error.not_found")
	}
	if err := s.stores.Items.LinkArticle(r.Context(), id, a.ID); err != nil {
		return err
	}
	http.Redirect(w, r, fmt.Sprintf("/work/items/%d#articles", id), http.StatusSeeOther)
	return nil
}

// workUnlinkArticle is POST /work/items/{id}/articles/{aid}/delete.
func (s *Server) workUnlinkArticle(w http.ResponseWriter, r *http.Request) error {
	id, err1 := strconv.ParseInt(r.PathValue("id"), 10, 64)
	aid, err2 := strconv.ParseInt(r.PathValue("aid"), 10, 64)
	if err1 != nil || err2 != nil {
		return hitori.KeyError(hitori.ENOTFOUND, "error.not_found")
	}
	if err := s.stores.Items.UnlinkArticle(r.Context(), id, aid); err != nil {
		return err
	}
	http.Redirect(w, r, fmt.Sprintf("/work/items/%d#articles", id), http.StatusSeeOther)
	return nil
}
