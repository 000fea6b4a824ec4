package web

import (
	"net/http"
	"strings"

	"hitori"
)

const incidentsPerPage = 50

// incidentListData is what incident_list.html shows.
type incidentListData struct {
	incidentView
	Incidents []*hitori.Incident
	Query     string
	Show      string // "open" or "all"
	Sort      string
	Pager     pager
}

// incidentList is GET /incidents: open incidents first by default, all
// on request, searchable by monitor name, newest or oldest first.
func (s *Server) incidentList(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	d := &incidentListData{incidentView: incidentView{now: s.now()}, Query: strings.TrimSpace(q.Get("q")), Show: q.Get("show"), Sort: q.Get("sort")}
	if d.Show != "all" {
		d.Show = "open"
	}
	if d.Sort != "oldest" {
		d.Sort = "opened"
	}
	pg := pageNumber(q.Get("page"))
	list, total, err := s.stores.Incidents.FindIncidents(r.Context(), hitori.IncidentFilter{OpenOnly: d.Show == "open",
		Query: d.Query, Sort: d.Sort, Offset: (pg - 1) * incidentsPerPage, Limit: incidentsPerPage})
	if err != nil {
		return err
	}
	d.Incidents, d.Pager = list, newPager(r, pg, incidentsPerPage, total)
	p := s.newPage(r, incidentNav)
	p.Title = p.T("incident.list.title")
	p.Data = d
	incidentFlash(p, r)
	s.render(w, http.StatusOK, "incident_list", p)
	return nil
}
