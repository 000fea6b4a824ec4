package web

import (
	"net/http"
)

// access says who may call a route. The authorization matrix test checks
// every route against every role, so a new route must declare one.
type access int

const (
	public     access = iota // anyone, signed in or not
	pending2FA               // a session that still owes its second factor
	signedIn                 // any role but the viewer
	staff                    // admin or technician
	reports                  // admin or viewer (management)
	adminOnly                // admin
	standIn                  // a stand-in with an open grant (absence mode), nobody else
	anyRole                  // any role, the viewer too: one's own account and session
)

// route is one entry of the routing table.
type route struct {
	pattern string // "METHOD /path"
	access  access
	h       handlerFunc
	api     bool // JSON errors instead of pages; bearer tokens accepted
}

// routes is every route hitori serves: the platform's here, each area's in
// its own list (kbRoutes, …) so the table stays readable.
func (s *Server) routes() []route {
	all := s.platformRoutes()
	all = append(all, s.kbRoutes()...)
	all = append(all, s.itemAPIRoutes()...)
	all = append(all, s.workRoutes()...)
	all = append(all, s.portalRoutes()...)
	all = append(all, s.licenseRoutes()...)
	all = append(all, s.assetRoutes()...)
	all = append(all, s.ledgerRoutes()...)
	all = append(all, s.inventoryRoutes()...)
	all = append(all, s.vaultRoutes()...)
	all = append(all, s.monitorRoutes()...)
	all = append(all, s.dutyRoutes()...)
	all = append(all, s.statusRoutes()...)
	all = append(all, s.channelRoutes()...)
	all = append(all, s.standinRoutes()...)
	all = append(all, s.incidentRoutes()...)
	all = append(all, s.handoverRoutes()...)
	all = append(all, s.handoverExportRoutes()...)
	all = append(all, s.reportRoutes()...)
	return all
}

func (s *Server) platformRoutes() []route {
	return []route{
		{"GET /static/{file}", public, s.static, false},
		{"GET /healthz", public, s.healthz, true},
		{"GET /metrics", public, s.metricsPage, true},
		{"GET /setup", public, s.setupForm, false},
		{"POST /setup", public, s.setupCreate, false},
		{"GET /login", public, s.loginForm, false},
		{"POST /login", public, s.loginCreate, false},
		{"GET /login/link", public, s.loginLinkForm, false}, // 404 unless mail is configured
		{"POST /login/link", public, s.loginLinkCreate, false},
		{"GET /login/link/{token}", public, s.loginLinkConfirm, false},
		{"POST /login/link/{token}", public, s.loginLinkUse, false},
		{"GET /login/2fa", pending2FA, s.secondFactorForm, false},
		{"POST /login/2fa", pending2FA, s.secondFactorCheck, false},
		{"POST /logout", anyRole, s.logout, false},
		{"POST /lang", public, s.langSet, false},

		{"GET /{$}", anyRole, s.home, false},
		{"GET /account", anyRole, s.account, false},
		{"POST /account/password", anyRole, s.accountPassword, false},
		{"GET /account/2fa", anyRole, s.totpForm, false},
		{"POST /account/2fa", anyRole, s.totpEnable, false},
		{"POST /account/2fa/disable", anyRole, s.totpDisable, false},
		{"GET /account/tokens", anyRole, s.tokens, false},
		{"POST /account/tokens", anyRole, s.tokenCreate, false},
		{"POST /account/tokens/{id}/revoke", anyRole, s.tokenRevoke, false},

		{"GET /admin/users", adminOnly, s.users, false},
		{"POST /admin/users", adminOnly, s.userCreate, false},
		{"GET /admin/users/{id}", adminOnly, s.userEdit, false},
		{"POST /admin/users/{id}", adminOnly, s.userUpdate, false},
		{"GET /admin/audit", adminOnly, s.auditLog, false},
		{"GET /admin/jobs", adminOnly, s.jobsPage, false},
		{"POST /admin/jobs/{id}/retry", adminOnly, s.jobRetry, false},
		{"POST /admin/jobs/{id}/cancel", adminOnly, s.jobCancel, false},

		{"GET /api/v1/me", anyRole, s.apiMe, true},
	}
}

// buildHandler wires the routes and the middleware that wraps them all.
func (s *Server) buildHandler() http.Handler {
	mux := http.NewServeMux()
	table := s.routes()
	s.nav = buildNav(table)
	for _, rt := range table {
		mux.Handle(rt.pattern, s.wrap(rt))
	}
	mux.Handle("/", s.wrap(route{pattern: "notfound", access: public, h: s.notFound}))
	// An unknown API path is an API route too: a token may ask, and the
	// answer is 404 in JSON, not a page or a "no permission" refusal.
	mux.Handle("/api/", s.wrap(route{pattern: "notfound api", access: public, h: s.notFound, api: true}))
	var h http.Handler = mux
	h = s.identify(h)
	h = skipCSRF(s.csrf(h), h, "/healthz")
	h = skipForAgents(h, mux) // inventory agents: no cookies, their own credentials
	h = skipForHeartbeats(h, mux)
	h = s.limitBodies(mux, routeBodyLimits(table), h)
	h = s.securityHeaders(h)
	h = s.logRequests(h)
	return h
}

// skipCSRF sends GET path past the CSRF middleware: a health probe polls
// every few seconds, keeps no cookies, and would get a new one each time.
func skipCSRF(withCSRF, without http.Handler, path string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == path && (r.Method == http.MethodGet || r.Method == http.MethodHead) {
			without.ServeHTTP(w, r)
			return
		}
		withCSRF.ServeHTTP(w, r)
	})
}
