package web

// statusAuthz says who may use the status routes. The status page is for
// every signed-in colleague (and for anyone once an administrator makes it
// public, which the matrix's fresh installation has not).
var statusAuthz = map[string][]string{
	"GET /status":        append([]string{"standin"}, everyone...), // a stand-in covering the admin sees outages too
	"GET /admin/status":  admins,
	"POST /admin/status": admins,
}
