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
}

// licenseExpiring is GET /licenses/expiring: warranty ends, lease ends and
// license renewals of the next 90 days (or the largest alert step), soonest
// first, each with the alerts already sent — the dashboard of the alerts.
func (s *Server) licenseExpiring(w http.ResponseWriter, r *http.Request) error {
	alerts := s.expiryAlerts()
	list, err := alerts.Upcoming(r.Context())
	if err != nil {
		return err
	}
	steps, err := alerts.Steps(r.Context())
	if err != nil {
		return err
	}
	today := alerts.Today()
	p := s.newPage(r, licenseNav)
	d := &expiringData{Steps: steps, Days: max(asset.UpcomingDays, steps[0]), IsAdmin: p.User != nil && p.User.Role == hitori.RoleAdmin}
	for _, e := range list {
		row := expiryRow{Expiry: e, DaysLeft: asset.DaysLeft(today, e)}
		if e.Kind == hitori.ExpiryRenewal {
			row.URL = licenseURL(e.RefID)
		} else {
			row.URL = "/assets/" + strconv.FormatInt(e.RefID, 10)
		}
		d.Rows = append(d.Rows, row)
	}
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
