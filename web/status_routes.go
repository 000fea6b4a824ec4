package web

import (
	"net/http"
	"time"

	"hitori"
	"hitori/status"
)

// statusRoutes are the status page (public when the setting says so) and
// its settings.
func (s *Server) statusRoutes() []route {
	return []route{
		{"GET /status", public, s.statusPage, false},
		{"GET /admin/status", adminOnly, s.statusSettings, false},
		{"POST /admin/status", adminOnly, s.statusSettingsSave, false},
	}
}

// maintenanceAhead is how far ahead the status page announces maintenance.
const maintenanceAhead = 14 * 24 * time.Hour

// statusBanner fills the banner of a colleague's page (a requester's) with
// the open incidents. Visitors who are not signed in (the login page, where
// a private /status sends them) see it only when the status page is public:
// monitor names may be internal host names. A failure to read either
// leaves the banner out rather than failing the page.
func (s *Server) statusBanner(r *http.Request, p *page) {
	if p.User != nil && p.User.Role != hitori.RoleRequester || s.incidents == nil {
		return
	}
	incs, err := s.incidents.OpenIncidents(r.Context())
	if err != nil {
		s.log.Warn("status banner", "err", err)
		return
	}
	if len(incs) > 0 && p.User == nil {
		set, err := status.Load(r.Context(), s.stores.Settings)
		if err != nil {
			s.log.Warn("status banner", "err", err)
			return
		}
		if !set.Public {
			return
		}
	}
	p.Outages = incs
}

// statusPageData is what status_page.html shows.
type statusPageData struct {
	Incidents   []*hitori.Incident
	Maintenance []*hitori.PlannedMaintenance
}

// statusPage is GET /status: the open incidents and the maintenance of the
// next two weeks in plain words, for any signed-in user, and for anyone
// when the status page is public.
func (s *Server) statusPage(w http.ResponseWriter, r *http.Request) error {
	p := s.newPage(r, "status")
	if p.User == nil {
		set, err := status.Load(r.Context(), s.stores.Settings)
		if err != nil {
			return err
		}
		if !set.Public {
			http.Redirect(w, r, "/login?next=%2Fstatus", http.StatusSeeOther)
			return nil
		}
	}
	d := &statusPageData{}
	var err error
	if d.Incidents, err = s.incidents.OpenIncidents(r.Context()); err != nil {
		return err
	}
	now := s.now()
	if s.maintenance != nil {
		if d.Maintenance, err = s.maintenance.UpcomingMaintenance(r.Context(), now, now.Add(maintenanceAhead)); err != nil {
			return err
		}
	}
	p.Outages = nil // the page itself says it
	p.Title, p.Data = p.T("status.page.title"), d
	s.render(w, http.StatusOK, "status_page", p)
	return nil
}

// statusDeflect runs the deflection on a colleague's new portal item; a
// failure is logged, never shown: the item is saved either way.
func (s *Server) statusDeflect(r *http.Request, itemID int64) {
	if s.deflector == nil {
		return
	}
	if _, err := s.deflector.Deflect(r.Context(), itemID); err != nil {
		s.log.Warn("status: deflect portal item", "item", itemID, "err", err)
	}
}
