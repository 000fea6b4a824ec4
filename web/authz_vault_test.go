package web

// vaultAuthz says who may use the vault's routes. Reading is open to every
// signed-in role at the route (the service shows each user only entries
// shared with them); changes are for administrators; the recovery page is
// for anyone holding the emergency shares.
var vaultAuthz = map[string][]string{
	"GET /vault":                          members,
	"GET /vault/new":                      admins,
	"POST /vault":                         admins,
	"GET /vault/{id}":                     members,
	"POST /vault/{id}/reveal":             members,
	"GET /vault/{id}/edit":                admins,
	"POST /vault/{id}":                    admins,
	"GET /vault/{id}/delete":              admins,
	"POST /vault/{id}/delete":             admins,
	"POST /vault/{id}/files":              admins,
	"POST /vault/{id}/files/{fid}":        members,
	"POST /vault/{id}/files/{fid}/delete": admins,
	"GET /vault/audit":                    admins,
	"GET /vault/unlock":                   admins,
	"POST /vault/unlock":                  admins,
	"GET /vault/recover":                  anyone,
	"POST /vault/recover":                 anyone,
	"POST /api/v1/secrets":                admins,
	"POST /api/v1/secrets/{id}/reveal":    members,
}
