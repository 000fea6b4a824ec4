package web

import (
	"net/http"
	"strconv"
	"strings"

	"hitori"
	"hitori/asset"
)

const monitorsPerPage = 50

// monitorListData is what monitor_list.html shows.
type monitorListData struct {
	Monitors []*hitori.MonitorSummary
	Query    string
	Pager    pager
	// Inventory heartbeats: devices whose agent stopped reporting, shown
	// on the first unsearched page when the inventory area runs.
	Inventory bool
	StaleDays int
	Stale     []inventoryFindingRow
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
	if s.asset != nil && d.Query == "" && pg == 1 {
		if err := s.inventoryHeartbeats(r, p, d); err != nil {
			return err
		}
	}
	p.Title = p.T("monitor.list.title")
	p.Data = d
	monitorFlash(p, r)
	s.render(w, http.StatusOK, "monitor_list", p)
	return nil
}

// inventoryHeartbeats lists the devices the inventory area finds stale
// (no agent report for stale_days): a device that stops reporting is a
// heartbeat that stopped, so it belongs beside the monitors.
func (s *Server) inventoryHeartbeats(r *http.Request, p *page, d *monitorListData) error {
	st, err := s.asset.InventorySettings(r.Context())
	if err != nil {
		return err
	}
	list, err := s.asset.InventoryFindings(r.Context())
	if err != nil {
		return err
	}
	d.Inventory, d.StaleDays = true, st.StaleDays
	for _, f := range list {
		if f.Kind != asset.FindingStale {
			continue
		}
		device := f.Number
		if device == "" {
			device = p.T("inventory.no_number")
		}
		if f.Hostname != "" {
			device += " (" + f.Hostname + ")"
		}
		d.Stale = append(d.Stale, inventoryFindingRow{Href: inventoryAssetURL(f.AssetID), Device: device,
			Text: p.T("monitor.inventory.last", string(f.Since), f.Value)})
	}
	return nil
}
