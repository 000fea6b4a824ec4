package web

import (
	"fmt"
	"html/template"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"hitori"
)

// monitorPageData is what monitor_page.html shows.
type monitorPageData struct {
	Monitor      *hitori.Monitor
	State        *hitori.MonitorState
	Results      []*hitori.CheckResult // newest first
	Events       []*hitori.MonitorEvent
	Days         []*hitori.MonitorRollup // newest first
	Chart        template.HTML
	HeartbeatURL string
	Runbook      *hitori.Article  // nil: none chosen, or RunbookGone
	RunbookGone  bool             // the chosen article was deleted
	Systems      []*hitori.System // register systems that link this monitor
}

// Badge is the badge class of the state.
func (d *monitorPageData) Badge() string { return statusBadge(d.State.Status) }

// Ms writes a latency in milliseconds.
func (d *monitorPageData) Ms(v time.Duration) string { return ms(v) }

// When writes a time in Tokyo.
func (d *monitorPageData) When(t time.Time) string { return t.In(tokyo).Format("2006-01-02 15:04:05") }

// Day writes a roll-up's day in Tokyo.
func (d *monitorPageData) Day(t time.Time) string { return t.In(tokyo).Format("2006-01-02") }

// Pct writes an uptime.
func (d *monitorPageData) Pct(r *hitori.MonitorRollup) string {
	return strconv.FormatFloat(r.Uptime(), 'f', 2, 64) + "%"
}

// monitorPage is GET /monitors/{id}: state, the latency of recent checks
// as a small chart, recent results, daily roll-ups and state changes.
func (s *Server) monitorPage(w http.ResponseWriter, r *http.Request) error {
	id, err := monitorID(r)
	if err != nil {
		return err
	}
	st := s.stores.Monitors
	ctx := r.Context()
	m, state, err := st.FindMonitor(ctx, id)
	if err != nil {
		return err
	}
	d := &monitorPageData{Monitor: m, State: state}
	if d.Results, err = st.RecentResults(ctx, id, 120); err != nil {
		return err
	}
	if d.Events, err = st.MonitorEvents(ctx, id, 20); err != nil {
		return err
	}
	if d.Days, err = st.Rollups(ctx, id, "day", s.now().Add(-31*24*time.Hour)); err != nil {
		return err
	}
	slices.Reverse(d.Days)
	if m.Token != "" {
		d.HeartbeatURL = s.heartbeatURL(m.Token)
	}
	if err := s.monitorLinks(r, d); err != nil {
		return err
	}
	p := s.newPage(r, monitorNav)
	p.Title = m.Name
	d.Chart = latencyChart(d.Results, p.T("monitor.chart.label"))
	p.Data = d
	monitorFlash(p, r)
	s.render(w, http.StatusOK, "monitor_page", p)
	return nil
}

// monitorLinks finds the monitor's runbook and the register's systems
// that link it (the register owns system↔monitor links; the page only
// shows them). The register is small, so reading it whole is cheap.
func (s *Server) monitorLinks(r *http.Request, d *monitorPageData) error {
	ctx := r.Context()
	if id := d.Monitor.RunbookID; id != nil {
		a, err := s.stores.Articles.FindArticleByID(ctx, *id)
		if e, ok := hitori.AsError(err); ok && e.Code == hitori.ENOTFOUND {
			d.RunbookGone = true
		} else if err != nil {
			return err
		}
		d.Runbook = a
	}
	if s.stores.Handover == nil {
		return nil
	}
	systems, err := s.stores.Handover.AllSystems(ctx)
	if err != nil {
		return err
	}
	ref := strconv.FormatInt(d.Monitor.ID, 10)
	for _, sys := range systems {
		if slices.ContainsFunc(sys.LinksOf(hitori.LinkMonitor), func(l hitori.SystemLink) bool { return l.Ref == ref }) {
			d.Systems = append(d.Systems, sys)
		}
	}
	return nil
}

// latencyChart draws the results' latency (oldest left) as an SVG line;
// failed checks are red marks on the baseline. Only numbers and the
// escaped label go into the markup.
func latencyChart(results []*hitori.CheckResult, label string) template.HTML {
	const w, h, pad = 600.0, 120.0, 4.0
	if len(results) == 0 {
		return ""
	}
	var top time.Duration
	for _, r := range results {
		if r.OK {
			top = max(top, r.Latency)
		}
	}
	top = max(top, time.Millisecond)
	var b strings.Builder
	fmt.Fprintf(&b, `<svg class="monitor-chart" role="img" aria-label="%s" viewBox="0 0 %.0f %.0f" width="100%%" height="%.0f" xmlns="http://www.w3.org/2000/svg">`,
		template.HTMLEscapeString(label), w, h, h)
	fmt.Fprintf(&b, `<line x1="0" y1="%.1f" x2="%.0f" y2="%.1f" stroke="#d0d5dd" stroke-width="1"/>`, h-pad, w, h-pad)
	step := (w - 2*pad) / float64(max(len(results)-1, 1))
	var pts []string
	var marks strings.Builder
	for i := range results {
		r := results[len(results)-1-i] // oldest first
		x := pad + float64(i)*step
		if !r.OK {
			fmt.Fprintf(&marks, `<rect x="%.1f" y="%.1f" width="3" height="8" fill="#c0392b"/>`, x-1.5, h-pad-8)
			continue
		}
		y := h - pad - (h-2*pad)*float64(r.Latency)/float64(top)
		pts = append(pts, fmt.Sprintf("%.1f,%.1f", x, y))
	}
	if len(pts) > 0 {
		fmt.Fprintf(&b, `<polyline fill="none" stroke="#2563eb" stroke-width="1.5" points="%s"/>`, strings.Join(pts, " "))
	}
	b.WriteString(marks.String())
	fmt.Fprintf(&b, `<text x="%.0f" y="12" font-size="11" text-anchor="end" fill="#667085">%s ms</text></svg>`, w-pad, ms(top))
	return template.HTML(b.String())
}
