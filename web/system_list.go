package web

import (
	"net/http"
	"slices"
	"strings"

	"hitori"
)

const systemsPerPage = 50

var systemSorts = []string{"name", "criticality", "kind", "updated"}

type systemListData struct {
	Systems       []*hitori.System
	Query         string
	Kind          string
	Criticality   string
	Sort          string
	Kinds         []hitori.SystemKind
	Criticalities []hitori.Criticality
	Sorts         []string
	Pager         pager
}

// systemList is GET /systems: the register with search, filters, sort
// and pages.
func (s *Server) systemList(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	d := &systemListData{Query: strings.TrimSpace(q.Get("q")), Kind: q.Get("kind"), Criticality: q.Get("criticality"),
		Sort: q.Get("sort"), Kinds: hitori.SystemKinds, Criticalities: hitori.Criticalities, Sorts: systemSorts}
	if !slices.Contains(systemSorts, d.Sort) {
		d.Sort = "name"
	}
	if !hitori.SystemKind(d.Kind).Valid() {
		d.Kind = ""
	}
	if !hitori.Criticality(d.Criticality).Valid() {
		d.Criticality = ""
	}
	pg := pageNumber(q.Get("page"))
	list, total, err := s.handover().Systems(r.Context(), hitori.SystemFilter{Query: d.Query, Kind: hitori.SystemKind(d.Kind),
		Criticality: hitori.Criticality(d.Criticality), Sort: d.Sort, Offset: (pg - 1) * systemsPerPage, Limit: systemsPerPage})
	if err != nil {
		return err
	}
	d.Systems, d.Pager = list, newPager(r, pg, systemsPerPage, total)
	p := s.handoverPage(r, "handover.systems.title", d)
	handoverFlash(p, r)
	s.render(w, http.StatusOK, "system_list", p)
	return nil
}

// systemView is GET /systems/{id}: one system, what it links to (vault
// entries by name only) and its readiness.
func (s *Server) systemView(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	h := s.handover()
	sys, err := h.System(r.Context(), id)
	if err != nil {
		return err
	}
	ready, err := h.Readiness(r.Context())
	if err != nil {
		return err
	}
	var mine *hitori.SystemReadiness
	for _, sr := range ready.Systems {
		if sr.System.ID == id {
			mine = sr
		}
	}
	p := s.handoverPage(r, "handover.systems.title", map[string]any{"System": sys, "Readiness": mine})
	p.Title = sys.Name
	handoverFlash(p, r)
	s.render(w, http.StatusOK, "system_view", p)
	return nil
}
