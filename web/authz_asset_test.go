package web

// assetStaffRoles may use the asset register: staff only. Requesters and
// viewers never see it; deleting assets and defining custom fields are
// for administrators.
var assetStaffRoles = []string{"technician", "admin"}

// assetAuthz says who may use the asset register's pages and API.
var assetAuthz = map[string][]string{
	"GET /assets":                     assetStaffRoles,
	"POST /assets":                    assetStaffRoles,
	"GET /assets/new":                 assetStaffRoles,
	"GET /assets/{id}":                assetStaffRoles,
	"GET /assets/{id}/edit":           assetStaffRoles,
	"POST /assets/{id}":               assetStaffRoles,
	"POST /assets/{id}/status":        assetStaffRoles,
	"POST /assets/{id}/checkout":      assetStaffRoles,
	"POST /assets/{id}/checkin":       assetStaffRoles,
	"POST /assets/{id}/seen":          assetStaffRoles,
	"GET /assets/{id}/delete":         admins,
	"POST /assets/{id}/delete":        admins,
	"GET /assets/loans":               assetStaffRoles,
	"GET /assets/labels":              assetStaffRoles,
	"GET /assets/stocktake":           assetStaffRoles,
	"POST /assets/stocktake":          assetStaffRoles,
	"POST /assets/stocktake/finish":   assetStaffRoles,
	"GET /people":                     assetStaffRoles,
	"POST /people":                    assetStaffRoles,
	"GET /people/{id}":                assetStaffRoles,
	"POST /people/{id}":               assetStaffRoles,
	"POST /people/{id}/delete":        assetStaffRoles,
	"GET /departments":                assetStaffRoles,
	"POST /departments":               assetStaffRoles,
	"POST /departments/{id}":          assetStaffRoles,
	"POST /departments/{id}/delete":   assetStaffRoles,
	"GET /assets/fields":              admins,
	"POST /assets/fields":             admins,
	"POST /assets/fields/{id}/delete": admins,
	"GET /api/v1/assets":              assetStaffRoles,
	"GET /api/v1/assets/{id}":         assetStaffRoles,
	"PATCH /api/v1/assets/{id}":       assetStaffRoles,
}
