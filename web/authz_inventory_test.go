package web

// inventoryAuthz says who may use the inventory routes. The agent
// endpoints are open to anyone at this level: agents carry no session, and
// the site's agent credentials (when set) are checked by the handler.
var inventoryAuthz = map[string][]string{
	"POST /inventory":              anyone,
	"POST /ocsinventory":           anyone,
	"POST /front/inventory.php":    anyone,
	"GET /inventory":               anyone,
	"GET /inventory/findings":      kbStaff,
	"GET /inventory/pending":       admins,
	"POST /inventory/pending/{id}": admins,
	"GET /inventory/settings":      admins,
	"POST /inventory/settings":     admins,
}
