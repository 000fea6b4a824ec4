package web

import (
	"encoding/json"
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

// TestMonitorPages walks the monitors room on both databases: the empty
// list, a form with several bad fields (kept and named), create, the page
// with its chart and recent results, pause and resume, the list's state
// and uptime, delete after a confirmation.
func TestMonitorPages(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		e := newEnv(t, db)
		e.mustUser("tech@example.com", hitori.RoleTechnician)
		tech := e.client()
		tech.login("tech@example.com", "password123")
		if body := tech.mustGet("/monitors"); !strings.Contains(body, `data-testid="monitor-empty"`) || !strings.Contains(body, "監視はまだありません") {
			t.Errorf("empty list: %.300s", body)
		}
		bad := url.Values{"name": {"社内ポータル"}, "type": {"http"}, "target": {"portal.example.co.jp"}, "interval_s": {"5"},
			"timeout_s": {"10"}, "expect_status": {"999"}, "headers": {"no colon"},
			"window_starts": {"2026-12-10T22:00"}, "window_ends": {"2026-12-10T21:00"}}
		status, _, body := tech.post("/monitors", bad)
		if status != http.StatusUnprocessableEntity {
			t.Fatalf("bad form: %d", status)
		}
		for _, want := range []string{"http:// または https://", "間隔は 10 秒から", "ステータスコードは 100 から 599", "1 行に「名前: 値」",
			"終了を開始より後", `value="社内ポータル"`} {
			if !strings.Contains(body, want) {
				t.Errorf("bad form lacks %q", want)
			}
		}
		good := url.Values{"name": {"社内ポータル"}, "type": {"http"}, "target": {"https://portal.example.co.jp/"}, "interval_s": {"６０"},
			"timeout_s": {"10"}, "retries": {"2"}, "keyword": {"ログイン"}, "headers": {"X-Probe: hitori"},
			"window_starts": {"2026-12-10T22:00", ""}, "window_ends": {"2026-12-11T02:00", ""}, "window_notes": {"停電", ""}}
		status, loc, _ := tech.post("/monitors", good)
		if status != http.StatusSeeOther || !strings.HasPrefix(loc, "/monitors/") {
			t.Fatalf("create: %d %q", status, loc)
		}
		page := strings.TrimSuffix(loc, "?flash=saved")
		var id int64
		fmt.Sscanf(page, "/monitors/%d", &id)
		m, _, err := db.Monitors().FindMonitor(hitori.NewContextWithUser(t.Context(), &hitori.User{ID: 1, Role: hitori.RoleAdmin}), id)
		if err != nil || m.Interval != time.Minute || m.Options.HTTP.Headers["X-Probe"] != "hitori" || len(m.Windows) != 1 ||
			!m.Windows[0].Starts.Equal(time.Date(2026, 12, 10, 13, 0, 0, 0, time.UTC)) {
			t.Fatalf("stored %+v %v", m, err)
		}
		if body := tech.mustGet(page + "/edit"); !strings.Contains(body, `value="2026-12-10T22:00"`) || !strings.Contains(body, "X-Probe: hitori") {
			t.Errorf("edit form does not show the stored values")
		}
		// Results as the scheduler writes them.
		now := e.clock.Now()
		var rs []*hitori.CheckResult
		for i := range 30 {
			rs = append(rs, &hitori.CheckResult{MonitorID: id, At: now.Add(time.Duration(i-30) * time.Minute), OK: i != 10,
				Latency: time.Duration(20+i) * time.Millisecond, Message: "200"})
		}
		st := &hitori.MonitorState{MonitorID: id, Status: hitori.MonitorUp, Since: now, Last: rs[29]}
		if err := db.Monitors().SaveResults(t.Context(), rs, []*hitori.MonitorState{st}, nil); err != nil {
			t.Fatal(err)
		}
		body = tech.mustGet(page)
		for _, want := range []string{`<svg class="monitor-chart"`, "<polyline", `fill="#c0392b"`, "正常", "49 ms", "一時停止"} {
			if !strings.Contains(body, want) {
				t.Errorf("page lacks %q", want)
			}
		}
		body = tech.mustGet("/monitors")
		for _, want := range []string{"社内ポータル", "96.67%", "49 ms", "work-status-resolved"} {
			if !strings.Contains(body, want) {
				t.Errorf("list lacks %q", want)
			}
		}
		status, loc, _ = tech.post(page+"/pause", url.Values{})
		if status != http.StatusSeeOther || !strings.Contains(loc, "flash=paused") {
			t.Fatalf("pause: %d %s", status, loc)
		}
		if body := tech.mustGet(loc); !strings.Contains(body, `data-testid="monitor-resume"`) || !strings.Contains(body, "一時停止しました") {
			t.Error("paused page")
		}
		tech.post(page+"/resume", url.Values{})
		if body := tech.mustGet(page + "/delete"); !strings.Contains(body, "「社内ポータル」を削除しますか") {
			t.Error("delete asks first")
		}
		if status, loc, _ := tech.post(page+"/delete", url.Values{}); status != http.StatusSeeOther || loc != "/monitors?flash=deleted" {
			t.Fatalf("delete: %d %s", status, loc)
		}
		if status, _, _ := tech.get(page); status != http.StatusNotFound {
			t.Fatalf("deleted page: %d", status)
		}
	})
}

// TestMonitorAPI checks the public contract: POST /api/v1/monitors →
// {"id"}, GET /api/v1/monitors/{id} → state and last result, the paged
// list, field errors, and the heartbeat endpoint.
func TestMonitorAPI(t *testing.T) {
	e := newSQLiteEnv(t)
	tech := e.apiCaller(e.mustUser("tech@example.com", hitori.RoleTechnician))
	requester := e.apiCaller(e.mustUser("req@example.com", hitori.RoleRequester))
	status, body := tech("POST", "/api/v1/monitors", `{"name":"portal","type":"http","url":"https://portal.example.co.jp/","interval_s":30,"timeout_s":5}`)
	var created struct{ ID int64 }
	if status != http.StatusCreated || json.Unmarshal([]byte(body), &created) != nil || created.ID == 0 {
		t.Fatalf("create: %d %s", status, body)
	}
	status, body = tech("GET", fmt.Sprintf("/api/v1/monitors/%d", created.ID), "")
	var got monitorOutJSON
	if status != 200 || json.Unmarshal([]byte(body), &got) != nil || got.Status != "pending" || got.IntervalS != 30 || got.LastResult != nil {
		t.Fatalf("get: %d %s", status, body)
	}
	if !strings.Contains(body, `"last_result":null`) {
		t.Errorf("no result yet is null: %s", body)
	}
	r := &hitori.CheckResult{MonitorID: created.ID, At: e.clock.Now(), OK: false, Latency: 1500 * time.Microsecond, Message: "status 503"}
	e.db.Monitors().SaveResults(t.Context(), []*hitori.CheckResult{r},
		[]*hitori.MonitorState{{MonitorID: created.ID, Status: hitori.MonitorDown, Since: r.At, Failures: 1, Last: r}}, nil)
	_, body = tech("GET", fmt.Sprintf("/api/v1/monitors/%d", created.ID), "")
	if !strings.Contains(body, `"status":"down"`) || !strings.Contains(body, `"latency_ms":1.5`) || !strings.Contains(body, `"message":"status 503"`) {
		t.Errorf("after a result: %s", body)
	}
	status, body = tech("POST", "/api/v1/monitors", `{"name":"","type":"http","url":"ftp://x","interval_s":1,"timeout_s":5}`)
	if status != http.StatusUnprocessableEntity || !strings.Contains(body, `"url"`) || !strings.Contains(body, `"interval_s"`) || !strings.Contains(body, `"name"`) {
		t.Errorf("bad create: %d %s", status, body)
	}
	if status, body = tech("POST", "/api/v1/monitors", `{"name":"x","type":"http","url":"https://a/","interval_s":"60"}`); status != http.StatusUnprocessableEntity {
		t.Errorf("wrong type: %d %s", status, body)
	}
	if status, _ = requester("GET", "/api/v1/monitors", ""); status != http.StatusForbidden {
		t.Errorf("requester list: %d", status)
	}
	// A heartbeat monitor and its URL.
	status, body = tech("POST", "/api/v1/monitors", `{"name":"nightly backup","type":"heartbeat","interval_s":60,"heartbeat":{"period_s":86400,"grace_s":1800}}`)
	var hb struct {
		ID  int64
		URL string `json:"heartbeat_url"`
	}
	if status != http.StatusCreated || json.Unmarshal([]byte(body), &hb) != nil || !strings.HasPrefix(hb.URL, "/hb/") {
		t.Fatalf("heartbeat create: %d %s", status, body)
	}
	anon := e.client()
	for _, method := range []string{"GET", "POST"} {
		req, _ := http.NewRequest(method, e.ts.URL+hb.URL, nil)
		if status, _, body := anon.do(req); status != 200 || body != "OK\n" {
			t.Errorf("%s heartbeat: %d %q", method, status, body)
		}
	}
	if status, _, _ := anon.get("/hb/not-a-token"); status != http.StatusNotFound {
		t.Errorf("unknown token: %d", status)
	}
	status, body = tech("GET", "/api/v1/monitors?limit=1&offset=1", "")
	var list struct {
		Monitors []monitorOutJSON
		Total    int
	}
	if status != 200 || json.Unmarshal([]byte(body), &list) != nil || list.Total != 2 || len(list.Monitors) != 1 || list.Monitors[0].Name != "portal" {
		t.Errorf("list: %d %s", status, body)
	}
	if status, _ = tech("GET", "/api/v1/monitors?limit=0", ""); status != http.StatusUnprocessableEntity {
		t.Errorf("limit 0: %d", status)
	}
}
