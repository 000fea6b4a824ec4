package web

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"hitori"
	"hitori/sqlstore"
	"hitori/sqlstore/storetest"
)

func licenseForm(title string, kv ...string) url.Values {
	f := url.Values{"title": {title}, "kind": {"perpetual"}, "seats": {"1"}}
	for i := 0; i+1 < len(kv); i += 2 {
		f.Set(kv[i], kv[i+1])
	}
	return f
}

// TestLicensePages walks the license room on both databases: a form with
// several bad fields keeps what was typed and names each; the list shows
// compliance flags, search and the empty state; a technician sees that a
// key exists, an administrator sees it (audited); delete asks first; the
// expiry list and the alert steps; the API's JSON with nulls.
func TestLicensePages(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		e := newEnv(t, db) // the clock says 2026-11-25
		ctx := context.Background()
		e.mustUser("admin@example.com", hitori.RoleAdmin)
		e.mustUser("tech@example.com", hitori.RoleTechnician)
		admin, tech := e.client(), e.client()
		admin.login("admin@example.com", "password123")
		tech.login("tech@example.com", "password123")

		if body := tech.mustGet("/licenses"); !strings.Contains(body, `data-testid="license-empty"`) || !strings.Contains(body, "ライセンスはまだ登録されていません") {
			t.Errorf("empty list: %.500s", body)
		}
		// Bad input: every field named, the title kept.
		status, _, body := tech.post("/licenses", licenseForm("一太郎", "seats", "たくさん", "cost_yen", "十円", "renewal_on", "2027/2/30",
			"kind", "subscription"))
		if status != http.StatusUnprocessableEntity {
			t.Fatalf("bad form: %d", status)
		}
		for _, want := range []string{"ライセンス数は 0 以上の整数", "費用は 0 以上の金額", "日付は 2027-04-01", "支払い周期", `value="一太郎"`} {
			if !strings.Contains(body, want) {
				t.Errorf("bad form lacks %q", want)
			}
		}
		// A technician cannot store a key (the field is not even read).
		status, loc, _ := tech.post("/licenses", licenseForm("Microsoft Office Professional Plus 2019", "seats", "１", "publisher", "Microsoft",
			"license_key", "TECH-KEY", "cost_yen", "¥12,800"))
		if status != http.StatusSeeOther || !strings.HasPrefix(loc, "/licenses/") {
			t.Fatalf("create: %d %q", status, loc)
		}
		officeURL := strings.TrimSuffix(loc, "?flash=saved")
		status, loc, _ = admin.post("/licenses", licenseForm("Microsoft 365", "kind", "subscription", "period", "yearly", "seats", "10",
			"renewal_on", "2026/12/20", "license_key", "M365-SECRET"))
		if status != http.StatusSeeOther {
			t.Fatalf("admin create: %d", status)
		}
		m365URL := strings.TrimSuffix(loc, "?flash=saved")
		// Two PCs run Office, one is retired: one Office seat is enough.
		for i, st := range []hitori.AssetStatus{hitori.AssetInUse, hitori.AssetInUse, hitori.AssetRetired} {
			a := &hitori.Asset{Number: "PC-10" + string(rune('0'+i)), Type: hitori.AssetPC, Status: st, WarrantyUntil: "2027-01-10"}
			if err := db.InsertAssetForTest(ctx, a); err != nil {
				t.Fatal(err)
			}
			if err := db.AddSoftwareForTest(ctx, a.ID, "Microsoft Office Professional Plus 2019 - ja-jp", "16.0", "microsoft office"); err != nil {
				t.Fatal(err)
			}
		}
		body = tech.mustGet("/licenses?sort=title")
		for _, want := range []string{`data-testid="flag-over"`, "超過 1 台", "未使用 10", "期限間近", "12,800", "保有 1 ・導入 2"} {
			if !strings.Contains(body, want) {
				t.Errorf("list lacks %q", want)
			}
		}
		assertNoEnglishUI(t, "the license list", body)
		if body := tech.mustGet("/licenses?q=365"); strings.Contains(body, "Office") || !strings.Contains(body, "Microsoft 365") {
			t.Error("search for 365 shows the wrong licenses")
		}
		if body := tech.mustGet("/licenses?q=nothing"); !strings.Contains(body, "「nothing」に一致するライセンスはありません") {
			t.Error("no-match state missing")
		}
		// Keys.
		if body := tech.mustGet(m365URL); !strings.Contains(body, `data-testid="key-exists"`) || strings.Contains(body, "M365-SECRET") {
			t.Error("technician: key existence not shown, or the key leaked")
		}
		if body := tech.mustGet(officeURL); strings.Contains(body, `data-testid="key-exists"`) {
			t.Error("a technician's key was stored")
		}
		if status, _, _ := tech.post(m365URL+"/key", nil); status != http.StatusForbidden {
			t.Errorf("technician key view: %d", status)
		}
		status, _, body = admin.post(m365URL+"/key", nil)
		if status != http.StatusOK || !strings.Contains(body, "M365-SECRET") {
			t.Fatalf("admin key view: %d", status)
		}
		if body := admin.mustGet("/admin/audit"); !strings.Contains(body, "ライセンスキーの表示") {
			t.Error("key view not in the audit log")
		}
		// Editing without a key keeps it.
		if status, _, _ := admin.post(m365URL, licenseForm("Microsoft 365", "kind", "subscription", "period", "monthly", "seats", "12", "renewal_on", "2026-12-20")); status != http.StatusSeeOther {
			t.Fatalf("update: %d", status)
		}
		if _, _, body := admin.post(m365URL+"/key", nil); !strings.Contains(body, "M365-SECRET") {
			t.Error("update without a key dropped the key")
		}
		// The API.
		status, _, body = tech.get("/api/v1/licenses?sort=title")
		var out struct {
			Licenses []map[string]any `json:"licenses"`
			Total    int              `json:"total"`
		}
		if err := json.Unmarshal([]byte(body), &out); status != http.StatusOK || err != nil || out.Total != 2 {
			t.Fatalf("api: %d %v %.300s", status, err, body)
		}
		m365, office := out.Licenses[0], out.Licenses[1]
		if m365["title"] != "Microsoft 365" || m365["period"] != "monthly" || m365["renewal_on"] != "2026-12-20" || m365["cost_yen"] != nil ||
			m365["publisher"] != nil || m365["expiring"] != true || m365["seats"] != 12.0 || m365["has_key"] != true {
			t.Errorf("api m365: %v", m365)
		}
		if office["installed"] != 2.0 || office["over_installed"] != true || office["cost_yen"] != 12800.0 || office["renewal_on"] != nil || office["period"] != nil {
			t.Errorf("api office: %v", office)
		}
		if _, ok := m365["license_key"]; ok {
			t.Error("the API shows keys")
		}
		if status, _, _ := tech.get("/api/v1/licenses?sort=evil"); status != http.StatusUnprocessableEntity && status != http.StatusBadRequest {
			t.Errorf("api bad sort: %d", status)
		}
		// Expiring soon: the renewal and the two PCs' warranties, not the retired one.
		body = tech.mustGet("/licenses/expiring")
		for _, want := range []string{"ライセンス更新", "保証期限", "PC-100", "PC-101", "25 日", m365URL} {
			if !strings.Contains(body, want) {
				t.Errorf("expiring list lacks %q", want)
			}
		}
		if strings.Contains(body, "PC-102") {
			t.Error("a retired asset is listed as expiring")
		}
		assertNoEnglishUI(t, "the expiry list", body)
		// Alert steps.
		if status, _, body := admin.post("/licenses/settings", url.Values{"steps": {"0, abc"}}); status != http.StatusUnprocessableEntity || !strings.Contains(body, "1〜730 の日数") {
			t.Errorf("bad steps: %d", status)
		}
		if status, _, _ := admin.post("/licenses/settings", url.Values{"steps": {"６０、14"}}); status != http.StatusSeeOther {
			t.Errorf("save steps: %d", status)
		}
		if body := admin.mustGet("/licenses/settings"); !strings.Contains(body, `value="60,14"`) {
			t.Error("steps not saved")
		}
		// Delete: a confirmation page, then the deletion.
		if body := tech.mustGet(officeURL + "/delete"); !strings.Contains(body, "Microsoft Office Professional Plus 2019") || !strings.Contains(body, "license-delete-confirm") {
			t.Error("delete confirmation")
		}
		if status, loc, _ := tech.post(officeURL+"/delete", nil); status != http.StatusSeeOther || loc != "/licenses?flash=deleted" {
			t.Errorf("delete: %d %q", status, loc)
		}
		if status, _, _ := tech.get(officeURL); status != http.StatusNotFound {
			t.Errorf("deleted license: %d", status)
		}
	})
}

// assertNoEnglishUI fails when a Japanese page shows catalogue keys or
// untranslated codes.
func assertNoEnglishUI(t *testing.T, page, body string) {
	t.Helper()
	assertNoEnglish(t, page, body)
	for _, s := range []string{"license.", "renewal<", "warranty<", "perpetual<", "subscription<"} {
		if strings.Contains(body, s) {
			t.Errorf("%s shows %q", page, s)
		}
	}
}
