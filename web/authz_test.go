package web

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"

	"hitori"
)

// Who may use each route. Every registered route must appear here: a route
// added without an entry fails TestAuthorizationMatrix.
var (
	anyone   = []string{"anon", "requester", "viewer", "technician", "admin"}
	everyone = []string{"requester", "viewer", "technician", "admin"}
	nobody   = []string{}
	admins   = []string{"admin"}
)

var authzMatrix = map[string][]string{
	"GET /static/{file}":               anyone,
	"GET /healthz":                     anyone,
	"GET /metrics":                     anyone,
	"GET /setup":                       anyone,
	"POST /setup":                      nobody, // closed once an account exists
	"GET /login":                       anyone,
	"POST /login":                      anyone,
	"GET /login/link":                  anyone, // 404 without mail, the same for all
	"POST /login/link":                 anyone,
	"GET /login/link/{token}":          anyone,
	"POST /login/link/{token}":         anyone,
	"GET /login/2fa":                   nobody, // only sessions still owing a second factor
	"POST /login/2fa":                  nobody,
	"POST /logout":                     everyone,
	"POST /lang":                       anyone,
	"GET /{$}":                         everyone,
	"GET /account":                     everyone,
	"POST /account/password":           everyone,
	"GET /account/2fa":                 everyone,
	"POST /account/2fa":                everyone,
	"POST /account/2fa/disable":        everyone,
	"GET /account/tokens":              everyone,
	"POST /account/tokens":             everyone,
	"POST /account/tokens/{id}/revoke": everyone,
	"GET /admin/users":                 admins,
	"POST /admin/users":                admins,
	"GET /admin/users/{id}":            admins,
	"POST /admin/users/{id}":           admins,
	"GET /admin/audit":                 admins,
	"GET /admin/jobs":                  admins,
	"POST /admin/jobs/{id}/retry":      admins,
	"POST /admin/jobs/{id}/cancel":     admins,
	"GET /api/v1/me":                   everyone,
}

// denied reports whether a response is an authorization refusal (as opposed
// to the handler running and, say, rejecting an empty form).
func denied(status int, loc, body string) bool {
	switch status {
	case http.StatusSeeOther:
		return strings.HasPrefix(loc, "/login?next=")
	case http.StatusUnauthorized:
		return strings.Contains(body, "ログインしてください") || strings.Contains(body, "API トークンが無効")
	case http.StatusForbidden:
		return strings.Contains(body, "権限がありません") || strings.Contains(body, "初期設定は完了")
	}
	return false
}

// areaMatrices are each area's own entries, merged into authzMatrix.
var areaMatrices = []map[string][]string{
	kbAuthz,
	itemAuthz,
	workAuthz,
	licenseAuthz,
	assetAuthz,
	ledgerAuthz,
	inventoryAuthz,
	vaultAuthz,
	monitorAuthz,
	channelAuthz,
	standinAuthz,
	dutyAuthz,
	statusAuthz,
	incidentAuthz,
	handoverAuthz,
	reportAuthz,
}

func init() {
	for _, m := range areaMatrices {
		for k, v := range m {
			if _, dup := authzMatrix[k]; dup {
				panic("authz matrix: " + k + " listed twice")
			}
			authzMatrix[k] = v
		}
	}
}

func TestAuthorizationMatrix(t *testing.T) {
	e := newSQLiteEnv(t)
	users := map[string]*hitori.User{}
	for _, role := range hitori.Roles {
		users[string(role)] = e.mustUser(string(role)+"@example.com", role)
	}
	grant, _ := e.mustStandin(users["admin"], "standin@example.com")
	for _, rt := range e.srv.routes() {
		allowed, ok := authzMatrix[rt.pattern]
		if !ok {
			t.Errorf("route %q has no entry in authzMatrix: decide who may use it", rt.pattern)
			continue
		}
		method, path, _ := strings.Cut(rt.pattern, " ")
		path = strings.NewReplacer("{file}", "style.css", "{$}", "", "{id}", fmt.Sprint(users["admin"].ID)).Replace(path)
		for _, who := range append(slices.Clone(anyone), "standin") {
			t.Run(rt.pattern+"/"+who, func(t *testing.T) {
				c := e.client()
				if who == "standin" {
					c = e.standinClient(&grant, users["admin"])
				} else if who != "anon" {
					c.login(who+"@example.com", "password123")
				}
				var status int
				var loc, body string
				switch method {
				case "GET":
					status, loc, body = c.get(path)
				case "POST":
					status, loc, body = c.post(path, nil)
				default: // PATCH, DELETE: sent as a script would, with the CSRF header
					c.get("/login") // sets the CSRF cookie
					req, _ := http.NewRequest(method, e.ts.URL+path, nil)
					req.Header.Set("X-CSRF-Token", c.cookie(csrfCookie))
					status, loc, body = c.do(req)
				}
				// A stand-in may do what anonymous visitors may, and what its own routes allow.
				want := contains(allowed, who) || (who == "standin" && contains(allowed, "anon"))
				if got := !denied(status, loc, body); got != want {
					t.Fatalf("%s %s as %s: status %d location %q; allowed=%v, want %v", method, path, who, status, loc, got, want)
				}
			})
		}
		// A bearer token reaches API routes only.
		t.Run(rt.pattern+"/bearer", func(t *testing.T) {
			token, tok, err := e.db.Auth().CreateToken(context.Background(), users["admin"].ID, "matrix")
			if err != nil {
				t.Fatal(err)
			}
			// Revoked tokens do not count against MaxTokensPerUser, which the routes outnumber.
			defer e.db.Auth().RevokeToken(context.Background(), users["admin"].ID, tok.ID)
			req, _ := http.NewRequest(method, e.ts.URL+path, nil)
			req.Header.Set("Authorization", "Bearer "+token)
			status, loc, body := e.client().do(req)
			if got, want := !denied(status, loc, body), rt.api && contains(allowed, "admin"); got != want {
				t.Fatalf("bearer %s %s: status %d; allowed=%v, want %v", method, path, status, got, want)
			}
		})
	}
	for pattern := range authzMatrix {
		found := false
		for _, rt := range e.srv.routes() {
			found = found || rt.pattern == pattern
		}
		if !found {
			t.Errorf("authzMatrix names %q, which is not a route", pattern)
		}
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
