package web

import (
	"context"
	"net/http"
	"net/url"
	"strconv"

	"hitori"
)

// workSavedFilter is a saved filter as the list links it.
type workSavedFilter struct {
	ID   int64
	Name string
	URL  string
}

// workFilterQuery is the part of a list query worth saving: everything
// but the page, a flash message and ticked items, in a canonical encoding.
func workFilterQuery(raw string) string {
	q, err := url.ParseQuery(raw)
	if err != nil {
		return ""
	}
	for _, k := range []string{"page", "flash", "n", "csrf", "id"} {
		q.Del(k)
	}
	return q.Encode()
}

// workSavedFilters lists the signed-in staff member's filters as links.
func (s *Server) workSavedFilters(ctx context.Context) ([]workSavedFilter, error) {
	x, err := s.extras()
	if err != nil {
		return []workSavedFilter{}, nil // a store without saved filters lists none
	}
	list, err := x.ListSavedFilters(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]workSavedFilter, 0, len(list))
	for _, f := range list {
		u := "/work/items"
		if f.Query != "" {
			u += "?" + f.Query
		}
		out = append(out, workSavedFilter{ID: f.ID, Name: f.Name, URL: u})
	}
	return out, nil
}

// workFilterSave is POST /work/filters: name and query (the list's query
// string). Saving under a name in use replaces that filter.
func (s *Server) workFilterSave(w http.ResponseWriter, r *http.Request) error {
	x, err := s.extras()
	if err != nil {
		return err
	}
	f := &hitori.SavedFilter{Name: r.PostFormValue("name"), Query: workFilterQuery(r.PostFormValue("query"))}
	if err := x.SaveFilter(r.Context(), f); err != nil {
		return err
	}
	target := "/work/items"
	if f.Query != "" {
		target += "?" + f.Query
	}
	http.Redirect(w, r, workFlashURL(target, "filter_saved"), http.StatusSeeOther)
	return nil
}

// workFilterDelete is POST /work/filters/{id}/delete: one's own filters only.
func (s *Server) workFilterDelete(w http.ResponseWriter, r *http.Request) error {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id < 1 {
		return hitori.KeyError(hitori.ENOTFOUND, "error.not_found")
	}
	x, err := s.extras()
	if err != nil {
		return err
	}
	if err := x.DeleteSavedFilter(r.Context(), id); err != nil {
		return err
	}
	http.Redirect(w, r, workFlashURL(workBack(r, "/work/items"), "filter_deleted"), http.StatusSeeOther)
	return nil
}
