package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"golang.org/x/text/width"

	"hitori"
)

// dutyFormData is what duty_form.html shows.
type dutyFormData struct {
	Duty     *hitori.Duty // nil: a new duty
	Staff    *workStaff
	Freqs    []hitori.DutyFreq
	Monthly  []hitori.MonthlyRule
	Rules    []hitori.HolidayRule
	Weekdays []int
	Nths     []int
	Months   []int
}

func (s *Server) dutyFormPage(r *http.Request, d *hitori.Duty, f url.Values) (*page, error) {
	staff, err := s.workStaffDir(r.Context())
	if err != nil {
		return nil, err
	}
	p := s.newPage(r, dutyNav)
	p.Data = &dutyFormData{Duty: d, Staff: staff, Freqs: hitori.DutyFreqs, Monthly: hitori.MonthlyRules,
		Rules: hitori.HolidayRules, Weekdays: []int{1, 2, 3, 4, 5, 6, 0}, Nths: []int{1, 2, 3, 4, -1},
		Months: []int{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}}
	switch {
	case f != nil:
		p.Form = f
	case d == nil:
		p.Form = url.Values{"freq": {"monthly"}, "monthly": {"day"}, "day": {"1"}, "weekday": {"1"}, "nth": {"2"},
			"month": {"4"}, "holiday": {"next"}, "business_days_only": {"1"}, "lead_days": {"3"},
			"starts_on": {string(s.duty.Today())}, "assignee": {workIDText(p.User.ID)}}
	default:
		p.Form = dutyFormValues(d)
	}
	p.Title = p.T("duty.new.title")
	if d != nil {
		p.Title = d.Title
	}
	return p, nil
}

// dutyFormValues fills the form from a stored duty.
func dutyFormValues(d *hitori.Duty) url.Values {
	itoa := strconv.Itoa
	sc := d.Schedule
	v := url.Values{"title": {d.Title}, "description": {d.Description}, "checklist": {strings.Join(d.Checklist, "\n")},
		"evidence_prompt": {d.EvidencePrompt}, "freq": {string(sc.Freq)}, "monthly": {string(sc.Monthly)},
		"weekday": {itoa(int(sc.Weekday))}, "day": {itoa(sc.Day)}, "nth": {itoa(sc.Nth)}, "month": {itoa(int(sc.Month))},
		"holiday": {string(sc.Holiday)}, "lead_days": {itoa(d.LeadDays)}, "starts_on": {string(d.StartsOn)}}
	if sc.BusinessDaysOnly {
		v.Set("business_days_only", "1")
	}
	if d.Paused {
		v.Set("paused", "1")
	}
	if d.AssigneeID != nil {
		v.Set("assignee", workIDText(*d.AssigneeID))
	}
	if sc.Monthly == "" {
		v.Set("monthly", string(hitori.MonthlyDay))
	}
	if sc.Holiday == "" {
		v.Set("holiday", string(hitori.HolidayNext))
	}
	return v
}

// dutyFromForm reads the form; numbers it cannot read come back as field
// errors. Full-width digits are read as digits.
func dutyFromForm(f url.Values) (*hitori.Duty, map[string]string) {
	fields := map[string]string{}
	num := func(name string) int {
		v := strings.TrimSpace(width.Fold.String(f.Get(name)))
		if v == "" {
			return 0
		}
		n, err := strconv.Atoi(v)
		if err != nil {
			fields[name] = "duty.error.number"
		}
		return n
	}
	d := &hitori.Duty{Title: f.Get("title"), Description: f.Get("description"), EvidencePrompt: f.Get("evidence_prompt"),
		Checklist: strings.Split(strings.ReplaceAll(f.Get("checklist"), "\r\n", "\n"), "\n"),
		LeadDays:  num("lead_days"), StartsOn: hitori.Date(strings.TrimSpace(width.Fold.String(f.Get("starts_on")))),
		Paused: f.Get("paused") != "",
		Schedule: hitori.DutySchedule{Freq: hitori.DutyFreq(f.Get("freq")), BusinessDaysOnly: f.Get("business_days_only") != "",
			Holiday: hitori.HolidayRule(f.Get("holiday"))}}
	sc := &d.Schedule
	// Keep only what the frequency uses, so the stored schedule says
	// exactly what runs.
	switch sc.Freq {
	case hitori.DutyDaily:
		sc.Holiday = hitori.HolidayKeep
	case hitori.DutyWeekly:
		sc.Weekday = time.Weekday(num("weekday"))
	case hitori.DutyMonthly:
		sc.Monthly = hitori.MonthlyRule(f.Get("monthly"))
		switch sc.Monthly {
		case hitori.MonthlyDay:
			sc.Day = num("day")
		case hitori.MonthlyNthWeekday:
			sc.Nth, sc.Weekday = num("nth"), time.Weekday(num("weekday"))
		}
	case hitori.DutyYearly:
		sc.Month, sc.Day = time.Month(num("month")), num("day")
	}
	if sc.Freq != hitori.DutyDaily {
		sc.BusinessDaysOnly = false
	}
	if a, err := workAssignee(f.Get("assignee")); err != nil {
		fields["assignee"] = "error.invalid"
	} else {
		d.AssigneeID = a
	}
	return d, fields
}

// dutyNew is GET /duties/new.
func (s *Server) dutyNew(w http.ResponseWriter, r *http.Request) error {
	p, err := s.dutyFormPage(r, nil, nil)
	if err != nil {
		return err
	}
	s.render(w, http.StatusOK, "duty_form", p)
	return nil
}

// dutyEdit is GET /duties/{id}/edit.
func (s *Server) dutyEdit(w http.ResponseWriter, r *http.Request) error {
	d, err := s.findDuty(r)
	if err != nil {
		return err
	}
	p, err := s.dutyFormPage(r, d, nil)
	if err != nil {
		return err
	}
	s.render(w, http.StatusOK, "duty_form", p)
	return nil
}

// dutyCreate is POST /duties.
func (s *Server) dutyCreate(w http.ResponseWriter, r *http.Request) error {
	return s.dutySave(w, r, nil)
}

// dutyUpdate is POST /duties/{id}.
func (s *Server) dutyUpdate(w http.ResponseWriter, r *http.Request) error {
	old, err := s.findDuty(r)
	if err != nil {
		return err
	}
	return s.dutySave(w, r, old)
}

// dutySave checks the form, reporting every bad field at once with the
// typed values kept, then creates or updates the duty (which opens the
// tasks already due within its lead days).
func (s *Server) dutySave(w http.ResponseWriter, r *http.Request, old *hitori.Duty) error {
	if err := r.ParseForm(); err != nil {
		return hitori.KeyError(hitori.EINVALID, "error.invalid")
	}
	d, fields := dutyFromForm(r.PostForm)
	err := d.Validate()
	if err == nil && len(fields) == 0 {
		if old == nil {
			err = s.duty.Create(r.Context(), d)
		} else {
			d.ID = old.ID
			err = s.duty.Update(r.Context(), d)
		}
		if err == nil {
			http.Redirect(w, r, dutyURL(d.ID)+"?flash=saved", http.StatusSeeOther)
			return nil
		}
	}
	// The form's own findings first, then the rules' (validation, store).
	e, ok := hitori.AsError(err)
	if err != nil && (!ok || e.Code != hitori.EINVALID) {
		return err
	}
	if ok {
		for k, v := range e.Fields {
			if _, seen := fields[k]; !seen {
				fields[k] = v
			}
		}
	}
	p, perr := s.dutyFormPage(r, old, r.PostForm)
	if perr != nil {
		return perr
	}
	return s.formError(w, "duty_form", p, &hitori.Error{Code: hitori.EINVALID, Key: "error.fields", Message: "error.fields", Fields: fields})
}
