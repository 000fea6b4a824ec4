package web

import (
	"context"
	"fmt"
	"html"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"hitori"
	"hitori/status"
)

// fakeIncidents is an IncidentReader with fixed incidents, until a test
// opens real ones (the e2e suite does, through a monitor that goes down).
type fakeIncidents []*hitori.Incident

func (f fakeIncidents) OpenIncidents(context.Context) ([]*hitori.Incident, error) { return f, nil }

// TestStatusBannerAndDeflection: while an incident is open a colleague's
// portal pages carry the banner (staff pages do not), /status names it,
// a portal item that mentions it is tagged and answered at once, one that
// does not is left alone; anonymous visitors reach /status only once it is
// made public.
func TestStatusBannerAndDeflection(t *testing.T) {
	e := newSQLiteEnv(t)
	inc := &hitori.Incident{ID: 4, Title: "社内ポータル", Status: hitori.IncidentOpen, OpenedAt: e.clock.Now().Add(-time.Hour)}
	e.srv.incidents = fakeIncidents{inc}
	e.srv.deflector.Incidents = fakeIncidents{inc}
	e.mustUser("sato@example.com", hitori.RoleRequester)
	admin := e.mustUser("admin@example.com", hitori.RoleAdmin)
	c := e.client()
	c.login("sato@example.com", "password123")
	if body := c.mustGet("/portal"); !strings.Contains(body, `data-testid="status-banner"`) || !strings.Contains(body, "社内ポータル") {
		t.Errorf("portal has no banner: %.400s", body)
	}
	if body := c.mustGet("/status"); !strings.Contains(body, `data-testid="status-incident"`) || !strings.Contains(body, "障害が発生しています") {
		t.Errorf("status page: %.400s", body)
	}
	status1, loc, _ := c.post("/portal/items", url.Values{"title": {"社内ポータルにログインできません"}})
	if status1 != http.StatusSeeOther {
		t.Fatalf("portal item: %d", status1)
	}
	var id int64
	fmt.Sscanf(loc, "/portal/items/%d", &id)
	body := c.mustGet(fmt.Sprintf("/portal/items/%d", id))
	if !strings.Contains(body, "障害が発生していることを把握しており") {
		t.Errorf("no automatic reply on the portal item: %.600s", body)
	}
	// The reply is signed in the colleague's language, not with the
	// store's internal author name.
	if !strings.Contains(body, "ITサポート（自動返信）") || strings.Contains(body, "system ·") {
		t.Errorf("the automatic reply's author is not shown as 「ITサポート（自動返信）」")
	}
	staffCtx := hitori.NewContextWithUser(context.Background(), admin)
	it, err := e.db.Items().FindItemByID(staffCtx, id)
	if err != nil || !it.HasTag(status.IncidentTag(4)) {
		t.Errorf("item not linked: %+v %v", it, err)
	}
	_, loc, _ = c.post("/portal/items", url.Values{"title": {"マウスが壊れました"}})
	fmt.Sscanf(loc, "/portal/items/%d", &id)
	if body := c.mustGet(fmt.Sprintf("/portal/items/%d", id)); strings.Contains(body, "把握しており") {
		t.Errorf("an unrelated item was answered")
	}
	a := e.client()
	a.login("admin@example.com", "password123")
	if body := a.mustGet("/work"); strings.Contains(body, `data-testid="status-banner"`) {
		t.Errorf("staff pages carry the colleagues' banner")
	}
	anon := e.client()
	if status, loc, _ := anon.get("/status"); status != http.StatusSeeOther || !strings.HasPrefix(loc, "/login") {
		t.Errorf("private status page to a stranger: %d %q", status, loc)
	}
	if status, _, body := a.post("/admin/status", url.Values{"public": {"1"}, "autoreply": {"1"}, "reply_text": {""}}); status != http.StatusUnprocessableEntity ||
		!strings.Contains(body, "自動返信の文面を入力") {
		t.Errorf("empty reply text: %d", status)
	}
	if status, loc, _ := a.post("/admin/status", url.Values{"public": {"1"}, "autoreply": {"1"}, "reply_text": {"{incident} 対応中"}}); status != http.StatusSeeOther {
		t.Fatalf("save settings: %d %q", status, loc)
	}
	if status, _, body := anon.get("/status"); status != http.StatusOK || !strings.Contains(body, "社内ポータル") {
		t.Errorf("public status page: %d", status)
	}
}

// TestStatusBannerAnonymous: pages for visitors who are not signed in (the
// login page, where a private /status sends them) name no outage while the
// status page is private — monitor names can be internal host names — and
// carry the banner once it is public.
func TestStatusBannerAnonymous(t *testing.T) {
	for _, tt := range []struct {
		name   string
		public bool
	}{
		{"private", false},
		{"public", true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			e := newSQLiteEnv(t)
			inc := &hitori.Incident{ID: 4, Title: "mail.internal.example.co.jp", Status: hitori.IncidentOpen, OpenedAt: e.clock.Now().Add(-time.Hour)}
			e.srv.incidents = fakeIncidents{inc}
			e.mustUser("admin@example.com", hitori.RoleAdmin) // past first-run setup
			if err := status.Save(context.Background(), e.db.Settings(), status.Settings{Public: tt.public, AutoReply: true, ReplyText: "x"}); err != nil {
				t.Fatal(err)
			}
			code, _, body := e.client().get("/login")
			if code != http.StatusOK {
				t.Fatalf("GET /login: %d", code)
			}
			if got := strings.Contains(body, `data-testid="status-banner"`); got != tt.public {
				t.Errorf("banner on the login page = %t, want %t", got, tt.public)
			}
			if got := strings.Contains(body, inc.Title); got != tt.public {
				t.Errorf("the login page names the incident = %t, want %t", got, tt.public)
			}
		})
	}
}

// TestStatusReplyLanguage: an English-speaking colleague's portal item is
// answered with the built-in reply in English, signed in English; the
// settings form shows the built-in reply in the administrator's language.
func TestStatusReplyLanguage(t *testing.T) {
	e := newSQLiteEnv(t)
	inc := &hitori.Incident{ID: 5, Title: "VPN", Status: hitori.IncidentOpen, OpenedAt: e.clock.Now().Add(-time.Hour)}
	e.srv.incidents = fakeIncidents{inc}
	e.srv.deflector.Incidents = fakeIncidents{inc}
	smith := e.mustUser("smith@example.com", hitori.RoleRequester)
	en := "en"
	ctx := hitori.NewContextWithUser(context.Background(), smith)
	if _, err := e.db.Users().UpdateUser(ctx, smith.ID, hitori.UserUpdate{Lang: &en}); err != nil {
		t.Fatal(err)
	}
	e.mustUser("admin@example.com", hitori.RoleAdmin)
	c := e.client()
	c.login("smith@example.com", "password123")
	code, loc, _ := c.post("/portal/items", url.Values{"title": {"The VPN does not connect"}})
	if code != http.StatusSeeOther {
		t.Fatalf("portal item: %d", code)
	}
	body := c.mustGet(strings.SplitN(loc, "?", 2)[0])
	if want := strings.ReplaceAll(status.DefaultReplyTextEN, "{incident}", "VPN"); !strings.Contains(body, html.EscapeString(want)) {
		t.Errorf("no English reply on the portal item: %.2000s", body)
	}
	if !strings.Contains(body, "IT support (automatic reply)") {
		t.Errorf("the reply is not signed in English")
	}
	a := e.client()
	a.login("admin@example.com", "password123")
	if body := a.mustGet("/admin/status"); !strings.Contains(body, "障害が発生していることを把握しており") {
		t.Errorf("the settings form does not show the built-in reply")
	}
}
