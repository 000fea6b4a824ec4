package web

// itemUsers may use the work-item API. Every signed-in user reaches the
// routes, and the store decides per item: requesters get their own items
// only (others' are 404), and viewers are refused outright (403), because
// management reads reports, not colleagues' inquiries.
var itemUsers = []string{"requester", "technician", "admin"}

// itemAuthz says who may use the work-item routes.
var itemAuthz = map[string][]string{
	"GET /api/v1/items":               itemUsers,
	"POST /api/v1/items":              itemUsers,
	"GET /api/v1/items/{id}":          itemUsers,
	"PATCH /api/v1/items/{id}":        itemUsers,
	"POST /api/v1/items/{id}/replies": itemUsers,
}
