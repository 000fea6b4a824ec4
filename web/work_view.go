package web

import (
	"time"

	"hitori"
	"hitori/sla"
)

// workRow is one item as the board and the list show it, with everything
// the template needs already worded.
type workRow struct {
	*hitori.Item
	URL       string
	Quadrant  int
	Risk      string // "", "ok", "at_risk" or "breached": the badge's class
	RiskText  string // what the badge says
	RiskTitle string // the due time, as a tooltip
	Age       string
	Requester string
	Assignee  string
	Selected  bool // ticked for bulk edit (the list only)
}

// workRiskClass names a risk for CSS and the catalogue.
func workRiskClass(r sla.Risk) string {
	switch r {
	case sla.RiskOK:
		return "ok"
	case sla.RiskAtRisk:
		return "at_risk"
	case sla.RiskBreached:
		return "breached"
	}
	return ""
}

// row words one item for a list.
func (s *Server) workRowOf(p *page, it *hitori.Item, dir *workStaff, now time.Time) workRow {
	w := workRow{Item: it, URL: workItemURL(it.ID), Quadrant: int(it.Quadrant()), Age: workAge(p, now.Sub(it.CreatedAt)),
		Requester: workRequesterName(it), Assignee: dir.Name(it.AssigneeID)}
	if it.Vendor != "" && w.Assignee == "" {
		w.Assignee = it.Vendor
	}
	w.Risk, w.RiskText, w.RiskTitle = s.workRiskBadge(p, it, now)
	return w
}

// workRiskBadge words an item's SLA state: on track shows the business time
// left, at risk says so before the deadline, breached says by how much.
func (s *Server) workRiskBadge(p *page, it *hitori.Item, now time.Time) (class, text, title string) {
	if !it.Status.Open() {
		return "", "", ""
	}
	risk, left := s.work.Risk(it, now)
	class = workRiskClass(risk)
	if class == "" {
		return "", "", ""
	}
	due := it.ResolutionDue
	if it.FirstRespondedAt == nil && it.FirstResponseDue != nil {
		due = it.FirstResponseDue
		title = p.T("work.sla.first_due", workTime(*due))
	} else if due != nil {
		title = p.T("work.sla.resolution_due", workTime(*due))
	}
	switch risk {
	case sla.RiskBreached:
		// How late in calendar time: "3日" reads better than 27 business hours.
		late := -left
		if due != nil {
			late = now.Sub(*due)
		}
		text = p.T("work.sla.breached", workLate(p, late))
	case sla.RiskAtRisk:
		text = s.workSLALeft(p, "work.sla.at_risk", left, due, now)
	default:
		text = s.workSLALeft(p, "work.sla.ok", left, due, now)
	}
	return class, text, title
}

// workTime shows an instant in Tokyo time, as the templates' dt does.
func workTime(t time.Time) string { return t.In(tokyo).Format("2006-01-02 15:04") }

// workDur words a span of (business) time in hours and minutes; SLA
// budgets are counted in business hours, so days would mislead.
func workDur(p *page, d time.Duration) string {
	if d < 0 {
		d = -d
	}
	m := int(d.Round(time.Minute) / time.Minute)
	switch {
	case m >= 60 && m%60 != 0:
		return p.T("work.dur.hm", m/60, m%60)
	case m >= 60:
		return p.T("work.dur.h", m/60)
	}
	return p.T("work.dur.m", m)
}

// workLate words how long ago a deadline passed: minutes, hours, then days.
func workLate(p *page, d time.Duration) string {
	switch {
	case d < time.Hour:
		return p.T("work.dur.m", int(d/time.Minute))
	case d < 48*time.Hour:
		return p.T("work.dur.h", int(d/time.Hour))
	}
	return p.T("work.dur.d", int(d/(24*time.Hour)))
}

// workAge words how long ago something was opened, in calendar time.
func workAge(p *page, d time.Duration) string {
	switch {
	case d < time.Minute:
		return p.T("work.age.now")
	case d < time.Hour:
		return p.T("work.age.m", int(d/time.Minute))
	case d < 48*time.Hour:
		return p.T("work.age.h", int(d/time.Hour))
	}
	return p.T("work.age.d", int(d/(24*time.Hour)))
}

// workMinutes words logged time: 95 → 1時間35分.
func workMinutes(p *page, m int) string { return workDur(p, time.Duration(m)*time.Minute) }

// workQuadrantChoice is one of the four re-prioritise buttons.
type workQuadrantChoice struct {
	N       int
	Label   string
	Current bool
}

// workQuadrantChoices lists the four quadrants with the item's marked.
func workQuadrantChoices(p *page, current hitori.Quadrant) []workQuadrantChoice {
	out := make([]workQuadrantChoice, 0, 4)
	for q := 1; q <= 4; q++ {
		out = append(out, workQuadrantChoice{N: q, Label: p.T(workQuadrantKey(hitori.Quadrant(q))), Current: hitori.Quadrant(q) == current})
	}
	return out
}

// workQuadrantKey is a quadrant's catalogue key.
func workQuadrantKey(q hitori.Quadrant) string {
	switch q {
	case 1:
		return "work.q.1"
	case 2:
		return "work.q.2"
	case 3:
		return "work.q.3"
	}
	return "work.q.4"
}
