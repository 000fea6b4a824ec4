package web

import (
	"bytes"
	"net/http"
	"strconv"

	"hitori"
	"hitori/duty"
)

const occurrencesPerPage = 30

// dutyPageData is what duty_page.html shows.
type dutyPageData struct {
	Duty        *hitori.Duty
	When        string
	Assignee    string
	Upcoming    []duty.Date
	Occurrences []*hitori.DutyOccurrence
	Missed      int // on this page
	Pager       pager
	today       hitori.Date
}

// State is an occurrence's state key (recorded, done_on_board, missed, open).
func (d *dutyPageData) State(o *hitori.DutyOccurrence) string { return duty.State(o, d.today) }

// Badge is the badge class of an occurrence's state.
func (d *dutyPageData) Badge(o *hitori.DutyOccurrence) string { return dutyStateBadge(d.State(o)) }

// ItemURL is the board task of an occurrence.
func (d *dutyPageData) ItemURL(o *hitori.DutyOccurrence) string { return workItemURL(o.ItemID) }

// ItemKey is the task's key, HD-1029.
func (d *dutyPageData) ItemKey(o *hitori.DutyOccurrence) string { return hitori.ItemKey(o.ItemID) }

// RecordURL is where an occurrence's checklist and evidence are recorded.
func (d *dutyPageData) RecordURL(o *hitori.DutyOccurrence) string {
	return duty.OccurrencePath(o.DutyID, o.NominalOn)
}

// dutyPage is GET /duties/{id}: the duty, its next due dates, and its
// occurrences newest first with the missed ones flagged.
func (s *Server) dutyPage(w http.ResponseWriter, r *http.Request) error {
	dt, err := s.findDuty(r)
	if err != nil {
		return err
	}
	p := s.newPage(r, dutyNav)
	d := &dutyPageData{Duty: dt, When: scheduleText(p, dt.Schedule), Upcoming: s.duty.Upcoming(dt, 5), today: s.duty.Today()}
	if dt.AssigneeID != nil {
		if u, err := s.stores.Users.FindUserByID(r.Context(), *dt.AssigneeID); err == nil {
			d.Assignee = workUserName(u)
		}
	}
	pg := pageNumber(r.URL.Query().Get("page"))
	list, total, err := s.stores.Duties.FindOccurrences(r.Context(), hitori.OccurrenceFilter{DutyID: dt.ID,
		Offset: (pg - 1) * occurrencesPerPage, Limit: occurrencesPerPage})
	if err != nil {
		return err
	}
	for _, o := range list {
		if o.Missed(d.today) {
			d.Missed++
		}
	}
	d.Occurrences, d.Pager = list, newPager(r, pg, occurrencesPerPage, total)
	p.Title, p.Data = dt.Title, d
	dutyFlash(p, r)
	s.render(w, http.StatusOK, "duty_page", p)
	return nil
}

// dutyDeleteConfirm is GET /duties/{id}/delete: the question, with how
// much history would go.
func (s *Server) dutyDeleteConfirm(w http.ResponseWriter, r *http.Request) error {
	dt, err := s.findDuty(r)
	if err != nil {
		return err
	}
	_, n, err := s.stores.Duties.FindOccurrences(r.Context(), hitori.OccurrenceFilter{DutyID: dt.ID, Limit: 1})
	if err != nil {
		return err
	}
	p := s.newPage(r, dutyNav)
	p.Title = p.T("duty.delete.title")
	p.Data = struct {
		Duty  *hitori.Duty
		Count int
	}{dt, n}
	s.render(w, http.StatusOK, "duty_delete", p)
	return nil
}

// dutyDelete is POST /duties/{id}/delete; the store audits it.
func (s *Server) dutyDelete(w http.ResponseWriter, r *http.Request) error {
	id, err := dutyID(r)
	if err != nil {
		return err
	}
	if err := s.stores.Duties.DeleteDuty(r.Context(), id); err != nil {
		return err
	}
	http.Redirect(w, r, "/duties?flash=deleted", http.StatusSeeOther)
	return nil
}

// dutyExport is GET /duties/export?format=xlsx|csv&duty=ID&from=&until=:
// the completion history as audit evidence.
func (s *Server) dutyExport(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	req := duty.ExportRequest{Format: q.Get("format"), From: hitori.Date(q.Get("from")), Until: hitori.Date(q.Get("until"))}
	if req.Format == "" {
		req.Format = "xlsx"
	}
	if v := q.Get("duty"); v != "" {
		id, err := strconv.ParseInt(v, 10, 64)
		if err != nil || id < 1 {
			return hitori.FieldError("duty", "error.invalid")
		}
		req.DutyID = id
	}
	if !req.From.Valid() || !req.Until.Valid() {
		return hitori.FieldError("from", "duty.error.date")
	}
	var buf bytes.Buffer
	if _, err := s.duty.Export(r.Context(), &buf, req); err != nil {
		return err
	}
	name := "duties-" + s.now().In(tokyo).Format("20060102") + "." + req.Format
	ctype := "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
	if req.Format == "csv" {
		ctype = "text/csv; charset=utf-8"
	}
	w.Header().Set("Content-Type", ctype)
	w.Header().Set("Content-Disposition", `attachment; filename="`+name+`"`)
	w.Header().Set("Cache-Control", "no-store")
	_, err := buf.WriteTo(w)
	return err
}
