package web

// dutyAuthz says who may use the recurring duties' routes: staff only.
var dutyAuthz = map[string][]string{
	"GET /duties":                 licenseStaff,
	"GET /duties/new":             licenseStaff,
	"POST /duties":                licenseStaff,
	"GET /duties/export":          licenseStaff,
	"GET /duties/{id}":            licenseStaff,
	"GET /duties/{id}/edit":       licenseStaff,
	"POST /duties/{id}":           licenseStaff,
	"GET /duties/{id}/delete":     licenseStaff,
	"POST /duties/{id}/delete":    licenseStaff,
	"GET /duties/{id}/on/{date}":  licenseStaff,
	"POST /duties/{id}/on/{date}": licenseStaff,
}
