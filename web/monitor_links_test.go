package web

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"hitori"
	"hitori/sqlstore"
	"hitori/sqlstore/storetest"
)

// TestMonitorRunbookAndSystems saves a monitor with a runbook chosen in the
// form, refuses an unknown article (422, the field named), and shows the
// runbook and the register systems that link the monitor on its page.
func TestMonitorRunbookAndSystems(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		_, c, tech := registerEnv(t, db)
		ctx := hitori.NewContextWithUser(context.Background(), tech)
		rb := &hitori.Article{Title: "メールサーバ停止時の手順", Body: "手順", Kind: hitori.KindRunbook, Visibility: hitori.VisibleStaff}
		if err := db.Articles().CreateArticle(ctx, rb); err != nil {
			t.Fatal(err)
		}
		if body := c.page(t, "/monitors/new"); !strings.Contains(body, `<option value="`+itoa64(rb.ID)+`">メールサーバ停止時の手順`) {
			t.Errorf("the runbook select does not offer the article")
		}
		c.page(t, "/monitors/new?runbook_q=メール") // the search answers
		form := url.Values{"name": {"メール"}, "type": {"tcp"}, "target": {"mail.example.co.jp:25"}, "interval_s": {"60"},
			"timeout_s": {"10"}, "retries": {"1"}, "runbook_id": {"999999"}}
		status, _, body := c.post("/monitors", form)
		if status != http.StatusUnprocessableEntity || !strings.Contains(body, "その手順書（記事）は見つかりません") {
			t.Fatalf("unknown runbook: %d", status)
		}
		form.Set("runbook_id", itoa64(rb.ID))
		id := c.mustSeeOther(t, "/monitors", form)
		m, _, err := db.Monitors().FindMonitor(ctx, mustID(t, id))
		if err != nil || m.RunbookID == nil || *m.RunbookID != rb.ID {
			t.Fatalf("stored runbook %v %v", m, err)
		}
		sys := &hitori.System{Name: "メール基盤", Links: []hitori.SystemLink{{Kind: hitori.LinkMonitor, Ref: id}}}
		if err := db.Handover().CreateSystem(ctx, sys); err != nil {
			t.Fatal(err)
		}
		page := c.page(t, "/monitors/"+id)
		for _, want := range []string{`href="/kb/` + itoa64(rb.ID) + `" data-testid="monitor-runbook-link">メールサーバ停止時の手順`,
			`href="/systems/` + itoa64(sys.ID) + `" data-testid="monitor-system-link">メール基盤`, `/systems/` + itoa64(sys.ID) + `/edit#links`} {
			if !strings.Contains(page, want) {
				t.Errorf("page lacks %q", want)
			}
		}
		if edit := c.page(t, "/monitors/"+id+"/edit"); !strings.Contains(edit, `<option value="`+itoa64(rb.ID)+`" selected>`) {
			t.Errorf("edit form does not select the stored runbook")
		}
		// Saving the form again keeps a system id the API stored.
		sid := int64(42)
		m.SystemID = &sid
		if err := db.Monitors().UpdateMonitor(ctx, m); err != nil {
			t.Fatal(err)
		}
		form.Set("runbook_id", "")
		c.mustSeeOther(t, "/monitors/"+id, form)
		if m, _, err = db.Monitors().FindMonitor(ctx, m.ID); err != nil || m.RunbookID != nil || m.SystemID == nil || *m.SystemID != 42 {
			t.Fatalf("after clearing the runbook %+v %v", m, err)
		}
	})
}

// TestMonitorInventoryHeartbeats: a device whose agent stops reporting
// shows on the monitors list once stale_days have passed, linking to it.
func TestMonitorInventoryHeartbeats(t *testing.T) {
	e := newSQLiteEnv(t)
	e.srv.asset.Now = e.clock.Now
	e.mustUser("tech@example.com", hitori.RoleTechnician)
	c := e.client()
	c.login("tech@example.com", "password123")
	if body := c.mustGet("/monitors"); !strings.Contains(body, `data-testid="inventory-heartbeats"`) || !strings.Contains(body, "報告が途絶えた端末はありません") {
		t.Fatalf("no empty inventory section: %.300s", body)
	}
	if status, _, body := agentPost(t, e, "/front/inventory.php", testdataFile(t, "glpi/inventory-windows10.json"), "Content-Type", "application/json"); status != 200 {
		t.Fatalf("inventory: %d %q", status, body)
	}
	if body := c.mustGet("/monitors"); !strings.Contains(body, "報告が途絶えた端末はありません") {
		t.Errorf("a fresh device is listed as stale")
	}
	e.clock.t = e.clock.t.Add(40 * 24 * time.Hour)
	c = e.client() // the session has expired meanwhile
	c.login("tech@example.com", "password123")
	body := c.mustGet("/monitors")
	sec := body[strings.Index(body, `data-testid="inventory-heartbeats"`):]
	if !strings.Contains(sec, `href="/assets/`) || !strings.Contains(sec, "40 日前") {
		t.Errorf("stale device not listed: %.600s", sec)
	}
}
