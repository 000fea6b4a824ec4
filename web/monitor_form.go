package web

import (
	"net/http"
	"net/url"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"golang.org/x/text/width"

	"hitori"
)

// monitorFormData is what monitor_form.html shows.
type monitorFormData struct {
	Monitor  *hitori.Monitor // nil: a new monitor
	Types    []hitori.MonitorType
	Records  []string
	StartTLS []string
	Windows  []int // indexes of the window rows (the stored ones and one empty)
	// Runbooks are the articles the runbook select offers: those matching
	// ?runbook_q= (or the first by title), and the chosen one.
	Runbooks     []linkCandidate
	RunbookQuery string
}

// Win returns the i-th value of a repeated window field.
func (d *monitorFormData) Win(f url.Values, name string, i int) string {
	if v := f[name]; i < len(v) {
		return v[i]
	}
	return ""
}

const windowLayout = "2006-01-02T15:04" // <input type="datetime-local">, Tokyo time

func (s *Server) monitorFormPage(r *http.Request, m *hitori.Monitor, f url.Values) (*page, error) {
	p := s.newPage(r, monitorNav)
	d := &monitorFormData{Monitor: m, Types: hitori.MonitorTypes, Records: []string{"A", "AAAA", "CNAME", "MX", "TXT", "NS"},
		StartTLS: []string{"", hitori.TLSStartTLSSMTP, hitori.TLSStartTLSIMAP}}
	switch {
	case f != nil:
		p.Form = f
	case m == nil:
		p.Form = url.Values{"type": {"http"}, "interval_s": {"60"}, "timeout_s": {"10"}, "retries": {"1"}, "warn_days": {"14"}}
	default:
		p.Form = monitorFormValues(m)
	}
	for i := range len(p.Form["window_starts"]) + 1 {
		d.Windows = append(d.Windows, i)
	}
	if err := s.runbookChoices(r, d, p.Form.Get("runbook_id")); err != nil {
		return nil, err
	}
	p.Data = d
	if m == nil {
		p.Title = p.T("monitor.new.title")
	} else {
		p.Title = m.Name
	}
	return p, nil
}

// runbookChoices fills the runbook select: the articles matching
// ?runbook_q=, and the chosen one first even when the search misses it.
func (s *Server) runbookChoices(r *http.Request, d *monitorFormData, chosen string) error {
	d.RunbookQuery = strings.TrimSpace(r.URL.Query().Get("runbook_q"))
	cands, err := s.linkCandidates(r, hitori.LinkArticle, d.RunbookQuery)
	if err != nil {
		return err
	}
	id, err := strconv.ParseInt(chosen, 10, 64)
	if err == nil && !slices.ContainsFunc(cands, func(c linkCandidate) bool { return c.Ref == chosen }) {
		if a, err := s.stores.Articles.FindArticleByID(r.Context(), id); err == nil {
			cands = append([]linkCandidate{{Ref: chosen, Label: a.Title}}, cands...)
		}
	}
	d.Runbooks = cands
	return nil
}

// monitorFormValues fills the form from a stored monitor.
func monitorFormValues(m *hitori.Monitor) url.Values {
	itoa := strconv.Itoa
	v := url.Values{"name": {m.Name}, "type": {string(m.Type)}, "target": {m.Target},
		"interval_s": {itoa(int(m.Interval / time.Second))}, "timeout_s": {itoa(int(m.Timeout / time.Second))}, "retries": {itoa(m.Retries)}}
	if m.RunbookID != nil {
		v.Set("runbook_id", strconv.FormatInt(*m.RunbookID, 10))
	}
	if h := m.Options.HTTP; h != nil {
		if h.ExpectStatus != 0 {
			v.Set("expect_status", itoa(h.ExpectStatus))
		}
		if h.MaxLatencyMS != 0 {
			v.Set("max_latency_ms", itoa(h.MaxLatencyMS))
		}
		v.Set("keyword", h.Keyword)
		v.Set("json_path", h.JSONPath)
		v.Set("json_value", h.JSONValue)
		if h.NoRedirects {
			v.Set("no_redirects", "1")
		}
		var lines []string
		for k, val := range h.Headers {
			lines = append(lines, k+": "+val)
		}
		sort.Strings(lines)
		v.Set("headers", strings.Join(lines, "\n"))
	}
	if d := m.Options.DNS; d != nil {
		v.Set("record_type", d.RecordType)
		v.Set("dns_server", d.Server)
		v.Set("expect", d.Expect)
	}
	if t := m.Options.TLS; t != nil {
		v.Set("starttls", t.StartTLS)
		v.Set("warn_days", itoa(t.WarnDays))
	}
	if h := m.Options.Heartbeat; h != nil {
		v.Set("period_s", itoa(h.PeriodS))
		v.Set("grace_s", itoa(h.GraceS))
	}
	for _, w := range m.Windows {
		v.Add("window_starts", w.Starts.In(tokyo).Format(windowLayout))
		v.Add("window_ends", w.Ends.In(tokyo).Format(windowLayout))
		v.Add("window_notes", w.Note)
	}
	return v
}

// monitorFromForm reads the form; numbers it cannot read come back as field errors.
func monitorFromForm(f url.Values) (*hitori.Monitor, map[string]string) {
	fields := map[string]string{}
	num := func(name string) int {
		v := strings.TrimSpace(width.Fold.String(f.Get(name)))
		if v == "" {
			return 0
		}
		n, err := strconv.Atoi(v)
		if err != nil {
			fields[name] = "monitor.error.number"
		}
		return n
	}
	m := &hitori.Monitor{Name: f.Get("name"), Type: hitori.MonitorType(f.Get("type")), Target: f.Get("target"),
		Interval: time.Duration(num("interval_s")) * time.Second, Timeout: time.Duration(num("timeout_s")) * time.Second,
		Retries: num("retries")}
	if v := num("runbook_id"); v > 0 {
		rb := int64(v)
		m.RunbookID = &rb
	}
	switch m.Type {
	case hitori.MonitorHTTP:
		h := &hitori.HTTPOptions{ExpectStatus: num("expect_status"), MaxLatencyMS: num("max_latency_ms"),
			Keyword: f.Get("keyword"), JSONPath: strings.TrimSpace(f.Get("json_path")), JSONValue: f.Get("json_value"),
			NoRedirects: f.Get("no_redirects") != ""}
		for _, line := range strings.Split(f.Get("headers"), "\n") {
			if line = strings.TrimSpace(line); line == "" {
				continue
			}
			k, v, ok := strings.Cut(line, ":")
			if !ok {
				fields["headers"] = "monitor.error.headers"
				continue
			}
			if h.Headers == nil {
				h.Headers = map[string]string{}
			}
			h.Headers[strings.TrimSpace(k)] = strings.TrimSpace(v)
		}
		m.Options.HTTP = h
	case hitori.MonitorDNS:
		m.Options.DNS = &hitori.DNSOptions{RecordType: f.Get("record_type"), Server: strings.TrimSpace(f.Get("dns_server")), Expect: f.Get("expect")}
	case hitori.MonitorTLS:
		m.Options.TLS = &hitori.TLSOptions{StartTLS: f.Get("starttls"), WarnDays: num("warn_days")}
	case hitori.MonitorHeartbeat:
		m.Options.Heartbeat = &hitori.HeartbeatOptions{PeriodS: num("period_s"), GraceS: num("grace_s")}
	}
	starts, ends, notes := f["window_starts"], f["window_ends"], f["window_notes"]
	for i, st := range starts {
		if strings.TrimSpace(st) == "" {
			continue // an empty row, or one cleared to remove it
		}
		a, err1 := time.ParseInLocation(windowLayout, strings.TrimSpace(st), tokyo)
		var b time.Time
		var err2 error
		if i < len(ends) {
			b, err2 = time.ParseInLocation(windowLayout, strings.TrimSpace(ends[i]), tokyo)
		}
		if err1 != nil || err2 != nil || i >= len(ends) {
			fields["windows"] = "monitor.error.window"
			continue
		}
		w := hitori.MaintenanceWindow{Starts: a.UTC(), Ends: b.UTC()}
		if i < len(notes) {
			w.Note = notes[i]
		}
		m.Windows = append(m.Windows, w)
	}
	return m, fields
}

// monitorNew is GET /monitors/new.
func (s *Server) monitorNew(w http.ResponseWriter, r *http.Request) error {
	p, err := s.monitorFormPage(r, nil, nil)
	if err != nil {
		return err
	}
	s.render(w, http.StatusOK, "monitor_form", p)
	return nil
}

// monitorEdit is GET /monitors/{id}/edit.
func (s *Server) monitorEdit(w http.ResponseWriter, r *http.Request) error {
	m, err := s.findMonitor(r)
	if err != nil {
		return err
	}
	p, err := s.monitorFormPage(r, m, nil)
	if err != nil {
		return err
	}
	s.render(w, http.StatusOK, "monitor_form", p)
	return nil
}

func (s *Server) findMonitor(r *http.Request) (*hitori.Monitor, error) {
	id, err := monitorID(r)
	if err != nil {
		return nil, err
	}
	m, _, err := s.stores.Monitors.FindMonitor(r.Context(), id)
	return m, err
}

// monitorCreate is POST /monitors.
func (s *Server) monitorCreate(w http.ResponseWriter, r *http.Request) error {
	return s.monitorSave(w, r, nil)
}

// monitorUpdate is POST /monitors/{id}.
func (s *Server) monitorUpdate(w http.ResponseWriter, r *http.Request) error {
	old, err := s.findMonitor(r)
	if err != nil {
		return err
	}
	return s.monitorSave(w, r, old)
}

// monitorSave checks the form, reporting every bad field at once with the
// typed values kept, then creates or updates the monitor.
func (s *Server) monitorSave(w http.ResponseWriter, r *http.Request, old *hitori.Monitor) error {
	if err := r.ParseForm(); err != nil {
		return hitori.KeyError(hitori.EINVALID, "error.invalid")
	}
	f := r.PostForm
	m, fields := monitorFromForm(f)
	if err := m.Validate(); err != nil {
		if e, ok := hitori.AsError(err); ok {
			for k, v := range e.Fields {
				if _, seen := fields[k]; !seen {
					fields[k] = v
				}
			}
		}
	}
	if err := s.checkRunbook(r, m); err != nil {
		if e, ok := hitori.AsError(err); !ok || e.Code != hitori.ENOTFOUND {
			return err
		}
		fields["runbook_id"] = "monitor.error.runbook"
	}
	if len(fields) == 0 {
		var err error
		if old == nil {
			err = s.stores.Monitors.CreateMonitor(r.Context(), m)
		} else {
			// The form has no system field (the register links systems
			// to monitors); keep what the API stored.
			m.ID, m.SystemID = old.ID, old.SystemID
			err = s.stores.Monitors.UpdateMonitor(r.Context(), m)
		}
		if err == nil {
			http.Redirect(w, r, monitorURL(m.ID)+"?flash=saved", http.StatusSeeOther)
			return nil
		}
		e, ok := hitori.AsError(err)
		if !ok || e.Code != hitori.EINVALID {
			return err
		}
		fields = e.Fields
	}
	p, err := s.monitorFormPage(r, old, f)
	if err != nil {
		return err
	}
	return s.formError(w, "monitor_form", p, &hitori.Error{Code: hitori.EINVALID, Key: "error.fields", Message: "error.fields", Fields: fields})
}

// checkRunbook reports ENOTFOUND when the chosen runbook is no article.
func (s *Server) checkRunbook(r *http.Request, m *hitori.Monitor) error {
	if m.RunbookID == nil {
		return nil
	}
	_, err := s.stores.Articles.FindArticleByID(r.Context(), *m.RunbookID)
	return err
}

// monitorPause and monitorResume are POST /monitors/{id}/pause and /resume.
func (s *Server) monitorPause(w http.ResponseWriter, r *http.Request) error {
	return s.monitorSetPaused(w, r, true)
}

func (s *Server) monitorResume(w http.ResponseWriter, r *http.Request) error {
	return s.monitorSetPaused(w, r, false)
}

func (s *Server) monitorSetPaused(w http.ResponseWriter, r *http.Request, paused bool) error {
	id, err := monitorID(r)
	if err != nil {
		return err
	}
	if err := s.stores.Monitors.SetMonitorPaused(r.Context(), id, paused); err != nil {
		return err
	}
	flash := "resumed"
	if paused {
		flash = "paused"
	}
	http.Redirect(w, r, monitorURL(id)+"?flash="+flash, http.StatusSeeOther)
	return nil
}

// monitorDeleteConfirm is GET /monitors/{id}/delete: what will go, and a button.
func (s *Server) monitorDeleteConfirm(w http.ResponseWriter, r *http.Request) error {
	m, err := s.findMonitor(r)
	if err != nil {
		return err
	}
	p := s.newPage(r, monitorNav)
	p.Title = p.T("monitor.delete.title")
	p.Data = m
	s.render(w, http.StatusOK, "monitor_delete", p)
	return nil
}

// monitorDelete is POST /monitors/{id}/delete: the monitor and its history.
func (s *Server) monitorDelete(w http.ResponseWriter, r *http.Request) error {
	id, err := monitorID(r)
	if err != nil {
		return err
	}
	if err := s.stores.Monitors.DeleteMonitor(r.Context(), id); err != nil {
		return err
	}
	http.Redirect(w, r, "/monitors?flash=deleted", http.StatusSeeOther)
	return nil
}
