package web

import (
	"net/http"
	"strconv"

	"hitori"
	"hitori/asset"
)

// licenseRoutes are the software licenses, their compliance and the list
// of what expires soon. The store checks every call again (staff only,
// keys for administrators), so these levels are the first of two gates.
func (s *Server) licenseRoutes() []route {
	return []route{
		{"GET /licenses", staff, s.licenseList, false},
		{"GET /licenses/new", staff, s.licenseNew, false},
		{"POST /licenses", staff, s.licenseCreate, false},
		{"GET /licenses/{id}", staff, s.licenseEdit, false},
		{"POST /licenses/{id}", staff, s.licenseUpdate, false},
		{"GET /licenses/{id}/delete", staff, s.licenseDeleteConfirm, false},
		{"POST /licenses/{id}/delete", staff, s.licenseDelete, false},
		{"POST /licenses/{id}/key", adminOnly, s.licenseKey, false},
		{"GET /licenses/expiring", staff, s.licenseExpiring, false},
		{"GET /licenses/settings", adminOnly, s.licenseSettings, false},
		{"POST /licenses/settings", adminOnly, s.licenseSettingsSave, false},
		{"GET /api/v1/licenses", staff, s.apiLicenses, true},
	}
}

// licenseNav is the menu entry the license pages belong to.
const licenseNav = "licenses"

// licenses is the asset service as the license pages use it, on this
// server's clock.
func (s *Server) licenses() *asset.Service {
	return &asset.Service{Store: s.stores.Assets, Now: s.now}
}

// expiryAlerts reads and saves the alert steps and lists what expires; the
// mail side runs in the job engine (app.Build).
func (s *Server) expiryAlerts() *asset.Alerts {
	return &asset.Alerts{Store: s.stores.Assets, Settings: s.stores.Settings, Users: s.stores.Users, Now: s.now}
}

// licenseID reads {id}; anything but a positive number is 404.
func licenseID(r *http.Request) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id < 1 {
		return 0, hitori.KeyError(hitori.ENOTFOUND, "error.not_found")
	}
	return id, nil
}

// licenseURL is a license's page.
func licenseURL(id int64) string { return "/licenses/" + strconv.FormatInt(id, 10) }

// licenseFlash shows ?flash=KEY when KEY is one of the license pages'
// messages; anything else in the URL is ignored.
func licenseFlash(p *page, r *http.Request) {
	k := r.URL.Query().Get("flash")
	if k == "" {
		return
	}
	if m := p.T("license.flash." + k); m != "license.flash."+k {
		p.Flash = m
	}
}
