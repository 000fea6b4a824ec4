package web

import (
	"net/http"
	"strconv"
	"time"

	"hitori"
)

// monitorRoutes are the monitors' pages, their API and the public
// heartbeat endpoint. The store checks every call again (staff only).
func (s *Server) monitorRoutes() []route {
	return []route{
		{"GET /monitors", staff, s.monitorList, false},
		{"GET /monitors/new", staff, s.monitorNew, false},
		{"POST /monitors", staff, s.monitorCreate, false},
		{"GET /monitors/{id}", staff, s.monitorPage, false},
		{"GET /monitors/{id}/edit", staff, s.monitorEdit, false},
		{"POST /monitors/{id}", staff, s.monitorUpdate, false},
		{"POST /monitors/{id}/pause", staff, s.monitorPause, false},
		{"POST /monitors/{id}/resume", staff, s.monitorResume, false},
		{"GET /monitors/{id}/delete", staff, s.monitorDeleteConfirm, false},
		{"POST /monitors/{id}/delete", staff, s.monitorDelete, false},
		{"GET /api/v1/monitors", staff, s.apiMonitors, true},
		{"POST /api/v1/monitors", staff, s.apiMonitorCreate, true},
		{"GET /api/v1/monitors/{id}", staff, s.apiMonitor, true},
		{"GET /hb/{token}", public, s.heartbeat, true},
		{"POST /hb/{token}", public, s.heartbeat, true},
	}
}

// monitorNav is the menu entry the monitor pages belong to.
const monitorNav = "monitors"

// monitorURL is a monitor's page.
func monitorURL(id int64) string { return "/monitors/" + strconv.FormatInt(id, 10) }

// monitorFlash shows ?flash=KEY when KEY is one of the monitor pages' messages.
func monitorFlash(p *page, r *http.Request) {
	k := r.URL.Query().Get("flash")
	if k == "" {
		return
	}
	if m := p.T("monitor.flash." + k); m != "monitor.flash."+k {
		p.Flash = m
	}
}

// statusBadge is the badge class of a monitor state.
func statusBadge(st hitori.MonitorStatus) string {
	switch st {
	case hitori.MonitorUp:
		return "work-status-resolved"
	case hitori.MonitorDown:
		return "kb-stale"
	case hitori.MonitorPending:
		return "kb-kind-troubleshooting"
	}
	return ""
}

// ms writes a latency in milliseconds with one decimal below 10 ms.
func ms(d time.Duration) string {
	v := float64(d.Microseconds()) / 1000
	if v < 10 {
		return strconv.FormatFloat(v, 'f', 1, 64)
	}
	return strconv.FormatFloat(v, 'f', 0, 64)
}
