package web

import (
	"net/http"
	"net/url"

	"hitori"
)

// alertPageData is what escalation_monitor.html (a monitor's rule and
// recurring windows) and escalation_defaults.html (the defaults and the
// on-call calendar) show.
type alertPageData struct {
	Monitor      *hitori.Monitor // nil on the defaults page
	Own          bool            // the monitor has a rule of its own
	Channels     map[int64]string
	OnCallNow    string
	Upcoming     []*hitori.PlannedMaintenance
	StepRows     []int
	WindowRows   []int
	MemberRows   []int
	OverrideRows []int
	Weekdays     []int
	Weeks        []string // a monthly window's week: 0 by date, 1–4, -1 the last
	incidentView
}

// Val returns the i-th value of a repeated field.
func (d *alertPageData) Val(f url.Values, name string, i int) string { return nth(f[name], i) }

// Sel reports whether the i-th value of a repeated field is v.
func (d *alertPageData) Sel(f url.Values, name string, i int, v string) bool {
	return nth(f[name], i) == v
}

func rowsOf(n int) []int {
	out := make([]int, n+1) // one empty row to add another
	for i := range out {
		out[i] = i
	}
	return out
}

// alertPage renders a monitor's alert page (m set) or the defaults page
// from what is stored, with posted values (and their errors) on top.
func (s *Server) alertPage(w http.ResponseWriter, r *http.Request, m *hitori.Monitor, posted url.Values, failed error) error {
	ctx := r.Context()
	st := s.stores.Incidents
	var id int64
	if m != nil {
		id = m.ID
	}
	rule, own, err := st.AlertRule(ctx, id)
	if err != nil {
		return err
	}
	v := url.Values{}
	ruleValues(rule, v)
	d := &alertPageData{Monitor: m, Own: own, Weekdays: []int{0, 1, 2, 3, 4, 5, 6},
		Weeks: []string{"0", "1", "2", "3", "4", "-1"}, incidentView: incidentView{now: s.now()}}
	if m != nil {
		v.Set("use_defaults", flag(!own))
		ws, err := st.RecurringWindows(ctx, id)
		if err != nil {
			return err
		}
		windowValues(ws, v)
		all, err := st.UpcomingMaintenance(ctx, s.now(), s.now().AddDate(0, 0, 60))
		if err != nil {
			return err
		}
		for _, p := range all {
			if p.MonitorID == id && len(d.Upcoming) < 5 {
				d.Upcoming = append(d.Upcoming, p)
			}
		}
	} else {
		cal, err := st.OnCall(ctx)
		if err != nil {
			return err
		}
		onCallValues(cal, v)
		if who, ok := cal.At(s.now()); ok {
			d.OnCallNow = who.Name
		}
	}
	for k, vals := range posted {
		v[k] = vals
	}
	d.StepRows, d.WindowRows = rowsOf(len(v["step_channels"])), rowsOf(len(v["rw_start"]))
	d.MemberRows, d.OverrideRows = rowsOf(len(v["oc_name"])), rowsOf(len(v["ov_name"]))
	if s.alerts != nil && s.alerts.Channels != nil {
		if d.Channels, err = s.alerts.Channels.AlertChannelNames(ctx); err != nil {
			return err
		}
	}
	name := "escalation_defaults"
	p := s.newPage(r, incidentNav)
	p.Title = p.T("alert.defaults.title")
	if m != nil {
		name, p.Nav, p.Title = "escalation_monitor", monitorNav, p.T("alert.monitor.title", m.Name)
	}
	p.Form, p.Data = v, d
	incidentFlash(p, r)
	if failed != nil {
		return s.formError(w, name, p, failed)
	}
	s.render(w, http.StatusOK, name, p)
	return nil
}

// alertRulePage is GET /monitors/{id}/alerts.
func (s *Server) alertRulePage(w http.ResponseWriter, r *http.Request) error {
	m, err := s.findMonitor(r)
	if err != nil {
		return err
	}
	return s.alertPage(w, r, m, nil, nil)
}

// alertDefaultsPage is GET /alerts.
func (s *Server) alertDefaultsPage(w http.ResponseWriter, r *http.Request) error {
	return s.alertPage(w, r, nil, nil, nil)
}

// alertSave reads a form with read, stores it with save, and returns to
// the page; bad input comes back with every field's reason.
func (s *Server) alertSave(w http.ResponseWriter, r *http.Request, m *hitori.Monitor, save func(f url.Values) (map[string]string, error)) error {
	if err := r.ParseForm(); err != nil {
		return hitori.KeyError(hitori.EINVALID, "error.invalid")
	}
	fields, err := save(r.PostForm)
	if len(fields) > 0 {
		err = &hitori.Error{Code: hitori.EINVALID, Key: "error.fields", Message: "error.fields", Fields: fields}
	}
	if err != nil {
		if hitori.ErrorCode(err) != hitori.EINVALID {
			return err
		}
		return s.alertPage(w, r, m, r.PostForm, err)
	}
	back := "/alerts"
	if m != nil {
		back = monitorURL(m.ID) + "/alerts"
	}
	http.Redirect(w, r, back+"?flash=saved", http.StatusSeeOther)
	return nil
}

// saveRule stores the rule form for monitorID (0: the defaults).
func (s *Server) saveRule(r *http.Request, monitorID int64) func(url.Values) (map[string]string, error) {
	return func(f url.Values) (map[string]string, error) {
		if monitorID != 0 && f.Get("use_defaults") == "1" {
			return nil, s.stores.Incidents.DeleteAlertRule(r.Context(), monitorID)
		}
		rule, fields := ruleFromForm(f)
		if len(fields) > 0 {
			return fields, nil
		}
		rule.MonitorID = monitorID
		return nil, s.stores.Incidents.SaveAlertRule(r.Context(), rule)
	}
}

// alertRuleSave is POST /monitors/{id}/alerts.
func (s *Server) alertRuleSave(w http.ResponseWriter, r *http.Request) error {
	m, err := s.findMonitor(r)
	if err != nil {
		return err
	}
	return s.alertSave(w, r, m, s.saveRule(r, m.ID))
}

// alertDefaultsSave is POST /alerts.
func (s *Server) alertDefaultsSave(w http.ResponseWriter, r *http.Request) error {
	return s.alertSave(w, r, nil, s.saveRule(r, 0))
}

// recurringWindowsSave is POST /monitors/{id}/windows.
func (s *Server) recurringWindowsSave(w http.ResponseWriter, r *http.Request) error {
	m, err := s.findMonitor(r)
	if err != nil {
		return err
	}
	return s.alertSave(w, r, m, func(f url.Values) (map[string]string, error) {
		ws, fields := windowsFromForm(f)
		if len(fields) > 0 {
			return fields, nil
		}
		return nil, s.stores.Incidents.SaveRecurringWindows(r.Context(), m.ID, ws)
	})
}

// onCallSave is POST /alerts/oncall.
func (s *Server) onCallSave(w http.ResponseWriter, r *http.Request) error {
	return s.alertSave(w, r, nil, func(f url.Values) (map[string]string, error) {
		c, fields := onCallFromForm(f)
		if len(fields) > 0 {
			return fields, nil
		}
		return nil, s.stores.Incidents.SaveOnCall(r.Context(), c)
	})
}
