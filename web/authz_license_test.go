package web

// licenseStaff may use the license register; keys and alert steps are for
// administrators.
var licenseStaff = []string{"technician", "admin"}

// licenseAuthz says who may use the license and expiry routes.
var licenseAuthz = map[string][]string{
	"GET /licenses":              licenseStaff,
	"GET /licenses/new":          licenseStaff,
	"POST /licenses":             licenseStaff,
	"GET /licenses/{id}":         licenseStaff,
	"POST /licenses/{id}":        licenseStaff,
	"GET /licenses/{id}/delete":  licenseStaff,
	"POST /licenses/{id}/delete": licenseStaff,
	"POST /licenses/{id}/key":    admins,
	"GET /licenses/expiring":     licenseStaff,
	"GET /licenses/settings":     admins,
	"POST /licenses/settings":    admins,
	"GET /api/v1/licenses":       licenseStaff,
}
