package web

// monitorAuthz says who may use the monitor routes. The heartbeat is open
// to anyone: the token in the path is the credential.
var monitorAuthz = map[string][]string{
	"GET /monitors":              licenseStaff,
	"GET /monitors/new":          licenseStaff,
	"POST /monitors":             licenseStaff,
	"GET /monitors/{id}":         licenseStaff,
	"GET /monitors/{id}/edit":    licenseStaff,
	"POST /monitors/{id}":        licenseStaff,
	"POST /monitors/{id}/pause":  licenseStaff,
	"POST /monitors/{id}/resume": licenseStaff,
	"GET /monitors/{id}/delete":  licenseStaff,
	"POST /monitors/{id}/delete": licenseStaff,
	"GET /api/v1/monitors":       licenseStaff,
	"POST /api/v1/monitors":      licenseStaff,
	"GET /api/v1/monitors/{id}":  licenseStaff,
	"GET /hb/{token}":            anyone,
	"POST /hb/{token}":           anyone,
}
