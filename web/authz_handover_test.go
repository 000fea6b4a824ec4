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
	// Creating, changing and deleting (handoverEditRoutes).
	"GET /systems/new":                        handoverStaff,
	"POST /systems":                           handoverStaff,
	"GET /systems/{id}/edit":                  handoverStaff,
	"POST /systems/{id}":                      handoverStaff,
	"GET /systems/{id}/delete":                handoverStaff,
	"POST /systems/{id}/delete":               handoverStaff,
	"POST /systems/{id}/links":                handoverStaff,
	"POST /systems/{id}/links/delete":         handoverStaff,
	"GET /vendors/new":                        handoverStaff,
	"POST /vendors":                           handoverStaff,
	"GET /vendors/{id}/edit":                  handoverStaff,
	"POST /vendors/{id}":                      handoverStaff,
	"GET /vendors/{id}/delete":                handoverStaff,
	"POST /vendors/{id}/delete":               handoverStaff,
	"GET /contracts/new":                      handoverStaff,
	"POST /contracts":                         handoverStaff,
	"GET /contracts/{id}/edit":                handoverStaff,
	"POST /contracts/{id}":                    handoverStaff,
	"GET /contracts/{id}/delete":              handoverStaff,
	"POST /contracts/{id}/delete":             handoverStaff,
	"POST /contracts/{id}/files":              handoverStaff,
	"GET /contracts/{id}/files/{fid}/delete":  handoverStaff,
	"POST /contracts/{id}/files/{fid}/delete": handoverStaff,
	// The JSON API (bearer tokens of staff).
	"GET /api/v1/systems":        handoverStaff,
	"POST /api/v1/systems":       handoverStaff,
	"GET /api/v1/systems/{id}":   handoverStaff,
	"GET /api/v1/vendors":        handoverStaff,
	"POST /api/v1/vendors":       handoverStaff,
	"GET /api/v1/vendors/{id}":   handoverStaff,
	"GET /api/v1/contracts":      handoverStaff,
	"POST /api/v1/contracts":     handoverStaff,
	"GET /api/v1/contracts/{id}": handoverStaff,
}
