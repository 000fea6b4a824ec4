package web

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"hitori"
	"hitori/sqlstore"
	"hitori/sqlstore/storetest"
)

// TestIncidentPages walks the incidents room on both databases: an outage
// stored as the scheduler's writer stores it, the list and the page, the
// ack button, an ack link (its GET changes nothing), the monitor's alert
// rule with a bad step named, recurring windows, the defaults and the
// on-call calendar.
func TestIncidentPages(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		e := newEnv(t, db)
		e.srv.alerts.Now = e.clock.Now
		u := e.mustUser("tech@example.com", hitori.RoleTechnician)
		tech := e.client()
		tech.login("tech@example.com", "password123")
		if body := tech.mustGet("/incidents"); !strings.Contains(body, `data-testid="incident-empty"`) || !strings.Contains(body, "対応中の障害はありません") {
			t.Errorf("empty list: %.300s", body)
		}
		ctx := hitori.NewContextWithUser(context.Background(), u)
		m := &hitori.Monitor{Name: "社内ポータル", Type: hitori.MonitorHTTP, Target: "https://portal.example.jp/", Interval: time.Minute}
		if err := db.Monitors().CreateMonitor(ctx, m); err != nil {
			t.Fatal(err)
		}
		now := e.clock.Now()
		ev := []*hitori.MonitorEvent{{MonitorID: m.ID, At: now, From: hitori.MonitorUp, To: hitori.MonitorDown, Message: "HTTP 503"}}
		st := []*hitori.MonitorState{{MonitorID: m.ID, Status: hitori.MonitorDown, Since: now, Failures: 1}}
		if err := db.Monitors().SaveResults(ctx, nil, st, ev); err != nil {
			t.Fatal(err)
		}
		open, _ := db.Incidents().OpenIncidents(ctx)
		if len(open) != 1 {
			t.Fatalf("open: %d", len(open))
		}
		id := open[0].ID
		body := tech.mustGet("/incidents")
		if !strings.Contains(body, fmt.Sprintf(`data-testid="incident-%d"`, id)) || !strings.Contains(body, "未確認") {
			t.Errorf("list: %.500s", body)
		}
		page := fmt.Sprintf("/incidents/%d", id)
		body = tech.mustGet(page)
		for _, want := range []string{"停止を検知", "HTTP 503", `data-testid="incident-ack"`} {
			if !strings.Contains(body, want) {
				t.Errorf("page lacks %q", want)
			}
		}

		// An ack link: GET shows a button and changes nothing; POST acknowledges.
		tok, err := e.srv.alerts.AckToken(ctx, id, 3)
		if err != nil {
			t.Fatal(err)
		}
		anon := e.client()
		if body := anon.mustGet("/ack/" + tok); !strings.Contains(body, `data-testid="ack-button"`) {
			t.Fatalf("ack confirm: %.300s", body)
		}
		if in, _, _ := db.Incidents().FindIncident(ctx, id); in.Status != hitori.IncidentOpen {
			t.Fatal("a GET of the ack link acknowledged")
		}
		if status, _, _ := anon.get("/ack/nonsense"); status != http.StatusNotFound {
			t.Errorf("bad token: %d", status)
		}
		anon.get("/login") // the CSRF cookie
		status, _, body := anon.post("/ack/"+tok, nil)
		if status != http.StatusOK || !strings.Contains(body, `data-testid="ack-done"`) {
			t.Fatalf("ack by link: %d %.300s", status, body)
		}
		in, _, _ := db.Incidents().FindIncident(ctx, id)
		if in.Status != hitori.IncidentAcknowledged || in.AckedBy != "通知のリンクから" {
			t.Fatalf("after the link: %+v", in)
		}
		if status, loc, _ := tech.post(page+"/ack", nil); status != http.StatusSeeOther || !strings.Contains(loc, "flash=acked") {
			t.Errorf("ack button on an acknowledged incident: %d %q", status, loc)
		}

		// The monitor's alert rule: a bad step is named, the good one stored.
		rules := fmt.Sprintf("/monitors/%d/alerts", m.ID)
		if body := tech.mustGet(rules); !strings.Contains(body, `name="use_defaults" value="1" checked`) {
			t.Errorf("rule page starts on the defaults")
		}
		bad := url.Values{"after_failures": {"2"}, "remind_min": {"30"}, "resolve_min": {"5"}, "quiet_start": {"22:00"}, "quiet_end": {""},
			"step_after": {"", "x"}, "step_channels": {"1", "2"}, "step_oncall": {"", ""}}
		status, _, body = tech.post(rules, bad)
		if status != http.StatusUnprocessableEntity || !strings.Contains(body, "数字で入れてください") || !strings.Contains(body, `value="22:00"`) {
			t.Fatalf("bad rule: %d %.400s", status, body)
		}
		good := url.Values{"after_failures": {"2"}, "remind_min": {"30"}, "resolve_min": {"5"}, "quiet_start": {"22:00"}, "quiet_end": {"07:00"},
			"critical": {"1"}, "step_after": {"", "15", ""}, "step_channels": {"1", "2, 4", ""}, "step_oncall": {"1", "", ""}}
		if status, loc, _ := tech.post(rules, good); status != http.StatusSeeOther || !strings.Contains(loc, "flash=saved") {
			t.Fatalf("good rule: %d %q", status, loc)
		}
		r, own, _ := db.Incidents().AlertRule(ctx, m.ID)
		if !own || !r.Critical || len(r.Steps) != 2 || !r.Steps[0].OnCall || r.Steps[1].AfterMinutes != 15 || len(r.Steps[1].ChannelIDs) != 2 {
			t.Fatalf("stored rule %+v", r)
		}
		// Recurring windows: every Sunday 02:00 for two hours.
		win := url.Values{"rw_freq": {"weekly", "weekly"}, "rw_week": {"0", "0"}, "rw_weekday": {"0", "0"}, "rw_day": {"", ""},
			"rw_start": {"02:00", ""}, "rw_minutes": {"120", ""}, "rw_note": {"定期再起動", ""}}
		if status, _, _ := tech.post(fmt.Sprintf("/monitors/%d/windows", m.ID), win); status != http.StatusSeeOther {
			t.Fatalf("windows: %d", status)
		}
		if body := tech.mustGet(rules); !strings.Contains(body, `data-testid="window-upcoming"`) || !strings.Contains(body, `value="定期再起動"`) {
			t.Errorf("rule page lacks the window")
		}
		win.Set("rw_minutes", "0")
		if status, _, body := tech.post(fmt.Sprintf("/monitors/%d/windows", m.ID), win); status != http.StatusUnprocessableEntity || !strings.Contains(body, "メンテナンス時間の行に誤り") {
			t.Errorf("bad window: %d", status)
		}

		// Defaults and the on-call calendar.
		if status, _, _ := tech.post("/alerts", url.Values{"after_failures": {"1"}, "resolve_min": {"5"}, "step_channels": {"7"}, "step_after": {""}, "step_oncall": {""}}); status != http.StatusSeeOther {
			t.Fatalf("defaults: %d", status)
		}
		oc := url.Values{"oc_start": {"2026-11-23T09:00"}, "oc_name": {"佐藤", "鈴木"}, "oc_channel": {"1", "2"},
			"ov_from": {"2026-12-29"}, "ov_to": {"2027-01-03"}, "ov_name": {"ベンダー"}, "ov_channel": {"9"}, "ov_note": {"年末年始"}}
		if status, _, _ := tech.post("/alerts/oncall", oc); status != http.StatusSeeOther {
			t.Fatalf("on call: %d", status)
		}
		if body := tech.mustGet("/alerts"); !strings.Contains(body, "いまの当番: 佐藤") || !strings.Contains(body, `value="2027-01-03"`) {
			t.Errorf("defaults page: on call now / override")
		}
		oc.Set("ov_to", "")
		if status, _, body := tech.post("/alerts/oncall", oc); status != http.StatusUnprocessableEntity || !strings.Contains(body, "開始日と終了日") {
			t.Errorf("bad override: %d", status)
		}
		if body := tech.mustGet("/incidents?show=all&q=ポータル&sort=oldest"); !strings.Contains(body, "確認済み") {
			t.Errorf("filtered list")
		}
	})
}
