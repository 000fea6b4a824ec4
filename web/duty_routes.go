package web

import (
	"net/http"
	"strconv"
	"time"

	"hitori"
)

// dutyRoutes are the recurring duties' pages. The store checks every call
// again (staff only).
func (s *Server) dutyRoutes() []route {
	return []route{
		{"GET /duties", staff, s.dutyList, false},
		{"GET /duties/new", staff, s.dutyNew, false},
		{"POST /duties", staff, s.dutyCreate, false},
		{"GET /duties/export", staff, s.dutyExport, false},
		{"GET /duties/{id}", staff, s.dutyPage, false},
		{"GET /duties/{id}/edit", staff, s.dutyEdit, false},
		{"POST /duties/{id}", staff, s.dutyUpdate, false},
		{"GET /duties/{id}/delete", staff, s.dutyDeleteConfirm, false},
		{"POST /duties/{id}/delete", staff, s.dutyDelete, false},
		{"GET /duties/{id}/on/{date}", staff, s.dutyOccurrence, false},
		{"POST /duties/{id}/on/{date}", staff, s.dutyComplete, false},
	}
}

// dutyNav is the menu entry the duty pages belong to.
const dutyNav = "duties"

// dutyURL is a duty's page.
func dutyURL(id int64) string { return "/duties/" + strconv.FormatInt(id, 10) }

// dutyFlash shows ?flash=KEY when KEY is one of the duty pages' messages.
func dutyFlash(p *page, r *http.Request) {
	k := r.URL.Query().Get("flash")
	if k == "" {
		return
	}
	if m := p.T("duty.flash." + k); m != "duty.flash."+k {
		p.Flash = m
	}
}

// dutyID reads {id}; a malformed one is not found.
func dutyID(r *http.Request) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id < 1 {
		return 0, hitori.KeyError(hitori.ENOTFOUND, "error.not_found")
	}
	return id, nil
}

func (s *Server) findDuty(r *http.Request) (*hitori.Duty, error) {
	id, err := dutyID(r)
	if err != nil {
		return nil, err
	}
	return s.stores.Duties.FindDuty(r.Context(), id)
}

// dutyStateBadge is the badge class of an occurrence state.
func dutyStateBadge(state string) string {
	switch state {
	case "recorded", "done_on_board":
		return "work-status-resolved"
	case "missed":
		return "kb-stale"
	}
	return "kb-kind-troubleshooting"
}

// scheduleText says a schedule in words of the page's language, e.g.
// 毎月 第2 水曜日（休日なら翌営業日）.
func scheduleText(p *page, sc hitori.DutySchedule) string {
	wd := func(d time.Weekday) string { return p.T("duty.weekday." + strconv.Itoa(int(d))) }
	var when string
	switch sc.Freq {
	case hitori.DutyDaily:
		when = p.T("duty.text.daily")
		if sc.BusinessDaysOnly {
			when = p.T("duty.text.daily_business")
		}
	case hitori.DutyWeekly:
		when = p.T("duty.text.weekly", wd(sc.Weekday))
	case hitori.DutyMonthly:
		switch sc.Monthly {
		case hitori.MonthlyDay:
			when = p.T("duty.text.monthly_day", sc.Day)
			if sc.Day == 31 {
				when = p.T("duty.text.monthly_last_day")
			}
		case hitori.MonthlyNthWeekday:
			when = p.T("duty.text.monthly_nth", p.T("duty.nth."+strconv.Itoa(sc.Nth)), wd(sc.Weekday))
		case hitori.MonthlyLastBusinessDay:
			when = p.T("duty.text.monthly_last_business")
		}
	case hitori.DutyYearly:
		when = p.T("duty.text.yearly", int(sc.Month), sc.Day)
	}
	if r := sc.Rule(); r != hitori.HolidayKeep {
		when += p.T("duty.text.rule." + string(r))
	}
	return when
}
