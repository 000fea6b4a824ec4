package web

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"hitori"
	"hitori/sqlstore"
	"hitori/sqlstore/storetest"
)

// TestHandoverPages seeds a small register and reads every handover page
// as a technician: the readiness score and gaps on the page and the
// dashboard, the renewal calendar, its iCalendar export and the feed URL
// made for a calendar app, the diagram inline and as a file.
// page gets path and fails unless it is 200.
func (c *client) page(t *testing.T, path string) string {
	t.Helper()
	status, _, body := c.get(path)
	if status != http.StatusOK {
		t.Fatalf("GET %s: %d %.300s", path, status, body)
	}
	return body
}

func TestHandoverPages(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		e := newEnv(t, db) // the clock says 2026-11-25
		ctx := context.Background()
		e.mustUser("tech@example.com", hitori.RoleTechnician)
		tech := e.client()
		tech.login("tech@example.com", "password123")
		if body := tech.page(t, "/readiness"); !strings.Contains(body, "システムを登録すると") {
			t.Errorf("empty readiness: %.400s", body)
		}
		h := db.Handover()
		v := &hitori.Vendor{Name: "保守ベンダー株式会社", Phone: "03-0000-0000", Contacts: []hitori.VendorContact{{Name: "鈴木", Role: "SE"}}}
		if err := h.CreateVendor(ctx, v); err != nil {
			t.Fatal(err)
		}
		utm := &hitori.System{Name: "UTM", Kind: hitori.SystemFirewall, Criticality: hitori.CriticalHigh, VendorID: v.ID}
		nas := &hitori.System{Name: "ファイルサーバー", Kind: hitori.SystemFileServer, Criticality: hitori.CriticalLow}
		for _, s := range []*hitori.System{nas, utm} {
			if err := h.CreateSystem(ctx, s); err != nil {
				t.Fatal(err)
			}
		}
		c := &hitori.Contract{VendorID: v.ID, Title: "UTM 保守契約", EndsOn: "2027-03-31", Notice: 30, SystemIDs: []int64{utm.ID}}
		if err := h.CreateContract(ctx, c); err != nil {
			t.Fatal(err)
		}
		body := tech.page(t, "/readiness")
		for _, want := range []string{`data-testid="readiness-score"`, "緊急キット", `href="/systems/` + itoa64(nas.ID) + `/edit"`, "UTM: 担当者を決める"} {
			if !strings.Contains(body, want) {
				t.Errorf("readiness page lacks %q", want)
			}
		}
		if strings.Index(body, "UTM: ") > strings.Index(body, "ファイルサーバー: ") {
			t.Error("gaps not ordered by criticality")
		}
		if home := tech.page(t, "/"); !strings.Contains(home, `data-testid="home-readiness"`) {
			t.Error("no readiness block on the dashboard")
		}
		for path, want := range map[string]string{"/systems": "ファイルサーバー", "/systems/" + itoa64(utm.ID): "保守ベンダー株式会社",
			"/vendors/" + itoa64(v.ID): "鈴木", "/contracts/" + itoa64(c.ID): "2027-03-01", "/contracts": "UTM 保守契約",
			"/renewals": "契約の判断期限", "/systems/diagram": `role="img"`} {
			if body := tech.page(t, path); !strings.Contains(body, want) {
				t.Errorf("%s lacks %q", path, want)
			}
		}
		status, _, ics := tech.get("/renewals.ics")
		if status != http.StatusOK || !strings.Contains(ics, "BEGIN:VCALENDAR\r\n") || !strings.Contains(ics, "DTSTART;VALUE=DATE:20270301") {
			t.Fatalf("ics %d: %.300s", status, ics)
		}
		status, loc, _ := tech.post("/renewals/feed", nil)
		if status != http.StatusSeeOther || !strings.Contains(loc, "feed=cal_") {
			t.Fatalf("feed token: %d %q", status, loc)
		}
		token := loc[strings.Index(loc, "cal_"):]
		anon := e.client()
		if status, _, feed := anon.get("/cal/" + token); status != http.StatusOK || !strings.Contains(feed, "UTM 保守契約") {
			t.Errorf("feed by token: %d %.200s", status, feed)
		}
		if status, _, _ := anon.get("/cal/cal_wrong"); status != http.StatusNotFound {
			t.Errorf("wrong token: %d", status)
		}
	})
}
