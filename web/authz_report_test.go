package web

// readers are the roles that read reports: administrators and viewers
// (management). Only the settings and the on-demand mailing are writes,
// for administrators.
var readers = []string{"viewer", "admin"}

// members are the roles that use hitori beyond reports: everyone signed
// in but the viewer, who sees the dashboard and reports only.
var members = []string{"requester", "technician", "admin"}

// reportAuthz says who may use the report routes.
var reportAuthz = map[string][]string{
	"GET /dashboard":               readers,
	"GET /reports/time":            readers,
	"GET /reports/service":         readers,
	"GET /reports/export":          readers,
	"GET /reports/monthly":         readers,
	"GET /reports/monthly/{month}": readers,
	"GET /reports/roi":             readers,
	"GET /reports/plan":            readers,
	"GET /reports/settings":        admins,
	"POST /reports/settings":       admins,
	"POST /reports/monthly/send":   admins,
	"GET /api/v1/reports/time":     readers,
	"GET /api/v1/reports/service":  readers,
}
