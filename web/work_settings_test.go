package web

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"hitori"
	"hitori/work"
)

// settingsForm is a valid settings form to start each case from.
func settingsForm() url.Values {
	return workSettingsForm(work.DefaultSettings())
}

func TestWorkSettings(t *testing.T) {
	e := newWorkEnv(t)
	admin := e.mustUser("admin@example.com", hitori.RoleAdmin)
	c := e.client()
	c.login(admin.Email, "password123")
	body := c.mustGet("/work/settings")
	if !strings.Contains(body, "12-29..01-03 年末年始") || !strings.Contains(body, `name="q1_first"`) {
		t.Fatal("the settings form does not show the defaults")
	}

	bad := []struct {
		name   string
		change func(url.Values)
		want   []string // in the page
	}{
		{"holiday lines", func(f url.Values) {
			f.Set("holidays", "# 会社カレンダー\n2026-08-13 夏季休暇\n2026-13-01 ありえない日\n\n2026-08-14\n12-29..01-03 年末年始")
		}, []string{"3 行目: 「2026-13-01」は実在しない日付です。", "5 行目: 「2026-08-14」の後に名前がありません", "休業日の一覧に誤りがあります", `aria-invalid="true"`}},
		{"hours", func(f url.Values) { f.Set("open", "18:00"); f.Set("close", "09:00") }, []string{"終業は始業より後に"}},
		{"no workdays", func(f url.Values) { f.Del("workdays") }, []string{"営業日を 1 つ以上"}},
		{"targets", func(f url.Values) { f.Set("q1_first", "abc"); f.Set("q2_resolution", "") }, []string{"0〜2000 の時間数", "入力してください"}},
		{"resolution sooner than first response", func(f url.Values) { f.Set("q3_first", "10"); f.Set("q3_resolution", "2") }, []string{"解決目標は初回応答目標以上"}},
	}
	for _, tt := range bad {
		t.Run(tt.name, func(t *testing.T) {
			f := settingsForm()
			tt.change(f)
			status, _, body := c.post("/work/settings", f)
			if status != http.StatusUnprocessableEntity {
				t.Fatalf("status %d, want 422", status)
			}
			for _, w := range tt.want {
				if !strings.Contains(body, w) {
					t.Errorf("the page lacks %q", w)
				}
			}
			if strings.Contains(tt.name, "holiday") && strings.Contains(body, "2 行目") {
				t.Error("a good line is reported")
			}
		})
	}
	if _, err := e.db.Settings().GetSetting(context.Background(), work.SettingsKey); hitori.ErrorCode(err) != hitori.ENOTFOUND {
		t.Fatalf("refused settings were stored: %v", err)
	}

	// A good save: 10:00–17:00, a company day off tomorrow (Thursday 2026-11-26), Q4 first response in 2 hours.
	f := settingsForm()
	f.Set("open", "10:00")
	f.Set("close", "17:00")
	f.Set("holidays", "12-29..01-03 年末年始\n2026-11-26 創立記念日")
	f.Set("q4_first", "2")
	f.Set("categories", "PC\nネットワーク\nPC\n")
	status, loc, body := c.post("/work/settings", f)
	if status != http.StatusSeeOther || !strings.Contains(loc, "flash=settings_saved") {
		t.Fatalf("save: %d %q\n%.800s", status, loc, body)
	}
	if page := c.mustGet(loc); !strings.Contains(page, "設定を保存しました") || !strings.Contains(page, "2026-11-26 (木) 創立記念日") {
		t.Error("the saved page lacks the flash or the upcoming company holiday")
	}
	if got := e.srv.work.Categories(); strings.Join(got, ",") != "PC,ネットワーク" {
		t.Errorf("categories %v", got)
	}
	// Now (Wednesday 10:00 JST) + 2 business hours of 10–17 = 12:00, and at 16:30
	// a ticket's 2 hours run into Friday, skipping the company holiday.
	it := mustItem(t, e, nil, "new clock")
	if want := time.Date(2026, 11, 25, 12, 0, 0, 0, tokyo); !it.FirstResponseDue.Equal(want) {
		t.Errorf("first response due %v, want %v", it.FirstResponseDue.In(tokyo), want)
	}
	e.clock.Add(6*time.Hour + 30*time.Minute)
	late := mustItem(t, e, nil, "late ticket")
	if want := time.Date(2026, 11, 27, 11, 30, 0, 0, tokyo); !late.FirstResponseDue.Equal(want) {
		t.Errorf("first response due %v, want %v (Friday, after the holiday)", late.FirstResponseDue.In(tokyo), want)
	}

	// A new server (a restart) loads the stored settings.
	srv, err := New(Config{Database: e.db.Dialect}, mustServices(t, e.db), slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	if st := srv.work.Settings(); st.Open != "10:00" || st.Targets[4].FirstResponse != 2 || srv.work.LoadErr != nil {
		t.Errorf("after restart: open %s, q4 first %v, load error %v", st.Open, st.Targets[4].FirstResponse, srv.work.LoadErr)
	}

	// Technicians may not change the settings.
	tech := e.mustUser("tech@example.com", hitori.RoleTechnician)
	tc := e.client()
	tc.login(tech.Email, "password123")
	if status, _, _ := tc.post("/work/settings", settingsForm()); status != http.StatusForbidden {
		t.Errorf("technician saving settings: %d, want 403", status)
	}
}

func TestWorkSettingsCategoryTargets(t *testing.T) {
	e := newSQLiteEnv(t)
	e.mustUser("admin@example.com", hitori.RoleAdmin)
	c := e.client()
	c.login("admin@example.com", "password123")
	f := settingsForm()
	f.Set("category_targets", "セキュリティ, 1, 0.5, 4\nセキュリティ, 9, 1, 2")
	if status, _, body := c.post("/work/settings", f); status != http.StatusUnprocessableEntity || !strings.Contains(body, "2 行目") {
		t.Fatalf("bad rule: %d", status)
	}
	f.Set("category_targets", "セキュリティ, 1, 0.5, 4")
	if status, _, _ := c.post("/work/settings", f); status != http.StatusSeeOther {
		t.Fatalf("save: %d", status)
	}
	it := &hitori.Item{Title: "不審なメール", Category: "セキュリティ", Urgent: true, Important: true}
	if p := e.srv.work.Policy(it); p.FirstResponse != 30*time.Minute {
		t.Fatalf("security Q1 first response = %v, want 30m", p.FirstResponse)
	}
}
