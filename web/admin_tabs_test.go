package web

import (
	"strings"
	"testing"

	"hitori"
)

// TestAdminTabsSameOnEveryAdminPage: every administration page shows the
// same tab row with itself marked, so no page hides a sibling (the rows
// used to be copied per page and had drifted apart).
func TestAdminTabsSameOnEveryAdminPage(t *testing.T) {
	e := newSQLiteEnv(t)
	e.mustUser("admin@example.com", hitori.RoleAdmin)
	c := e.client()
	c.login("admin@example.com", "password123")
	for _, tab := range adminTabPages {
		body := c.mustGet(tab.Href)
		start := strings.Index(body, `<nav class="tabs">`)
		if start < 0 {
			t.Errorf("%s: no tab row", tab.Href)
			continue
		}
		row := body[start : start+strings.Index(body[start:], "</nav>")]
		for _, other := range adminTabPages {
			if !strings.Contains(row, `href="`+other.Href+`"`) {
				t.Errorf("%s: the tab row lacks %s", tab.Href, other.Href)
			}
		}
		if n := strings.Count(row, `aria-current="page"`); n != 1 || !strings.Contains(row, `href="`+tab.Href+`" aria-current="page"`) {
			t.Errorf("%s: %d tabs marked current, want itself only: %s", tab.Href, n, row)
		}
	}
}
