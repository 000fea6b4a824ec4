package web

// channelAuthz says who may use the alert channel routes: administrators
// only, as the channels hold other services' credentials.
var channelAuthz = map[string][]string{
	"GET /admin/channels":              admins,
	"GET /admin/channels/new":          admins,
	"POST /admin/channels":             admins,
	"GET /admin/channels/{id}":         admins,
	"GET /admin/channels/{id}/edit":    admins,
	"POST /admin/channels/{id}":        admins,
	"GET /admin/channels/{id}/delete":  admins,
	"POST /admin/channels/{id}/delete": admins,
	"POST /admin/channels/{id}/test":   admins,
}
