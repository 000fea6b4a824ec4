package web

import (
	"slices"
	"testing"

	"hitori"
)

// TestMenuFollowsRouteTable checks the menu is generated from the route
// table: an area without routes has no entry, and each role sees exactly
// the entries whose routes admit it.
func TestMenuFollowsRouteTable(t *testing.T) {
	e := newSQLiteEnv(t)
	keys := func(items []navItem) []string {
		var out []string
		for _, it := range items {
			out = append(out, it.Key)
		}
		return out
	}
	tests := []struct {
		role hitori.Role
		want []string
	}{
		{hitori.RoleRequester, []string{"portal", "knowledge", "help", "status"}},
		{hitori.RoleTechnician, []string{"home", "work", "knowledge", "assets", "licenses", "monitors", "duties", "incidents", "vault", "handover"}},
		{hitori.RoleAdmin, []string{"home", "dashboard", "reports", "work", "knowledge", "assets", "licenses", "monitors", "duties", "incidents", "vault", "handover", "settings"}},
		{hitori.RoleViewer, []string{"home", "dashboard", "reports"}},
		{hitori.RoleStandin, []string{"standin"}},
	}
	for _, tt := range tests {
		t.Run(string(tt.role), func(t *testing.T) {
			got := keys(menuFor(e.srv.nav, &hitori.User{Role: tt.role}))
			if !slices.Equal(got, tt.want) {
				t.Errorf("menu = %v, want %v", got, tt.want)
			}
		})
	}
	t.Run("area without routes", func(t *testing.T) {
		var table []route
		for _, rt := range e.srv.routes() {
			if rt.pattern != "GET /work" {
				table = append(table, rt)
			}
		}
		got := keys(menuFor(buildNav(table), &hitori.User{Role: hitori.RoleAdmin}))
		if slices.Contains(got, "work") {
			t.Errorf("menu = %v: an area whose route is missing must not show", got)
		}
	})
	t.Run("every entry names a route", func(t *testing.T) {
		if got, want := len(buildNav(e.srv.routes())), len(navLinks); got != want {
			t.Errorf("%d of %d menu entries have a route", got, want)
		}
	})
	if menuFor(e.srv.nav, nil) != nil {
		t.Error("anonymous visitors get a menu")
	}
}
