package web

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"hitori"
)

// assetEnv is a server with an admin and a technician signed in, and the
// asset service on the test clock (2026-11-25).
type assetEnv struct {
	*env
	admin, tech *client
}

func newAssetEnv(t *testing.T) *assetEnv {
	e := newSQLiteEnv(t)
	e.srv.asset.Now = e.clock.Now
	e.mustUser("admin@example.com", hitori.RoleAdmin)
	e.mustUser("tech@example.com", hitori.RoleTechnician)
	a := &assetEnv{env: e, admin: e.client(), tech: e.client()}
	a.admin.login("admin@example.com", "password123")
	a.tech.login("tech@example.com", "password123")
	return a
}

// mustAsset creates an asset as the system.
func (a *assetEnv) mustAsset(x *hitori.Asset) *hitori.Asset {
	a.t.Helper()
	if err := a.srv.asset.Create(context.Background(), x); err != nil {
		a.t.Fatal(err)
	}
	return x
}

var idInURL = regexp.MustCompile(`^/assets/(\d+)\?`)

func TestAssetRoutesNeverFail(t *testing.T) {
	e := newAssetEnv(t)
	users := map[string]string{"anon": "", "admin": "admin@example.com", "technician": "tech@example.com"}
	for _, role := range []hitori.Role{hitori.RoleRequester, hitori.RoleViewer} {
		users[string(role)] = e.mustUser(string(role)+"@example.com", role).Email
	}
	x := e.mustAsset(&hitori.Asset{Number: "PC-1", Type: hitori.AssetPC})
	for _, rt := range e.srv.assetRoutes() {
		if rt.api {
			continue // the API has its own tests and fuzzing
		}
		for _, id := range []int64{x.ID, 999999} {
			method, path, _ := strings.Cut(rt.pattern, " ")
			path = strings.ReplaceAll(path, "{id}", fmt.Sprint(id))
			for who, email := range users {
				c := e.client()
				if email != "" {
					c.login(email, "password123")
				}
				var status int
				var body string
				if method == "GET" {
					status, _, body = c.get(path)
				} else {
					status, _, body = c.post(path, nil)
				}
				if status >= 500 {
					t.Errorf("%s %s as %s: status %d\n%.400s", method, path, who, status, body)
				}
				if (who == "viewer" || who == "requester") && status != http.StatusForbidden {
					t.Errorf("%s %s as %s: status %d, want 403", method, path, who, status)
				}
			}
		}
	}
}

func TestAssetCreateEditAndErrors(t *testing.T) {
	e := newAssetEnv(t)
	if body := e.tech.mustGet("/assets"); !strings.Contains(body, `data-testid="asset-empty"`) {
		t.Error("empty register shows no empty state")
	}
	form := url.Values{"number": {"PC-001"}, "type": {"pc"}, "status": {"in_use"}, "maker": {"富士通"}, "model": {"LIFEBOOK U9"},
		"serial": {"R3X00001"}, "location": {"本社3F"}, "acquired_on": {"2024-04-01"}, "price_yen": {"¥１２８,０００"}}
	status, loc, body := e.tech.post("/assets", form)
	m := idInURL.FindStringSubmatch(loc)
	if status != http.StatusSeeOther || m == nil {
		t.Fatalf("create: %d %q %.300s", status, loc, body)
	}
	body = e.tech.mustGet("/assets/" + m[1])
	for _, want := range []string{"PC-001", "LIFEBOOK U9", "¥128,000", "本社3F", `data-kind="created"`} {
		if !strings.Contains(body, want) {
			t.Errorf("asset page lacks %q", want)
		}
	}
	for _, tc := range []struct {
		name, field, value, message string
	}{
		{"impossible date", "acquired_on", "2024-02-30", "実在する日付"},
		{"bad price", "price_yen", "12万", "金額は"},
		{"duplicate number", "number", "PC-001", "すでに使われています"},
		{"unknown type", "type", "car", "種別を選んで"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := url.Values{"number": {"PC-002"}, "type": {"pc"}}
			f.Set(tc.field, tc.value)
			status, _, body := e.tech.post("/assets", f)
			if status != http.StatusUnprocessableEntity || !strings.Contains(body, tc.message) || !strings.Contains(body, `value="`+tc.value+`"`) && tc.field != "type" {
				t.Errorf("status %d, message %q shown: %v", status, tc.message, strings.Contains(body, tc.message))
			}
		})
	}
	edit := url.Values{"number": {"PC-001"}, "type": {"pc"}, "status": {"repair"}, "maker": {"富士通"}, "model": {"LIFEBOOK U9"},
		"serial": {"R3X00001"}, "location": {"本社4F"}, "acquired_on": {"2024-04-01"}, "price_yen": {"128000"}}
	if status, loc, _ := e.tech.post("/assets/"+m[1], edit); status != http.StatusSeeOther || !strings.Contains(loc, "flash=saved") {
		t.Fatalf("edit: %d %q", status, loc)
	}
	body = e.tech.mustGet("/assets/" + m[1])
	if !strings.Contains(body, "本社3F → 本社4F") || !strings.Contains(body, "使用中 → 修理中") {
		t.Errorf("history does not show the edit:\n%s", section(body, `data-testid="asset-history"`, "</section>"))
	}
	if status, loc, _ := e.tech.post("/assets/"+m[1], edit); status != http.StatusSeeOther || !strings.Contains(loc, "flash=unchanged") {
		t.Errorf("unchanged edit: %d %q", status, loc)
	}
	list := e.tech.mustGet("/assets?q=lifebook&status=repair")
	if !strings.Contains(list, `data-testid="asset-total">1<`) {
		t.Errorf("filtered list:\n%s", section(list, `asset-total`, "</h1>"))
	}
}

func TestAssetLoanAndDelete(t *testing.T) {
	e := newAssetEnv(t)
	ctx := context.Background()
	p := &hitori.Person{Name: "山田 花子", Active: true}
	if err := e.srv.asset.SavePerson(ctx, p); err != nil {
		t.Fatal(err)
	}
	x := e.mustAsset(&hitori.Asset{Number: "LN-1", Type: hitori.AssetPC, Status: hitori.AssetInStock})
	path := fmt.Sprintf("/assets/%d", x.ID)
	status, _, body := e.tech.post(path+"/checkout", url.Values{"person_id": {fmt.Sprint(p.ID)}, "loan_due": {"2026-11-01"}})
	if status != http.StatusUnprocessableEntity || !strings.Contains(body, "今日以降") {
		t.Errorf("past due date: %d", status)
	}
	if status, _, _ := e.tech.post(path+"/checkout", url.Values{"person_id": {fmt.Sprint(p.ID)}, "loan_due": {"2026-11-30"}}); status != http.StatusSeeOther {
		t.Fatalf("checkout: %d", status)
	}
	e.srv.asset.Now = func() time.Time { return e.clock.Now().AddDate(0, 0, 7) } // a week on; sessions stay fresh
	if body := e.tech.mustGet("/assets"); !strings.Contains(body, `data-testid="asset-overdue"`) {
		t.Error("list does not warn of the overdue loan")
	}
	if body := e.tech.mustGet(path); !strings.Contains(body, "山田 花子 さんに貸出中") || !strings.Contains(body, `asset-overdue-mark`) {
		t.Error("asset page does not show the overdue loan")
	}
	if status, _, _ := e.tech.post(path+"/checkin", url.Values{"location": {"倉庫"}}); status != http.StatusSeeOther {
		t.Fatalf("checkin: %d", status)
	}
	if status, _, _ := e.tech.post(path+"/delete", nil); status != http.StatusForbidden {
		t.Errorf("technician delete: %d", status)
	}
	if body := e.admin.mustGet(path + "/delete"); !strings.Contains(body, `data-testid="asset-delete-confirm"`) {
		t.Error("no confirmation page")
	}
	if status, loc, _ := e.admin.post(path+"/delete", nil); status != http.StatusSeeOther || !strings.HasPrefix(loc, "/assets?") {
		t.Fatalf("delete: %d %q", status, loc)
	}
	events, _, err := e.db.Audit().FindAuditEvents(ctx, hitori.AuditFilter{Action: hitori.AuditAssetDelete})
	if err != nil || len(events) != 1 || events[0].Target != "LN-1" || events[0].ActorEmail != "admin@example.com" {
		t.Errorf("audit = %+v, %v", events, err)
	}
}

func TestAssetLabelsAndStocktake(t *testing.T) {
	e := newAssetEnv(t)
	a := e.mustAsset(&hitori.Asset{Number: "QR-1", Model: "ThinkPad X1", Location: "本社1F"})
	b := e.mustAsset(&hitori.Asset{Number: "QR-2", Location: "本社2F"})
	for _, layout := range labelLayouts {
		body := e.tech.mustGet(fmt.Sprintf("/assets/labels?id=%d&id=%d&id=999&layout=%s&skip=1", a.ID, b.ID, layout.ID))
		if n := strings.Count(body, `data-testid="label"`); n != 2 {
			t.Errorf("%s: %d labels, want 2", layout.ID, n)
		}
		if !strings.Contains(body, "sheet-"+layout.ID) || !strings.Contains(body, `label label-blank`) || strings.Count(body, `src="data:image/svg`) != 2 {
			t.Errorf("%s: sheet, skipped label or QR missing: %.600s", layout.ID, body[max(0, strings.Index(body, `class="sheet`)):][:600])
		}
		if !strings.Contains(body, fmt.Sprintf(`data-url="%s/assets/%d"`, e.ts.URL, a.ID)) || !strings.Contains(body, "ThinkPad X1") {
			t.Errorf("%s: label does not carry the asset's URL and model", layout.ID)
		}
	}
	if body := e.tech.mustGet("/assets/stocktake"); !strings.Contains(body, `data-testid="stocktake-start"`) {
		t.Fatal("no start button")
	}
	if status, _, _ := e.tech.post("/assets/stocktake", nil); status != http.StatusSeeOther {
		t.Fatalf("start: %d", status)
	}
	body := e.tech.mustGet(fmt.Sprintf("/assets/%d", a.ID))
	if !strings.Contains(body, `data-testid="stocktake-confirm"`) || !strings.Contains(body, "0 / 2") {
		t.Fatal("asset page has no one-tap confirmation")
	}
	if status, _, _ := e.tech.post(fmt.Sprintf("/assets/%d/seen", a.ID), url.Values{"location": {"本社1F"}}); status != http.StatusSeeOther {
		t.Fatalf("confirm: %d", status)
	}
	body = e.tech.mustGet("/assets/stocktake")
	if !strings.Contains(body, `data-testid="stocktake-seen-count">1<`) || strings.Count(body, `data-testid="stocktake-unseen-item"`) != 1 || !strings.Contains(body, "QR-2") {
		t.Errorf("progress after one:\n%s", section(body, `stocktake-round`, "</details>"))
	}
	if status, _, _ := e.tech.post("/assets/stocktake/finish", nil); status != http.StatusSeeOther {
		t.Errorf("finish: %d", status)
	}
}

func TestAssetPeopleAndFields(t *testing.T) {
	e := newAssetEnv(t)
	if status, _, _ := e.tech.post("/departments", url.Values{"name": {"営業部"}}); status != http.StatusSeeOther {
		t.Fatal("department")
	}
	if status, _, body := e.tech.post("/departments", url.Values{"name": {"営業部"}}); status != http.StatusUnprocessableEntity || !strings.Contains(body, "同じ名前") {
		t.Errorf("duplicate department: %d", status)
	}
	if status, _, body := e.tech.post("/people", url.Values{"name": {" "}}); status != http.StatusUnprocessableEntity || !strings.Contains(body, "入力してください") {
		t.Errorf("nameless person: %d", status)
	}
	status, loc, _ := e.tech.post("/people", url.Values{"name": {"佐藤 一郎"}, "email": {"sato@example.com"}})
	if status != http.StatusSeeOther || !strings.HasPrefix(loc, "/people/") {
		t.Fatalf("person: %d %q", status, loc)
	}
	if body := e.tech.mustGet("/people?q=sato"); !strings.Contains(body, "佐藤 一郎") {
		t.Error("person not listed")
	}
	if status, _, _ := e.tech.post("/assets/fields", url.Values{"type": {"pc"}, "name": {"メモリ"}}); status != http.StatusForbidden {
		t.Errorf("technician defined a field: %d", status)
	}
	if status, _, _ := e.admin.post("/assets/fields", url.Values{"type": {"pc"}, "name": {"メモリ"}}); status != http.StatusSeeOther {
		t.Fatalf("define field: %d", status)
	}
	if body := e.tech.mustGet("/assets/new?type=pc"); !strings.Contains(body, `name="custom.メモリ"`) {
		t.Error("new form lacks the custom field")
	}
	status, loc, _ = e.tech.post("/assets", url.Values{"number": {"C-1"}, "type": {"pc"}, "custom.メモリ": {"16GB"}})
	if status != http.StatusSeeOther {
		t.Fatalf("create with custom field: %d", status)
	}
	if body := e.tech.mustGet(strings.Split(loc, "?")[0]); !strings.Contains(body, "16GB") {
		t.Error("custom value not shown")
	}
}

// TestAssetNamedByHostName: a PC inventory added has no asset number and
// often the same maker and model as the rest of the fleet; the list, its
// page and the loan and stocktake lists name it by its host name.
func TestAssetNamedByHostName(t *testing.T) {
	e := newAssetEnv(t)
	ctx := context.Background()
	for _, a := range []*hitori.Asset{
		{Type: hitori.AssetPC, Status: hitori.AssetInUse, Hostname: "PC-SOUMU-03", Maker: "Dell", Model: "Latitude 5440"},
		{Type: hitori.AssetPC, Status: hitori.AssetInUse, Maker: "Dell", Model: "Latitude 5440"},
		{Type: hitori.AssetPC, Status: hitori.AssetInUse},
	} {
		if err := e.srv.asset.Create(ctx, a); err != nil {
			t.Fatal(err)
		}
		want := map[bool]string{true: "PC-SOUMU-03", false: "Dell Latitude 5440"}[a.Hostname != ""]
		if a.Maker == "" {
			want = "（資産番号なし）"
		}
		if body := e.tech.mustGet("/assets"); !strings.Contains(body, `data-testid="asset-link">`+want+`</a>`) {
			t.Errorf("list names asset %d otherwise than %q:\n%.2000s", a.ID, want, body)
		}
		if body := e.tech.mustGet(fmt.Sprintf("/assets/%d", a.ID)); !strings.Contains(body, `data-testid="asset-title">`+want+` `) {
			t.Errorf("page of asset %d is not titled %q", a.ID, want)
		}
	}
}
