package web

import (
	"net/http"
	"strconv"
	"strings"

	"hitori"
)

const monitorsPerPage = 50

// monitorListData is what monitor_list.html shows.
type monitorListData struct {
	Monitors []*hitori.MonitorSummary
	Query    string
	Pager    pager
}

// Badge is the badge class of a state.
func (d *monitorListData) Badge(st hitori.MonitorStatus) string { return statusBadge(st) }

// Uptime writes the last 24 hours' uptime, "—" without checks.
func (d *monitorListData) Uptime(u float64) string {
	if u < 0 {
		return "—"
	}
	return strconv.FormatFloat(u, 'f', 2, 64) + "%"
}

// Latency writes the last check's latency, "—" before the first.
func (d *monitorListData) Latency(st hitori.MonitorState) string {
	if st.Last == nil || !st.Last.OK {
		return "—"
	}
	return ms(st.Last.Latency) + " ms"
}

// monitorList is GET /monitors: every monitor with its state, uptime and
// latency, searchable, in pages.
func (s *Server) monitorList(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	d := &monitorListData{Query: strings.TrimSpace(q.Get("q"))}
	pg := pageNumber(q.Get("page"))
	list, total, err := s.stores.Monitors.FindMonitors(r.Context(), hitori.MonitorFilter{Query: d.Query,
		Offset: (pg - 1) * monitorsPerPage, Limit: monitorsPerPage})
	if err != nil {
		return err
	}
	d.Monitors, d.Pager = list, newPager(r, pg, monitorsPerPage, total)
	p := s.newPage(r, monitorNav)
	p.Title = p.T("monitor.list.title")
	p.Data = d
	monitorFlash(p, r)
	s.render(w, http.StatusOK, "monitor_list", p)
	return nil
}
