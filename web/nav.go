package web

import (
	"strings"

	"hitori"
)

// audience says which side of the department a menu entry serves:
// colleagues (requesters) get the portal's menu, everyone else the
// department's. Access within a side comes from the entry's route.
type audience int

const (
	colleagues audience = 1 << iota // requesters
	department                      // admin, technician, viewer
	bothSides  = colleagues | department
)

// navLink is one menu entry. It names the route it opens, so an area shows
// in the menu only once its routes are in the table, and only to users the
// route admits.
type navLink struct {
	key   string // nav.KEY and area.KEY in the catalogues
	route string // a pattern of the route table, "GET /path"
	who   audience
}

// navLinks is the menu in display order. A new area adds its entry here and
// its routes to the table; the menu follows.
var navLinks = []navLink{
	{"portal", "GET /portal", colleagues},
	{"home", "GET /{$}", department},
	{"dashboard", "GET /dashboard", department},
	{"reports", "GET /reports/time", department},
	{"work", "GET /work", department},
	{"knowledge", "GET /kb", bothSides},
	{"assets", "GET /assets", department},
	{"licenses", "GET /licenses", department},
	{"monitors", "GET /monitors", department},
	{"duties", "GET /duties", department},
	{"incidents", "GET /incidents", department},
	{"help", "GET /help", colleagues},
	{"status", "GET /status", colleagues},
	{"vault", "GET /vault", department},
	{"handover", "GET /systems", department},
	{"settings", "GET /admin/users", department},
	{"standin", "GET /standin", department},
}

// navItem is one entry of a user's menu.
type navItem struct {
	Key, Href string
	access    access
	who       audience
}

// buildNav keeps the entries whose route exists, with the route's access.
func buildNav(table []route) []navItem {
	byPattern := make(map[string]route, len(table))
	for _, rt := range table {
		byPattern[rt.pattern] = rt
	}
	var out []navItem
	for _, l := range navLinks {
		rt, ok := byPattern[l.route]
		if !ok {
			continue
		}
		_, path, _ := strings.Cut(l.route, " ")
		if path == "/{$}" {
			path = "/"
		}
		out = append(out, navItem{Key: l.key, Href: path, access: rt.access, who: l.who})
	}
	return out
}

// menuFor returns the entries u may open.
func menuFor(nav []navItem, u *hitori.User) []navItem {
	if u == nil {
		return nil
	}
	side := department
	if u.Role == hitori.RoleRequester {
		side = colleagues
	}
	var out []navItem
	for _, it := range nav {
		if it.who&side != 0 && mayUse(it.access, u) {
			out = append(out, it)
		}
	}
	return out
}

// mayUse reports whether a signed-in user passes a route's access rule;
// the same rule authorize enforces on every request.
func mayUse(a access, u *hitori.User) bool {
	if u.Role == hitori.RoleStandin {
		// A stand-in reads its own pages and nothing else (identify has
		// already refused one whose grant is not open).
		return a == public || a == standIn
	}
	switch a {
	case public, anyRole:
		return true
	case signedIn: // a viewer sees the dashboard and reports, nothing else
		return u.Role != hitori.RoleViewer
	case staff:
		return u.Role.IsStaff()
	case reports:
		return u.Role == hitori.RoleAdmin || u.Role == hitori.RoleViewer
	case adminOnly:
		return u.Role == hitori.RoleAdmin
	}
	return false
}
