package web

// ledgerAuthz says who may use the ledger import and export: the IT
// department's staff, like the register.
var ledgerAuthz = map[string][]string{
	"GET /assets/import":               workStaffRoles,
	"POST /assets/import":              workStaffRoles,
	"GET /asset-imports/{id}":          workStaffRoles,
	"POST /asset-imports/{id}/mapping": workStaffRoles,
	"POST /asset-imports/{id}/confirm": workStaffRoles,
	"GET /assets/export":               workStaffRoles,
}
