package web

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"hitori"
)

// workStaffRoles may use the staff's work area; the SLA settings are for
// administrators.
var workStaffRoles = []string{"technician", "admin"}

// workAuthz says who may use the work area and the requester portal. The
// portal is open to every signed-in role but the viewer: the store refuses
// viewers items altogether (management reads reports, not inquiries).
var workAuthz = map[string][]string{
	"GET /work":                                   workStaffRoles,
	"POST /work/items/{id}/articles":              workStaffRoles,
	"POST /work/items/{id}/articles/{aid}/delete": workStaffRoles,
	"GET /work/items":                             workStaffRoles,
	"POST /work/items":                            workStaffRoles,
	"GET /work/items/new":                         workStaffRoles,
	"POST /work/items/bulk":                       workStaffRoles,
	"GET /work/items/{id}":                        workStaffRoles,
	"POST /work/items/{id}":                       workStaffRoles,
	"POST /work/items/{id}/quadrant":              workStaffRoles,
	"POST /work/items/{id}/replies":               workStaffRoles,
	"POST /work/items/{id}/merge":                 workStaffRoles,
	"GET /work/items/{id}/attachments/{aid}":      workStaffRoles,
	"GET /work/items/{id}/mail/{mid}":             workStaffRoles,
	"GET /work/canned":                            workStaffRoles,
	"POST /work/canned":                           workStaffRoles,
	"POST /work/filters":                          workStaffRoles,
	"POST /work/filters/{id}/delete":              workStaffRoles,
	"GET /work/mail":                              workStaffRoles,
	"GET /work/walkup":                            workStaffRoles,
	"POST /work/walkup":                           workStaffRoles,
	"GET /work/settings":                          admins,
	"POST /work/settings":                         admins,
	"GET /portal":                                 itemUsers,
	"GET /portal/new":                             itemUsers,
	"POST /portal/new":                            itemUsers,
	"POST /portal/items":                          itemUsers,
	"GET /portal/items/{id}":                      itemUsers,
	"POST /portal/items/{id}/replies":             itemUsers,
	"POST /portal/items/{id}/resolve":             itemUsers,
	"GET /portal/items/{id}/attachments/{aid}":    itemUsers,
}

// TestWorkRoutesNeverFail calls every work and portal route as every role
// with an empty form, as the matrix does, and also with an item that
// exists, and fails on any 5xx: bad input and missing items must end in a
// 4xx or a redirect, never an internal error.
func TestWorkRoutesNeverFail(t *testing.T) {
	e := newSQLiteEnv(t)
	users := map[string]*hitori.User{}
	for _, role := range hitori.Roles {
		users[string(role)] = e.mustUser(string(role)+"@example.com", role)
	}
	it := mustItem(t, e, users["requester"], "プリンターが動かない")
	for _, rt := range e.srv.workRoutes() {
		for _, id := range []int64{users["admin"].ID, it.ID, 999999} {
			method, path, _ := strings.Cut(rt.pattern, " ")
			path = strings.NewReplacer("{id}", fmt.Sprint(id), "{aid}", fmt.Sprint(id), "{mid}", fmt.Sprint(id)).Replace(path)
			for _, who := range anyone {
				if who != "anon" && users[who] == nil {
					continue // a stand-in signs in by link only; the matrix covers it
				}
				c := e.client()
				if who != "anon" {
					c.login(who+"@example.com", "password123")
				}
				var status int
				var body string
				if method == "GET" {
					status, _, body = c.get(path)
				} else {
					status, _, body = c.post(path, nil)
				}
				if status >= 500 {
					t.Errorf("%s %s as %s: status %d\n%.400s", method, path, who, status, body)
				}
			}
		}
	}
	for _, rt := range e.srv.portalRoutes() {
		method, path, _ := strings.Cut(rt.pattern, " ")
		path = strings.ReplaceAll(path, "{id}", fmt.Sprint(it.ID))
		for _, who := range anyone {
			if who != "anon" && users[who] == nil {
				continue
			}
			c := e.client()
			if who != "anon" {
				c.login(who+"@example.com", "password123")
			}
			var status int
			if method == "GET" {
				status, _, _ = c.get(path)
			} else {
				status, _, _ = c.post(path, nil)
			}
			if status >= 500 {
				t.Errorf("%s %s as %s: status %d", method, path, who, status)
			}
			if who == "viewer" && status != http.StatusForbidden {
				t.Errorf("%s %s as viewer: status %d, want 403", method, path, status)
			}
		}
	}
}
