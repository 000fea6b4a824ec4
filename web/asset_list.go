package web

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"hitori"
)

const assetPerPage = 50

// assetListData is what asset_list.html shows.
type assetListData struct {
	Assets   []*hitori.Asset
	Total    int
	Pager    pager
	Choices  *assetChoices
	Sorts    []string
	Filtered bool
	Overdue  int // loans past due, linked from the list
	Round    *hitori.Stocktake
}

// assetFilterFrom reads the list's query: q, type, status, person,
// department, location, sort, desc, page. Values that do not parse are
// dropped rather than refused: the list is reached by hand-edited links.
func assetFilterFrom(r *http.Request) (hitori.AssetFilter, url.Values, int) {
	q := r.URL.Query()
	form := url.Values{}
	f := hitori.AssetFilter{Query: strings.TrimSpace(q.Get("q")), Location: strings.TrimSpace(q.Get("location"))}
	form.Set("q", f.Query)
	form.Set("location", f.Location)
	if t := hitori.AssetType(q.Get("type")); t.Valid() {
		f.Type = t
		form.Set("type", string(t))
	}
	if st := hitori.AssetStatus(q.Get("status")); st.Valid() {
		f.Status = st
		form.Set("status", string(st))
	}
	for _, ref := range []struct {
		name string
		id   *int64
	}{{"person", &f.PersonID}, {"department", &f.DepartmentID}} {
		if id, err := strconv.ParseInt(q.Get(ref.name), 10, 64); err == nil && id > 0 {
			*ref.id = id
			form.Set(ref.name, q.Get(ref.name))
		}
	}
	if s := q.Get("sort"); slices.Contains(hitori.AssetSorts, s) {
		f.Sort = s
		form.Set("sort", s)
	}
	if q.Get("desc") == "1" {
		f.Desc = true
		form.Set("desc", "1")
	}
	pg := pageNumber(q.Get("page"))
	f.Offset, f.Limit = (pg-1)*assetPerPage, assetPerPage
	return f, form, pg
}

// assetList is GET /assets: the register, searched, filtered, sorted and paged.
func (s *Server) assetList(w http.ResponseWriter, r *http.Request) error {
	p := s.newPage(r, assetNav)
	p.Title = p.T("asset.list.title")
	assetFlash(p, r)
	f, form, pg := assetFilterFrom(r)
	p.Form = form
	ctx := r.Context()
	assets, total, err := s.asset.Assets(ctx, f)
	if err != nil {
		return err
	}
	choices, err := s.assetChoicesFor(r)
	if err != nil {
		return err
	}
	overdue, err := s.asset.OverdueLoans(ctx)
	if err != nil {
		return err
	}
	d := &assetListData{Assets: assets, Total: total, Pager: newPager(r, pg, assetPerPage, total), Choices: choices,
		Sorts: hitori.AssetSorts, Overdue: len(overdue),
		Filtered: f.Query != "" || f.Type != "" || f.Status != "" || f.PersonID != 0 || f.DepartmentID != 0 || f.Location != ""}
	if round, err := s.asset.Stocktake(ctx); err == nil {
		d.Round = round
	} else if hitori.ErrorCode(err) != hitori.ENOTFOUND {
		return err
	}
	p.Data = d
	s.render(w, http.StatusOK, "asset_list", p)
	return nil
}
