package web

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"hitori"
	"hitori/asset"
)

// The inventory area's pages: findings for staff; held reports and the
// agents' settings for administrators.

// inventoryNav is the navigation area of the inventory pages.
const inventoryNav = "inventory"

// inventoryRoutes are the agent endpoints and the pages.
func (s *Server) inventoryRoutes() []route {
	return append(s.inventoryAgentRoutes(),
		route{"GET /inventory/findings", staff, s.inventoryFindings, false},
		route{"GET /inventory/pending", adminOnly, s.inventoryPending, false},
		route{"POST /inventory/pending/{id}", adminOnly, s.inventoryDecide, false},
		route{"GET /inventory/settings", adminOnly, s.inventorySettings, false},
		route{"POST /inventory/settings", adminOnly, s.inventorySettingsSave, false},
	)
}

// inventoryFindingGroup is one kind of finding with its rows.
type inventoryFindingGroup struct {
	Kind  string
	Title string
	Rows  []inventoryFindingRow
}

type inventoryFindingRow struct {
	Href, Device, Text string
}

// inventoryAssetURL is the register's page of an asset.
func inventoryAssetURL(id int64) string { return "/assets/" + strconv.FormatInt(id, 10) }

// inventoryFindings is GET /inventory/findings.
func (s *Server) inventoryFindings(w http.ResponseWriter, r *http.Request) error {
	list, err := s.asset.InventoryFindings(r.Context())
	if err != nil {
		return err
	}
	st, err := s.asset.InventorySettings(r.Context())
	if err != nil {
		return err
	}
	p := s.newPage(r, inventoryNav)
	p.Title = p.T("inventory.findings.title")
	groups := make([]*inventoryFindingGroup, 0, len(asset.FindingKinds))
	byKind := map[string]*inventoryFindingGroup{}
	for _, k := range asset.FindingKinds {
		title := p.T("inventory.finding." + k)
		if k == asset.FindingStale {
			title = p.T("inventory.finding.stale", st.StaleDays)
		}
		g := &inventoryFindingGroup{Kind: k, Title: title}
		groups, byKind[k] = append(groups, g), g
	}
	for _, f := range list {
		device := f.Number
		if device == "" {
			device = p.T("inventory.no_number")
		}
		if f.Hostname != "" {
			device += " (" + f.Hostname + ")"
		}
		var text string
		switch f.Kind {
		case asset.FindingUnsupportedOS:
			text = p.T("inventory.finding.unsupported_os_text", f.Subject, string(f.Since))
		case asset.FindingLowDisk:
			text = p.T("inventory.finding.low_disk_text", f.Subject, f.Value)
		case asset.FindingStale:
			text = p.T("inventory.finding.stale_text", string(f.Since), f.Value)
		case asset.FindingNotInLedger:
			text = p.T("inventory.finding.not_in_ledger_text")
		}
		href := inventoryAssetURL(f.AssetID)
		if f.Kind == asset.FindingOverLicensed {
			href, device, text = "/licenses/"+strconv.FormatInt(f.AssetID, 10), f.Subject, p.T("inventory.finding.over_licensed_text", f.Value)
		}
		g := byKind[f.Kind]
		g.Rows = append(g.Rows, inventoryFindingRow{Href: href, Device: device, Text: text})
	}
	p.Data = map[string]any{"Groups": groups, "Total": len(list)}
	s.render(w, http.StatusOK, "inventory_findings", p)
	return nil
}

// inventoryPending is GET /inventory/pending.
func (s *Server) inventoryPending(w http.ResponseWriter, r *http.Request) error {
	list, err := s.asset.Store.InventoryPendingList(r.Context())
	if err != nil {
		return err
	}
	p := s.newPage(r, inventoryNav)
	p.Title = p.T("inventory.pending.title")
	workFlash(p, r, "inventory")
	p.Data = map[string]any{"Pending": list}
	s.render(w, http.StatusOK, "inventory_pending", p)
	return nil
}

// inventoryDecide is POST /inventory/pending/{id}: decision=approve|reject.
func (s *Server) inventoryDecide(w http.ResponseWriter, r *http.Request) error {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		return hitori.KeyError(hitori.ENOTFOUND, "error.not_found")
	}
	var approve bool
	switch r.PostFormValue("decision") {
	case "approve":
		approve = true
	case "reject":
	default:
		return hitori.FieldError("decision", "error.invalid")
	}
	if _, err := s.asset.DecidePending(r.Context(), id, approve); err != nil {
		return err
	}
	flash := "rejected"
	if approve {
		flash = "approved"
	}
	http.Redirect(w, r, "/inventory/pending?flash="+flash, http.StatusSeeOther)
	return nil
}

// inventorySettingsPage shows the settings form with the given values.
func (s *Server) inventorySettingsPage(r *http.Request, st asset.InventorySettings) *page {
	p := s.newPage(r, inventoryNav)
	p.Title = p.T("inventory.settings.title")
	base := s.cfg.BaseURL
	if base == "" {
		base = "http://" + r.Host
	}
	p.Data = map[string]any{"Settings": st, "HasPassword": st.PasswordHash != "", "URL": strings.TrimRight(base, "/") + "/inventory"}
	return p
}

// inventorySettings is GET /inventory/settings.
func (s *Server) inventorySettings(w http.ResponseWriter, r *http.Request) error {
	st, err := s.asset.InventorySettings(r.Context())
	if err != nil {
		return err
	}
	p := s.inventorySettingsPage(r, st)
	workFlash(p, r, "inventory")
	s.render(w, http.StatusOK, "inventory_settings", p)
	return nil
}

// inventorySettingsSave is POST /inventory/settings.
func (s *Server) inventorySettingsSave(w http.ResponseWriter, r *http.Request) error {
	f := r.PostForm
	st := asset.InventorySettings{User: f.Get("user"), HoldUnknown: f.Get("hold_unknown") == "on"}
	var bad []string
	for _, n := range []struct {
		name string
		dst  *int
	}{{"stale_days", &st.StaleDays}, {"prolog_hours", &st.PrologHours}} {
		v, err := strconv.Atoi(strings.TrimSpace(f.Get(n.name)))
		if err != nil {
			bad = append(bad, n.name)
		}
		*n.dst = v
	}
	err := s.asset.SaveInventorySettings(r.Context(), st, f.Get("password"), f.Get("clear_user") == "on")
	if len(bad) > 0 {
		err = hitori.FieldError(bad[0], fmt.Sprintf("inventory.error.%s", bad[0]))
	}
	if e, ok := hitori.AsError(err); ok && e.Code == hitori.EINVALID {
		p := s.inventorySettingsPage(r, st)
		for k, v := range e.Fields {
			p.Errors[k] = p.T(v)
		}
		s.render(w, http.StatusUnprocessableEntity, "inventory_settings", p)
		return nil
	}
	if err != nil {
		return err
	}
	http.Redirect(w, r, "/inventory/settings?flash=saved", http.StatusSeeOther)
	return nil
}
