package web

import (
	"net/http"
	"strconv"
	"time"

	"hitori"
)

// incidentRoutes are the incidents' pages, the alert rules' and on-call
// pages, and the public ack link (its signed token is the credential).
// The store checks every call again (staff only).
func (s *Server) incidentRoutes() []route {
	return []route{
		{"GET /incidents", staff, s.incidentList, false},
		{"GET /incidents/{id}", staff, s.incidentPage, false},
		{"POST /incidents/{id}/ack", staff, s.incidentAck, false},
		{"GET /ack/{token}", public, s.ackLinkConfirm, false},
		{"POST /ack/{token}", public, s.ackLinkUse, false},
		{"GET /monitors/{id}/alerts", staff, s.alertRulePage, false},
		{"POST /monitors/{id}/alerts", staff, s.alertRuleSave, false},
		{"POST /monitors/{id}/windows", staff, s.recurringWindowsSave, false},
		{"GET /alerts", staff, s.alertDefaultsPage, false},
		{"POST /alerts", staff, s.alertDefaultsSave, false},
		{"POST /alerts/oncall", staff, s.onCallSave, false},
	}
}

// incidentNav is the menu entry the incident pages belong to.
const incidentNav = "incidents"

func incidentURL(id int64) string { return "/incidents/" + strconv.FormatInt(id, 10) }

// incidentBadge is the badge class of an incident's status.
func incidentBadge(st hitori.IncidentStatus) string {
	switch st {
	case hitori.IncidentOpen:
		return "kb-stale"
	case hitori.IncidentAcknowledged:
		return "kb-kind-troubleshooting"
	}
	return "work-status-resolved"
}

// incidentView has the helpers incident templates share.
type incidentView struct{ now time.Time }

// Badge is the badge class of a status.
func (incidentView) Badge(st hitori.IncidentStatus) string { return incidentBadge(st) }

// When writes a time in Tokyo.
func (incidentView) When(t time.Time) string { return t.In(tokyo).Format("2006-01-02 15:04") }

// Lasted says how long an incident lasted, or has lasted so far, in minutes.
func (v incidentView) Lasted(in *hitori.Incident) int {
	end := v.now
	if in.ResolvedAt != nil {
		end = *in.ResolvedAt
	}
	return int(end.Sub(in.OpenedAt).Round(time.Minute) / time.Minute)
}

// incidentFlash shows ?flash=KEY when KEY is one of the incident pages' messages.
func incidentFlash(p *page, r *http.Request) {
	if k := r.URL.Query().Get("flash"); k != "" {
		if m := p.T("incident.flash." + k); m != "incident.flash."+k {
			p.Flash = m
		}
	}
}
