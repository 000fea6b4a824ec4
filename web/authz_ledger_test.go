package web

// ledgerAuthz says who may use the ledger import and export: the IT
// department's staff, like the register.
var ledgerAuthz = map[string][]string{
	"GET /assets/import":               workStaffRoles,
	"POST /assets/import":              workStaffRoles,
	"GET /assets/import/{id}":          workStaffRoles,
	"POST /assets/import/{id}/mapping": workStaffRoles,
	"POST /assets/import/{id}/confirm": workStaffRoles,
	"GET /assets/export":               workStaffRoles,
}
