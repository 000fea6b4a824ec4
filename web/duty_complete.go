package web

import (
	"net/http"
	"strconv"

	"hitori"
	"hitori/duty"
)

// dutyOccurrenceData is what duty_occurrence.html shows.
type dutyOccurrenceData struct {
	Duty       *hitori.Duty
	Occurrence *hitori.DutyOccurrence
	State      string
	Summary    string // what was recorded, as the task's note shows it
}

// Checked reports whether checklist line i is ticked in the form.
func (d *dutyOccurrenceData) Checked(p *page, i int) bool {
	return p.Form.Get("check"+strconv.Itoa(i)) != ""
}

func (s *Server) dutyOccurrencePage(r *http.Request) (*page, *dutyOccurrenceData, error) {
	dt, err := s.findDuty(r)
	if err != nil {
		return nil, nil, err
	}
	date := hitori.Date(r.PathValue("date"))
	if !date.Valid() || date == "" {
		return nil, nil, hitori.KeyError(hitori.ENOTFOUND, "error.not_found")
	}
	o, err := s.duty.ForDate(r.Context(), dt.ID, date)
	if err != nil {
		return nil, nil, err
	}
	p := s.newPage(r, dutyNav)
	d := &dutyOccurrenceData{Duty: dt, Occurrence: o, State: duty.State(o, s.duty.Today())}
	if o.Recorded() {
		d.Summary = duty.Summary(o)
	}
	p.Title, p.Data = dt.Title+" "+string(o.DueOn), d
	return p, d, nil
}

// dutyOccurrence is GET /duties/{id}/on/{date}: the checklist and the
// evidence note to record, or what was recorded.
func (s *Server) dutyOccurrence(w http.ResponseWriter, r *http.Request) error {
	p, _, err := s.dutyOccurrencePage(r)
	if err != nil {
		return err
	}
	dutyFlash(p, r)
	s.render(w, http.StatusOK, "duty_occurrence", p)
	return nil
}

// dutyComplete is POST /duties/{id}/on/{date}: records the checklist and
// evidence (audited) and resolves the task.
func (s *Server) dutyComplete(w http.ResponseWriter, r *http.Request) error {
	p, d, err := s.dutyOccurrencePage(r)
	if err != nil {
		return err
	}
	if err := r.ParseForm(); err != nil {
		return hitori.KeyError(hitori.EINVALID, "error.invalid")
	}
	c := duty.Completion{Done: map[int]bool{}, Evidence: r.PostForm.Get("evidence")}
	for i := range d.Duty.Checklist {
		c.Done[i] = r.PostForm.Get("check"+strconv.Itoa(i)) != ""
	}
	if _, err := s.duty.Complete(r.Context(), d.Occurrence.ID, c); err != nil {
		p.Form = r.PostForm
		return s.formError(w, "duty_occurrence", p, err)
	}
	http.Redirect(w, r, dutyURL(d.Duty.ID)+"?flash=recorded", http.StatusSeeOther)
	return nil
}
