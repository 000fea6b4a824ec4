package web

import (
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"hitori"
	"hitori/sla"
	"hitori/work"
)

// workSettingsData is what work_settings.html shows.
type workSettingsData struct {
	Weekdays     []workWeekday
	Quadrants    []workTargetRow
	HolidayLines []string // "3行目: …" for each bad line of the holiday list
	Upcoming     []workHoliday
	LoadErr      bool
}

type workWeekday struct {
	N     int
	Label string
	On    bool
}

type workTargetRow struct {
	N                    int
	Label                string
	FirstName, ResName   string
	FirstValue, ResValue string
}

type workHoliday struct {
	Date, Weekday, Name string
}

// workSettingsPage builds the form from st (the settings in force, or what
// was just sent and refused).
func (s *Server) workSettingsPage(r *http.Request, form url.Values) *page {
	p := s.newPage(r, workNav)
	p.Title = p.T("work.settings.title")
	p.Form = form
	d := &workSettingsData{LoadErr: s.work.LoadErr != nil}
	on := map[string]bool{}
	for _, v := range form["workdays"] {
		on[v] = true
	}
	for i := 0; i < 7; i++ {
		wd := (i + 1) % 7 // Monday first, as Japanese calendars at work are
		d.Weekdays = append(d.Weekdays, workWeekday{N: wd, Label: p.T("work.weekday." + strconv.Itoa(wd)), On: on[strconv.Itoa(wd)]})
	}
	for q := hitori.Quadrant(1); q <= 4; q++ {
		first, res := work.TargetField(q, false), work.TargetField(q, true)
		d.Quadrants = append(d.Quadrants, workTargetRow{N: int(q), Label: p.T(workQuadrantKey(q)), FirstName: first, ResName: res,
			FirstValue: form.Get(first), ResValue: form.Get(res)})
	}
	d.Upcoming = s.workUpcomingHolidays(p, 8)
	p.Data = d
	return p
}

// workSettingsForm writes settings as the form's values.
func workSettingsForm(st work.Settings) url.Values {
	f := url.Values{}
	f.Set("holidays", st.Holidays)
	f.Set("open", st.Open)
	f.Set("close", st.Close)
	for _, d := range st.Workdays {
		f.Add("workdays", strconv.Itoa(int(d)))
	}
	for q := hitori.Quadrant(1); q <= 4; q++ {
		t := st.Targets[q]
		f.Set(work.TargetField(q, false), strconv.FormatFloat(t.FirstResponse, 'f', -1, 64))
		f.Set(work.TargetField(q, true), strconv.FormatFloat(t.Resolution, 'f', -1, 64))
	}
	f.Set("categories", strings.Join(st.Categories, "\n"))
	f.Set("category_targets", st.CategoryTargets)
	return f
}

// workSettings is GET /work/settings (administrators).
func (s *Server) workSettings(w http.ResponseWriter, r *http.Request) error {
	s.work.Refresh(r.Context()) // another process may have saved newer ones
	p := s.workSettingsPage(r, workSettingsForm(s.work.Settings()))
	workFlash(p, r, "work")
	s.render(w, http.StatusOK, "work_settings", p)
	return nil
}

// workSettingsSave is POST /work/settings: checks everything, reports each
// bad line of the holiday list by number, stores and applies the rest.
func (s *Server) workSettingsSave(w http.ResponseWriter, r *http.Request) error {
	f := r.PostForm
	st := work.Settings{Holidays: f.Get("holidays"), Open: f.Get("open"), Close: f.Get("close"),
		Targets: map[hitori.Quadrant]work.Target{}, Categories: strings.Split(strings.ReplaceAll(f.Get("categories"), "\r", ""), "\n"),
		CategoryTargets: f.Get("category_targets")}
	fields := map[string]string{}
	for _, v := range f["workdays"] {
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 || n > 6 {
			fields["workdays"] = "error.invalid"
			continue
		}
		st.Workdays = append(st.Workdays, time.Weekday(n))
	}
	for q := hitori.Quadrant(1); q <= 4; q++ {
		var t work.Target
		for _, h := range []struct {
			res bool
			dst *float64
		}{{false, &t.FirstResponse}, {true, &t.Resolution}} {
			name := work.TargetField(q, h.res)
			v := strings.TrimSpace(f.Get(name))
			n, err := strconv.ParseFloat(v, 64)
			switch {
			case v == "":
				fields[name] = "error.required"
			case err != nil:
				fields[name] = "work.settings.hours_invalid"
			default:
				*h.dst = n
			}
		}
		st.Targets[q] = t
	}
	var err error
	if len(fields) == 0 {
		err = s.work.Save(r.Context(), s.stores.Settings, st)
	}
	var bad *work.SettingsError
	if len(fields) > 0 || errors.As(err, &bad) {
		p := s.workSettingsPage(r, f)
		d := p.Data.(*workSettingsData)
		if bad != nil {
			for k, v := range bad.Fields {
				fields[k] = v
			}
			for _, pe := range bad.Holidays {
				d.HolidayLines = append(d.HolidayLines, p.T("work.settings.line", pe.Line, p.T(pe.Key, anys(pe.Args)...)))
			}
		}
		for k, v := range fields {
			p.Errors[k] = p.T(v)
		}
		if bad != nil && bad.CategoryLine > 0 {
			p.Errors["category_targets"] = p.T("work.settings.category_invalid", bad.CategoryLine)
		}
		p.Errors["_"] = p.T("error.fields")
		s.render(w, http.StatusUnprocessableEntity, "work_settings", p)
		return nil
	}
	if err != nil {
		return err
	}
	s.audit(r, hitori.UserFromContext(r.Context()), hitori.AuditSettingsWork, hitori.TargetWorkSettings, "")
	http.Redirect(w, r, workFlashURL("/work/settings", "settings_saved"), http.StatusSeeOther)
	return nil
}

// workUpcomingHolidays lists the next days off that fall on a working
// weekday (public and company holidays), so the administrator sees what the
// calendar will skip.
func (s *Server) workUpcomingHolidays(p *page, n int) []workHoliday {
	cal := s.work.BusinessCalendar()
	if cal == nil {
		return nil
	}
	var out []workHoliday
	day := sla.DateOf(s.now().In(tokyo))
	for i := 0; i < 400 && len(out) < n; i, day = i+1, day.AddDays(1) {
		if !cal.Workdays[day.Weekday()] {
			continue
		}
		if name, ok := cal.HolidayName(day); ok {
			out = append(out, workHoliday{Date: day.String(), Weekday: p.T("work.weekday." + strconv.Itoa(int(day.Weekday()))), Name: name})
		}
	}
	return out
}

// anys passes a catalogue entry's string arguments to T.
func anys(ss []string) []any {
	out := make([]any, len(ss))
	for i, s := range ss {
		out[i] = s
	}
	return out
}
