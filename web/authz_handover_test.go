package web

// handoverStaff may use the handover register and its calendar.
var handoverStaff = []string{"technician", "admin"}

// handoverAuthz says who may use the handover routes. The calendar feed
// is reachable by anyone but opens only with a user's secret token (the
// matrix's "{id}" is no token, so every caller gets 404).
var handoverAuthz = map[string][]string{
	"GET /systems":                    handoverStaff,
	"GET /systems/{id}":               handoverStaff,
	"GET /systems/diagram":            handoverStaff,
	"GET /systems/diagram.svg":        handoverStaff,
	"GET /vendors":                    handoverStaff,
	"GET /vendors/{id}":               handoverStaff,
	"GET /contracts":                  handoverStaff,
	"GET /contracts/{id}":             handoverStaff,
	"GET /contracts/{id}/files/{fid}": handoverStaff,
	"GET /renewals":                   handoverStaff,
	"GET /renewals.ics":               handoverStaff,
	"POST /renewals/feed":             handoverStaff,
	"GET /cal/{token}":                anyone,
	"GET /readiness":                  handoverStaff,
}
