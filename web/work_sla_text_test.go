package web

import (
	"html"
	"strings"
	"testing"
	"time"

	"hitori"
)

// TestSLALeftWording: business time left reads as business time, with the
// due time in JST and, while the clock is stopped, when it restarts
// (issue 9, item 16): 「残り1時間」 on a Sunday misled a new user.
func TestSLALeftWording(t *testing.T) {
	jst := time.FixedZone("JST", 9*3600)
	opened := time.Date(2026, 12, 5, 10, 0, 0, 0, jst) // a Saturday
	for _, tt := range []struct {
		name string
		now  time.Time
		want string
	}{
		{"weekend: the clock restarts on Monday", time.Date(2026, 12, 6, 15, 0, 0, 0, jst),
			"営業時間で残り 9時間（12/7(月) 9:00 から再開・期限 12/7(月) 18:00）"},
		{"business hours", time.Date(2026, 12, 7, 11, 0, 0, 0, jst),
			"営業時間で残り 7時間（期限 12/7(月) 18:00）"},
		{"at risk", time.Date(2026, 12, 7, 17, 30, 0, 0, jst),
			"まもなく期限: 営業時間で残り 30分（期限 12/7(月) 18:00）"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			e := newWorkEnv(t)
			e.clock.Add(opened.Sub(e.clock.Now()))
			admin := e.mustUser("admin@example.com", hitori.RoleAdmin)
			it := mustItem(t, e, nil, "プリンターの増設", inQuadrant(4)) // first response within 9 business hours
			e.clock.Add(tt.now.Sub(e.clock.Now()))
			c := e.client()
			c.login(admin.Email, "password123")
			if page := html.UnescapeString(c.mustGet(workItemURL(it.ID))); !strings.Contains(page, tt.want) {
				i := strings.Index(page, "営業時間で")
				t.Errorf("item page lacks %q; has %.200q", tt.want, page[max(i, 0):])
			}
		})
	}
}

// TestSLATargetUnits: the settings name the targets' unit as business
// hours, so 27 does not read as a day and three hours.
func TestSLATargetUnits(t *testing.T) {
	e := newWorkEnv(t)
	admin := e.mustUser("admin@example.com", hitori.RoleAdmin)
	c := e.client()
	c.login(admin.Email, "password123")
	page := c.mustGet("/work/settings")
	for _, want := range []string{`class="work-num"> 営業時間</span>`, "27 営業時間 = 3 営業日"} {
		if !strings.Contains(page, want) {
			t.Errorf("settings lack %q", want)
		}
	}
}
