package web

import (
	"net/http"
	"strconv"

	"hitori"
	"hitori/asset"
)

// expiryRow is one line of the "期限が近いもの" list.
type expiryRow struct {
	*hitori.Expiry
	DaysLeft int
	URL      string
}

// expiringData is what license_expiring.html shows.
type expiringData struct {
	Rows    []expiryRow
	Steps   []int
	Days    int
	IsAdmin bool
	More    int // rows left out (the home page's short list)
}

// homeExpiryRows is how many expiries the home page lists.
const homeExpiryRows = 5

// homeExpiring is the home page's list of what expires next, for staff;
// nil for other roles, when nothing expires, or when it cannot be read
// (the home page still shows).
func (s *Server) homeExpiring(r *http.Request) *expiringData {
	u := identityFrom(r).user
	if u == nil || !u.Role.IsStaff() {
		return nil
	}
	d, err := s.expiringRows(r)
	if err != nil {
		s.log.Error("home: expiring soon", "request_id", requestID(r), "err", err)
		return nil
	}
	if len(d.Rows) == 0 {
		return nil
	}
	if len(d.Rows) > homeExpiryRows {
		d.More = len(d.Rows) - homeExpiryRows
		d.Rows = d.Rows[:homeExpiryRows]
	}
	return d
}

// expiringRows lists what expires within the list's window, with links.
func (s *Server) expiringRows(r *http.Request) (*expiringData, error) {
	alerts := s.expiryAlerts()
	list, err := alerts.Upcoming(r.Context())
	if err != nil {
		return nil, err
	}
	steps, err := alerts.Steps(r.Context())
	if err != nil {
		return nil, err
	}
	today := alerts.Today()
	u := identityFrom(r).user
	d := &expiringData{Steps: steps, Days: max(asset.UpcomingDays, steps[0]), IsAdmin: u != nil && u.Role == hitori.RoleAdmin}
	for _, e := range list {
		row := expiryRow{Expiry: e, DaysLeft: asset.DaysLeft(today, e)}
		if e.Kind == hitori.ExpiryRenewal {
			row.URL = licenseURL(e.RefID)
		} else {
			row.URL = "/assets/" + strconv.FormatInt(e.RefID, 10)
		}
		d.Rows = append(d.Rows, row)
	}
	return d, nil
}

// licenseExpiring is GET /licenses/expiring: warranty ends, lease ends and
// license renewals of the next 90 days (or the largest alert step), soonest
// first, each with the alerts already sent — the dashboard of the alerts.
func (s *Server) licenseExpiring(w http.ResponseWriter, r *http.Request) error {
	d, err := s.expiringRows(r)
	if err != nil {
		return err
	}
	p := s.newPage(r, licenseNav)
	p.Title = p.T("license.expiring.title")
	p.Data = d
	s.render(w, http.StatusOK, "license_expiring", p)
	return nil
}

// licenseSettings is GET /licenses/settings: the alert steps.
func (s *Server) licenseSettings(w http.ResponseWriter, r *http.Request) error {
	steps, err := s.expiryAlerts().Steps(r.Context())
	if err != nil {
		return err
	}
	p := s.newPage(r, licenseNav)
	p.Title = p.T("license.settings.title")
	p.Form = map[string][]string{"steps": {asset.FormatAlertSteps(steps)}}
	licenseFlash(p, r)
	s.render(w, http.StatusOK, "license_settings", p)
	return nil
}

// licenseSettingsSave is POST /licenses/settings.
func (s *Server) licenseSettingsSave(w http.ResponseWriter, r *http.Request) error {
	if _, err := s.expiryAlerts().SaveSteps(r.Context(), r.PostFormValue("steps")); err != nil {
		p := s.newPage(r, licenseNav)
		p.Title = p.T("license.settings.title")
		p.Form = r.PostForm
		return s.formError(w, "license_settings", p, err)
	}
	http.Redirect(w, r, "/licenses/settings?flash=settings_saved", http.StatusSeeOther)
	return nil
}
