package web

import (
	"net/http"

	"hitori"
	"hitori/report"
)

// reportRoutes are the dashboard, the reports and their API: for
// administrators and viewers (management), who may read them all; only
// the report settings are a write, for administrators.
func (s *Server) reportRoutes() []route {
	return []route{
		{"GET /dashboard", reports, s.dashboard, false},
		{"GET /reports/time", reports, s.reportTime, false},
		{"GET /reports/service", reports, s.reportService, false},
		{"GET /reports/export", reports, s.reportExport, false},
		{"GET /reports/monthly", reports, s.reportMonthly, false},
		{"GET /reports/monthly/{month}", reports, s.reportMonthlyDoc, false},
		{"GET /reports/roi", reports, s.reportROI, false},
		{"GET /reports/plan", reports, s.reportPlan, false},
		{"GET /reports/settings", adminOnly, s.reportSettings, false},
		{"POST /reports/settings", adminOnly, s.reportSettingsSave, false},
		{"POST /reports/monthly/send", adminOnly, s.reportMonthlySend, false},
		{"GET /api/v1/reports/time", reports, s.apiReportTime, true},
		{"GET /api/v1/reports/service", reports, s.apiReportService, true},
	}
}

// reportNav is the menu entry the report pages belong to.
const reportNav = "reports"

// reportSpan reads ?from=&to= (days in Japan); either missing means this
// month so far.
func (s *Server) reportSpan(r *http.Request) (report.Span, error) {
	q := r.URL.Query()
	from, to := q.Get("from"), q.Get("to")
	now := s.now().In(s.report.Location)
	if from == "" {
		from = now.Format("2006-01") + "-01"
	}
	if to == "" {
		to = now.Format("2006-01-02")
	}
	return report.ParseSpan(from, to, s.report.Location)
}

// reportTimeJSON is GET /api/v1/reports/time's answer: a public contract
// (docs/api.md), so its shape changes only by adding fields.
type reportTimeJSON struct {
	From         string            `json:"from"`
	To           string            `json:"to"`
	TotalMinutes int               `json:"total_minutes"`
	ByCategory   []categoryMinutes `json:"by_category"`
	ByKind       []kindMinutes     `json:"by_kind"`
}

type categoryMinutes struct {
	Category string `json:"category"`
	Minutes  int    `json:"minutes"`
}

type kindMinutes struct {
	Kind    string `json:"kind"`
	Minutes int    `json:"minutes"`
}

// apiReportTime is GET /api/v1/reports/time?from=YYYY-MM-DD&to=YYYY-MM-DD:
// every minute logged on items in those days (both included, in the
// installation's time zone), by category and by kind.
func (s *Server) apiReportTime(w http.ResponseWriter, r *http.Request) error {
	span, err := s.reportSpan(r)
	if err != nil {
		return err
	}
	f, err := s.report.Time(r.Context(), span)
	if err != nil {
		return err
	}
	out := reportTimeJSON{From: string(span.From), To: string(span.To), TotalMinutes: f.TotalMinutes,
		ByCategory: []categoryMinutes{}, ByKind: []kindMinutes{}}
	for _, c := range f.ByCategory {
		out.ByCategory = append(out.ByCategory, categoryMinutes{c.Key, c.Minutes})
	}
	for _, k := range f.ByKind {
		out.ByKind = append(out.ByKind, kindMinutes{k.Key, k.Minutes})
	}
	writeJSON(w, http.StatusOK, out)
	return nil
}

// reportServiceJSON is GET /api/v1/reports/service's answer.
type reportServiceJSON struct {
	From          string         `json:"from"`
	To            string         `json:"to"`
	Opened        int            `json:"opened"`
	Resolved      int            `json:"resolved"`
	FirstResponse durationsJSON  `json:"first_response"`
	Resolution    durationsJSON  `json:"resolution"`
	Backlog       int            `json:"backlog"`
	Deflections   int            `json:"deflections"`
	Availability  []availability `json:"availability"`
}

type durationsJSON struct {
	Count         int     `json:"count"`
	MedianMinutes float64 `json:"median_minutes"`
	P90Minutes    float64 `json:"p90_minutes"`
	Met           int     `json:"met_sla"`
	WithTarget    int     `json:"with_sla"`
}

type availability struct {
	MonitorID int64    `json:"monitor_id"`
	Name      string   `json:"name"`
	Checks    int      `json:"checks"`
	Percent   *float64 `json:"percent"` // null: no checks summarised
}

func toDurationsJSON(d report.Durations) durationsJSON {
	return durationsJSON{Count: d.Count, MedianMinutes: d.Median.Minutes(), P90Minutes: d.P90.Minutes(), Met: d.Met, WithTarget: d.Target}
}

// apiReportService is GET /api/v1/reports/service?from=&to=: the service
// figures of those days.
func (s *Server) apiReportService(w http.ResponseWriter, r *http.Request) error {
	span, err := s.reportSpan(r)
	if err != nil {
		return err
	}
	f, err := s.report.Service(r.Context(), span)
	if err != nil {
		return err
	}
	out := reportServiceJSON{From: string(span.From), To: string(span.To), Opened: f.Opened, Resolved: f.Resolved,
		FirstResponse: toDurationsJSON(f.FirstResponse), Resolution: toDurationsJSON(f.Resolution), Backlog: f.Backlog,
		Deflections: f.Deflections, Availability: []availability{}}
	for _, a := range f.Availability {
		v := availability{MonitorID: a.MonitorID, Name: a.Name, Checks: a.Checks}
		if a.Percent >= 0 {
			p := a.Percent
			v.Percent = &p
		}
		out.Availability = append(out.Availability, v)
	}
	writeJSON(w, http.StatusOK, out)
	return nil
}

// reportToday is today's date in the installation's zone.
func (s *Server) reportToday() hitori.Date { return hitori.DateOf(s.now().In(s.report.Location)) }
