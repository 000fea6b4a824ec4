package web

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"hitori"
)

// englishLeaks are texts hitori used to write in English where a Japanese
// reader sees them (issue 9, item 13): audit details and targets, the
// command line as an actor, and the holiday list's validation messages.
// "<td>x</td>" entries are whole audit cells; the rest are substrings.
var englishLeaks = []string{
	"bad second factor", "second factor paused", "first administrator", "password+totp", "bad password",
	"unknown account", "sign-in paused", "e-mail link", "reset by administrator", "<td>role=", "<td>disabled=", " rules</td>",
	"<td>locked</td>", "<td>password</td>", "<td>setup</td>", "<td>self</td>", "<td>cli</td>", "<td>work.settings</td>",
	"is not a real date", "invalid date", "missing name", "both ends of the range", "before it starts",
	// a code that reached the page untranslated
	"detail.", "target.", "sla.holiday.",
}

func assertNoEnglish(t *testing.T, page, body string) {
	t.Helper()
	for _, s := range englishLeaks {
		if i := strings.Index(body, s); i >= 0 {
			t.Errorf("%s shows %q untranslated: …%s…", page, s, body[max(0, i-80):min(len(body), i+80)])
		}
	}
}

// TestJapaneseUIHasNoEnglish renders the audit log after real sign-ins,
// failures, a lockout and a settings change, and the SLA settings page with
// a bad holiday list, in Japanese.
func TestJapaneseUIHasNoEnglish(t *testing.T) {
	e := newWorkEnv(t)
	ctx := context.Background()
	admin := e.client()
	form := url.Values{"email": {"admin@example.com"}, "name": {"情シス 太郎"}, "password": {"correct horse battery"}, "password2": {"correct horse battery"}}
	if status, loc, _ := admin.post("/setup", form); status != http.StatusSeeOther || loc != "/" {
		t.Fatalf("setup: %d %q", status, loc)
	}
	e.mustUser("tech@example.com", hitori.RoleTechnician)
	other := e.client()
	other.post("/login", url.Values{"email": {"nobody@example.com"}, "password": {"whatever-it-is"}})
	for i := 0; i <= hitori.DefaultLockoutPolicy.MaxFailures; i++ { // the last try meets the pause
		other.post("/login", url.Values{"email": {"tech@example.com"}, "password": {"wrong-password"}})
	}
	other.login("admin@example.com", "correct horse battery")
	if status, _, body := admin.post("/work/settings", settingsForm()); status != http.StatusSeeOther {
		t.Fatalf("settings save: %d %.300s", status, body)
	}
	// What the command line and the other handlers write, one row per code.
	for _, code := range hitori.AuditCodes {
		ev := &hitori.AuditEvent{ActorEmail: hitori.ActorCLI, Action: hitori.AuditBackup, Target: hitori.AuditCode(hitori.TargetJob, "7"),
			Detail: hitori.AuditCode(code, "technician", "admin")}
		if strings.HasPrefix(code, "target.") {
			ev.Target, ev.Detail = hitori.AuditCode(code, "3", "4"), ""
		}
		if err := e.db.Audit().RecordAudit(ctx, ev); err != nil {
			t.Fatal(err)
		}
	}
	body := admin.mustGet("/admin/audit")
	assertNoEnglish(t, "the audit log", body)
	for _, want := range []string{"最初の管理者", "パスワードの誤り", "登録のないメールアドレス", "ログイン一時停止中", "SLA・営業日・カテゴリーの設定", "コマンドライン", "技術担当 → 管理者"} {
		if !strings.Contains(body, want) {
			t.Errorf("the audit log lacks %q", want)
		}
	}

	a := &hitori.Article{Title: "VPN に接続できない", Body: "再起動してください。", Kind: hitori.KindFAQ, Visibility: hitori.VisibleStaff}
	if err := e.srv.kb.Create(ctx, a); err != nil { // no user in the context: the command line
		t.Fatal(err)
	}
	body = admin.mustGet("/kb/" + strconv.FormatInt(a.ID, 10) + "/history")
	if !strings.Contains(body, "<td>コマンドライン</td>") || strings.Contains(body, "<td>cli</td>") {
		t.Error("the article history does not name the command line in Japanese")
	}

	f := settingsForm()
	f.Set("holidays", "2026-13-45 ありえない日\n2026-08-14\n12-29..2027-01-03 年末年始\n2027-01-03..2026-12-29 逆\n2026年8月13日 夏季休暇")
	status, _, body := admin.post("/work/settings", f)
	if status != http.StatusUnprocessableEntity {
		t.Fatalf("bad holidays: status %d, want 422", status)
	}
	assertNoEnglish(t, "the SLA settings page", body)
	for _, want := range []string{"1 行目: 「2026-13-45」は実在しない日付です。", "2 行目: 「2026-08-14」の後に名前がありません", "3 行目: 期間の両端に年を",
		"4 行目: 期間の終わり（2026-12-29）が始まり（2027-01-03）より前です。", "5 行目: 日付「2026年8月13日」を読めません。"} {
		if !strings.Contains(htmlUnescape(body), want) {
			t.Errorf("the SLA settings page lacks %q", want)
		}
	}
}

// TestAuditText shows codes in the reader's language and everything else,
// old free-text rows included, as it was stored.
func TestAuditText(t *testing.T) {
	locs, err := loadLocales()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, lang, stored, want string
	}{
		{"code", "ja", hitori.DetailBadSecondFactor, "確認コード（2FA）の誤り"},
		{"code in English", "en", hitori.DetailBadSecondFactor, "wrong verification code (2FA)"},
		{"roles by label", "ja", hitori.AuditCode(hitori.DetailRoleChange, "technician", "admin"), "技術担当 → 管理者"},
		{"unknown role as stored", "ja", hitori.AuditCode(hitori.DetailRole, "auditor"), "役割: auditor"},
		{"numbers", "ja", hitori.AuditCode(hitori.TargetItemArticle, "12", "3"), "問い合わせ 12 → 記事 3"},
		{"old free text", "ja", "bad password", "bad password"},
		{"old target", "ja", "work.settings", "work.settings"},
		{"a code from a newer version", "ja", "detail.someday", "detail.someday"},
		{"user data", "ja", "VPN 手順書.pdf", "VPN 手順書.pdf"},
		{"empty", "ja", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := &page{loc: locs[tt.lang]}
			if got := p.AuditText(tt.stored); got != tt.want {
				t.Errorf("AuditText(%q) = %q, want %q", tt.stored, got, tt.want)
			}
		})
	}
	p := &page{loc: locs["ja"]}
	if got := p.Who(hitori.ActorCLI); got != "コマンドライン" {
		t.Errorf("Who(cli) = %q", got)
	}
	if got := p.Who("sato@example.com"); got != "sato@example.com" {
		t.Errorf("Who(address) = %q", got)
	}
}

// TestAuditKeys makes sure every code hitori stores in the audit log has a
// message in both languages (the holiday problems are in TestWorkCatalogueKeys).
func TestAuditKeys(t *testing.T) {
	locs, err := loadLocales()
	if err != nil {
		t.Fatal(err)
	}
	keys := append([]string{"actor.cli"}, hitori.AuditCodes...)
	for _, lang := range Languages {
		for _, k := range keys {
			if _, ok := locs[lang].msgs[k]; !ok {
				t.Errorf("%s: key %q missing", lang, k)
			}
		}
	}
}
