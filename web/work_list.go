package web

import (
	"html/template"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"hitori"
)

const workPerPage = 50

// workListData is what work_list.html shows.
type workListData struct {
	Rows        []workRow
	RowsHTML    template.HTML // Rows as markup (workListRows)
	Total       int
	TotalCapped bool // more than Total: counting stopped (hitori.ItemPage.More)
	Pager       pager
	Statuses    []hitori.Status
	Types       []hitori.ItemType
	Sorts       []string
	Staff       *workStaff
	Categories  []string
	Choices     []workQuadrantChoice
	Filtered    bool
	Saved       []workSavedFilter // the user's saved filters
	SaveQuery   string            // this list's query, for "save this filter"
	SavedOpen   bool              // the saved-filter panel is in use: show it unfolded
	BulkOpen    bool              // items are ticked or a bulk edit just ran: show its panel unfolded
	Selects     workListSelects   // the filter form's and bulk edit's selects as markup
}

// workFilterFrom reads the list's query: q, status (a status, "open" — the
// default — or "all"), type, quadrant, assignee (an id, "me" or "none"),
// category, tag, sort and page. Values that do not parse are dropped
// rather than refused: the list is reached by hand-edited links too.
func workFilterFrom(r *http.Request) (hitori.ItemFilter, url.Values, int) {
	q := r.URL.Query()
	form := url.Values{}
	f := hitori.ItemFilter{Query: strings.TrimSpace(q.Get("q")), Category: strings.TrimSpace(q.Get("category")), Tag: strings.TrimSpace(q.Get("tag"))}
	form.Set("q", f.Query)
	form.Set("category", f.Category)
	form.Set("tag", f.Tag)
	switch st := q.Get("status"); {
	case st == "all":
		form.Set("status", st)
	case hitori.Status(st).Valid():
		f.Statuses = []hitori.Status{hitori.Status(st)}
		form.Set("status", st)
	default:
		f.OpenOnly = true
		form.Set("status", "open")
	}
	if t := hitori.ItemType(q.Get("type")); t.Valid() {
		f.Type = t
		form.Set("type", string(t))
	}
	if n, err := strconv.Atoi(q.Get("quadrant")); err == nil && n >= 1 && n <= 4 {
		f.Quadrant = hitori.Quadrant(n)
		form.Set("quadrant", q.Get("quadrant"))
	}
	switch a := q.Get("assignee"); a {
	case "me":
		id := hitori.UserFromContext(r.Context()).ID
		f.AssigneeID = &id
		form.Set("assignee", a)
	case "none":
		id := int64(0)
		f.AssigneeID = &id
		form.Set("assignee", a)
	default:
		if id, err := strconv.ParseInt(a, 10, 64); err == nil && id > 0 {
			f.AssigneeID = &id
			form.Set("assignee", a)
		}
	}
	if s := q.Get("sort"); slices.Contains([]string{"next", "created", "updated", "due"}, s) {
		f.Sort = s
		form.Set("sort", s)
	}
	if f.Sort == "next" && !f.OpenOnly {
		f.Sort = "" // "next" is a queue of open items only; with closed ones asked for, list newest first
	}
	pg := pageNumber(q.Get("page"))
	f.Offset, f.Limit = (pg-1)*workPerPage, workPerPage
	return f, form, pg
}

// workList is GET /work/items: the filtered, sorted, paged item list with
// bulk edit.
func (s *Server) workList(w http.ResponseWriter, r *http.Request) error {
	p := s.newPage(r, workNav)
	p.Title = p.T("work.list.title")
	workFlash(p, r, "work")
	f, form, pg := workFilterFrom(r)
	p.Form = form
	ctx := r.Context()
	dir, err := s.workStaffDir(ctx)
	if err != nil {
		return err
	}
	list, err := s.stores.Items.ListPage(ctx, f)
	if err != nil {
		return err
	}
	items, counted := list.Items, list.Total
	if list.More {
		counted++ // the pager offers the page after the last one counted
	}
	d := &workListData{Total: list.Total, TotalCapped: list.More, Pager: newPager(r, pg, workPerPage, counted), Statuses: hitori.Statuses,
		Types: []hitori.ItemType{hitori.TypeTicket, hitori.TypeTask}, Sorts: []string{"created", "updated", "next", "due"},
		Staff: dir, Categories: s.work.Categories(), Choices: workQuadrantChoices(p, 0),
		Filtered: f.Query != "" || f.Type != "" || f.Quadrant != 0 || f.AssigneeID != nil || f.Category != "" || f.Tag != "" || !f.OpenOnly}
	if d.Saved, err = s.workSavedFilters(ctx); err != nil {
		return err
	}
	d.SaveQuery = workFilterQuery(r.URL.RawQuery)
	flash := r.URL.Query().Get("flash")
	d.SavedOpen = d.Filtered || flash == "filter_saved" || flash == "filter_deleted"
	d.BulkOpen = flash == "bulk_nothing" || flash == "bulk_partial"
	picked := workPicked(r.URL.Query()["id"])
	now := s.now()
	for _, it := range items {
		row := s.workRowOf(p, it, dir, now)
		row.Selected = slices.Contains(picked, it.ID)
		d.BulkOpen = d.BulkOpen || row.Selected
		d.Rows = append(d.Rows, row)
	}
	d.RowsHTML = workListRows(d.Rows, newWorkRowWords(p))
	d.Pager.More = list.More
	d.Selects = newWorkListSelects(p, d)
	p.Data = d
	s.render(w, http.StatusOK, "work_list", p)
	return nil
}

// workBulk is POST /work/items/bulk: the same change (status, assignee
// and/or quadrant) to every checked item (see work.Service.BulkUpdate). It
// reports how many changed and returns to the list it came from.
func (s *Server) workBulk(w http.ResponseWriter, r *http.Request) error {
	back := workBack(r, "/work/items")
	ids := workPicked(r.PostForm["id"])
	var upd hitori.ItemUpdate
	changes := 0
	if st := hitori.Status(r.PostFormValue("status")); st != "" {
		if !st.Valid() {
			return hitori.FieldError("status", "error.invalid")
		}
		upd.Status = &st
		changes++
	}
	switch a := r.PostFormValue("assignee"); a {
	case "":
	case "none":
		var none *int64
		upd.AssigneeID = &none
		changes++
	default:
		id, err := strconv.ParseInt(a, 10, 64)
		if err != nil || id < 1 {
			return hitori.FieldError("assignee", "error.invalid")
		}
		p := &id
		upd.AssigneeID = &p
		changes++
	}
	if q := r.PostFormValue("quadrant"); q != "" {
		n, err := strconv.Atoi(q)
		if err != nil || !hitori.Quadrant(n).Valid() {
			return hitori.FieldError("quadrant", "error.invalid")
		}
		urgent, important := hitori.Quadrant(n).Flags()
		upd.Urgent, upd.Important = &urgent, &important
		changes++
	}
	if len(ids) == 0 || changes == 0 {
		// Keep the ticks, so the user only has to pick the change.
		http.Redirect(w, r, workWithPicked(workFlashURL(back, "bulk_nothing"), ids), http.StatusSeeOther)
		return nil
	}
	done, err := s.work.BulkUpdate(r.Context(), ids, upd)
	if err != nil {
		if done == 0 || hitori.ErrorCode(err) == hitori.EINTERNAL {
			return err
		}
		// Some items changed already: say how many on the list.
		http.Redirect(w, r, workFlashURL(back, "bulk_partial", done), http.StatusSeeOther)
		return nil
	}
	http.Redirect(w, r, workFlashURL(back, "bulk_done", done), http.StatusSeeOther)
	return nil
}

// workPicked reads the ticked items (ids or keys), each once.
func workPicked(vals []string) []int64 {
	var ids []int64
	for _, v := range vals {
		if id, ok := hitori.ParseItemKey(v); ok && !slices.Contains(ids, id) {
			ids = append(ids, id)
		}
	}
	return ids
}

// workWithPicked adds the ticked items to a local list URL as id=…, which
// the list shows ticked (and its bulk-edit panel open).
func workWithPicked(target string, ids []int64) string {
	u, err := url.Parse(target)
	if err != nil || len(ids) == 0 {
		return target
	}
	q := u.Query()
	q.Del("id")
	for _, id := range ids {
		q.Add("id", strconv.FormatInt(id, 10))
	}
	u.RawQuery = q.Encode()
	return u.String()
}
