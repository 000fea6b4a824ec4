package web

import (
	"net/http"
	"strings"

	"hitori"
)

const dutiesPerPage = 50

// dutyListData is what duty_list.html shows.
type dutyListData struct {
	Duties []*hitori.DutySummary
	Query  string
	Sort   string
	Sorts  []string
	Pager  pager
	page   *page
}

// When says a duty's schedule in words.
func (d *dutyListData) When(sc hitori.DutySchedule) string { return scheduleText(d.page, sc) }

// dutyList is GET /duties: every duty with its schedule, next due date and
// how many occurrences were missed; searchable, sortable, in pages.
func (s *Server) dutyList(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	p := s.newPage(r, dutyNav)
	d := &dutyListData{Query: strings.TrimSpace(q.Get("q")), Sort: q.Get("sort"), Sorts: []string{"title", "missed", "created"}, page: p}
	if d.Sort == "" {
		d.Sort = "title"
	}
	pg := pageNumber(q.Get("page"))
	list, total, err := s.stores.Duties.FindDuties(r.Context(), hitori.DutyFilter{Query: d.Query, Sort: d.Sort,
		Today: s.duty.Today(), Offset: (pg - 1) * dutiesPerPage, Limit: dutiesPerPage})
	if err != nil {
		return err
	}
	d.Duties, d.Pager = list, newPager(r, pg, dutiesPerPage, total)
	p.Title = p.T("duty.list.title")
	p.Data = d
	dutyFlash(p, r)
	s.render(w, http.StatusOK, "duty_list", p)
	return nil
}
