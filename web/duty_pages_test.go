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

// TestDutyPages walks the duties room on both databases: the empty list, a
// form with bad fields (kept and named), create (which opens today's task
// on the board), recording a completion (evidence required), a missed
// occurrence flagged on the list and the page, the CSV export, and delete
// after a confirmation (audited).
func TestDutyPages(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		e := newEnv(t, db)
		e.srv.duty.Now = e.clock.Now // 2026-11-25 (Wed) 10:00 in Tokyo
		e.mustUser("tech@example.com", hitori.RoleTechnician)
		tech := e.client()
		tech.login("tech@example.com", "password123")
		if body := tech.mustGet("/duties"); !strings.Contains(body, `data-testid="duty-empty"`) || !strings.Contains(body, "定期業務はまだありません") {
			t.Errorf("empty list: %.300s", body)
		}
		bad := url.Values{"title": {""}, "freq": {"monthly"}, "monthly": {"day"}, "day": {"32"}, "holiday": {"next"},
			"lead_days": {"x"}, "starts_on": {"2026-11-25"}}
		status, _, body := tech.post("/duties", bad)
		if status != http.StatusUnprocessableEntity {
			t.Fatalf("bad form: %d", status)
		}
		for _, want := range []string{"名前を入力してください", "数字で入力してください"} {
			if !strings.Contains(body, want) {
				t.Errorf("bad form lacks %q", want)
			}
		}
		good := url.Values{"title": {"バックアップ結果の確認"}, "checklist": {"ジョブが成功\r\n容量に余裕"},
			"evidence_prompt": {"ジョブ番号"}, "freq": {"weekly"}, "weekday": {"3"}, "holiday": {"next"},
			"lead_days": {"０"}, "starts_on": {"2026-11-25"}}
		status, loc, _ := tech.post("/duties", good)
		if status != http.StatusSeeOther || !strings.HasPrefix(loc, "/duties/") {
			t.Fatalf("create: %d %q", status, loc)
		}
		page := strings.TrimSuffix(loc, "?flash=saved")
		body = tech.mustGet(page)
		for _, want := range []string{"毎週 水曜日（休日なら翌営業日）", `data-testid="occurrence-2026-11-25"`, "未完了", "2026-12-02"} {
			if !strings.Contains(body, want) {
				t.Errorf("page lacks %q", want)
			}
		}
		rec := page + "/on/2026-11-25"
		if status, _, body := tech.post(rec, url.Values{"check0": {"1"}}); status != http.StatusUnprocessableEntity ||
			!strings.Contains(body, "証跡メモが必須") {
			t.Fatalf("record without evidence: %d", status)
		}
		if status, loc, _ := tech.post(rec, url.Values{"check0": {"1"}, "evidence": {"JOB-77 成功"}}); status != http.StatusSeeOther ||
			!strings.Contains(loc, "flash=recorded") {
			t.Fatalf("record: %d %q", status, loc)
		}
		if body := tech.mustGet(rec); !strings.Contains(body, "☑ ジョブが成功") || !strings.Contains(body, "☐ 容量に余裕") ||
			!strings.Contains(body, "JOB-77 成功") {
			t.Errorf("recorded page: %.500s", body)
		}
		// Two weeks on, the 12/2 occurrence was never done: missed.
		e.clock.Add(14 * 24 * time.Hour)
		if _, err := e.srv.duty.Run(context.Background()); err != nil {
			t.Fatal(err)
		}
		tech.login("tech@example.com", "password123") // the session expired meanwhile
		if body := tech.mustGet("/duties"); !strings.Contains(body, `data-testid="duty-missed"`) {
			t.Errorf("list does not flag the missed occurrence")
		}
		if body := tech.mustGet(page); !strings.Contains(body, "期限を過ぎて完了していない回が 1 件") || !strings.Contains(body, "期限切れ") {
			t.Errorf("page does not flag the missed occurrence")
		}
		status, _, csv := tech.get("/duties/export?format=csv")
		if status != http.StatusOK || !strings.Contains(csv, "JOB-77 成功") || !strings.Contains(csv, "未完了（期限超過）") {
			t.Errorf("export: %d\n%s", status, csv)
		}
		if status, _, _ := tech.get("/duties/export?format=pdf"); status != http.StatusUnprocessableEntity {
			t.Errorf("export pdf: %d", status)
		}
		if body := tech.mustGet(page + "/delete"); !strings.Contains(body, "実施の記録 3 件") {
			t.Errorf("delete question: %.400s", body)
		}
		if status, loc, _ := tech.post(page+"/delete", nil); status != http.StatusSeeOther || loc != "/duties?flash=deleted" {
			t.Fatalf("delete: %d %q", status, loc)
		}
		evs, _, err := db.Audit().FindAuditEvents(context.Background(), hitori.AuditFilter{Action: hitori.AuditDutyDelete})
		if err != nil || len(evs) != 1 || !strings.Contains(evs[0].Detail, "バックアップ結果の確認") {
			t.Errorf("audit of the delete: %+v %v", evs, err)
		}
	})
}
