package web

import (
	"net/http"
	"strconv"

	"hitori"
	"hitori/report"
	"hitori/sla"
)

// dashboardQuadrant is one box of open work.
type dashboardQuadrant struct {
	N     int
	Label string
	Count int
	Href  string
}

// dashboardData is the dashboard page.
type dashboardData struct {
	D         *report.Dashboard
	Quadrants []dashboardQuadrant
	AtRisk    []report.Link
	Down      []report.Link
	Renewals  []report.Link
	Duties    []report.Link // missed first, then today's
	Gaps      []report.Link
	Staff     bool // links into the work and asset areas (a viewer may not follow them)
}

// dashboard is GET /dashboard: what needs attention now, each a link.
func (s *Server) dashboard(w http.ResponseWriter, r *http.Request) error {
	d, err := s.report.Dashboard(r.Context())
	if err != nil {
		return err
	}
	p := s.newPage(r, "dashboard")
	p.Title = p.T("nav.dashboard")
	staff := p.User != nil && p.User.Role.IsStaff()
	v := &dashboardData{D: d, Staff: staff}
	for q := 1; q <= 4; q++ {
		v.Quadrants = append(v.Quadrants, dashboardQuadrant{N: q, Label: p.T("report.quadrant." + strconv.Itoa(q)), Count: d.Quadrants[q],
			Href: staffHref(staff, "/work/items?quadrant="+strconv.Itoa(q))})
	}
	for _, it := range d.AtRisk {
		title := hitori.ItemKey(it.ID) + " " + it.Title
		if !staff { // management reads figures, not colleagues' inquiries
			title = hitori.ItemKey(it.ID)
		}
		detail := p.T("report.dash.at_risk_left", report.HoursOf(it.Left))
		if it.Risk == sla.RiskBreached {
			detail = p.T("report.dash.breached", report.HoursOf(-it.Left))
		}
		v.AtRisk = append(v.AtRisk, report.Link{Title: title, Href: staffHref(staff, workItemURL(it.ID)), Detail: detail})
	}
	for _, m := range d.Down {
		v.Down = append(v.Down, report.Link{Title: m.Name, Href: staffHref(staff, monitorURL(m.MonitorID)), Detail: p.T("report.dash.down_since", m.Since.In(s.report.Location).Format("01-02 15:04"))})
	}
	for _, l := range d.Renewals {
		detail := p.T("report.dash.lifecycle."+l.Kind, string(l.On))
		if l.CostYen != nil {
			detail += " · " + report.Num(float64(*l.CostYen)) + p.T("report.unit.yen")
		}
		v.Renewals = append(v.Renewals, report.Link{Title: l.Name, Href: staffHref(staff, lifecycleURL(l)), Detail: detail})
	}
	for _, o := range d.Missed {
		v.Duties = append(v.Duties, report.Link{Title: o.DutyTitle, Href: staffHref(staff, workItemURL(o.ItemID)), Detail: p.T("report.dash.duty_missed", string(o.DueOn))})
	}
	for _, o := range d.Duties {
		v.Duties = append(v.Duties, report.Link{Title: o.DutyTitle, Href: staffHref(staff, workItemURL(o.ItemID)), Detail: p.T("report.dash.duty_today")})
	}
	if d.Readiness != nil {
		v.Gaps = readinessLinks(p, d.Readiness, staff)
	}
	p.Data = v
	s.render(w, http.StatusOK, "dashboard", p)
	return nil
}

// staffHref is href for staff, and no link for a viewer, who could not
// open the page behind it.
func staffHref(staff bool, href string) string {
	if staff {
		return href
	}
	return ""
}

// lifecycleURL is the page of an asset, a license or a contract.
func lifecycleURL(l hitori.LifecycleDate) string {
	id := strconv.FormatInt(l.RefID, 10)
	switch l.Kind {
	case "renewal":
		return "/licenses/" + id
	case "decision", "contract_end":
		return "/contracts/" + id
	}
	return "/assets/" + id
}

// readinessLinks words the handover readiness gaps: the system, what is
// missing, and the page that fixes it (staff only).
func readinessLinks(p *page, r *hitori.Readiness, staff bool) []report.Link {
	out := make([]report.Link, 0, len(r.Gaps))
	for _, g := range r.Gaps {
		title := g.System
		if title == "" {
			title = p.T("report.dash.gap_vault")
		}
		out = append(out, report.Link{Title: title, Href: staffHref(staff, g.FixURL), Detail: p.T("handover.check." + string(g.Check))})
	}
	return out
}
