package web

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"hitori"
	"hitori/sqlstore"
	"hitori/sqlstore/storetest"
)

// registerEnv is a technician signed in on a fresh database.
func registerEnv(t *testing.T, db *sqlstore.DB) (*env, *client, *hitori.User) {
	t.Helper()
	e := newEnv(t, db)
	e.srv.cfg.DataDir = t.TempDir()
	tech := e.mustUser("tech@example.com", hitori.RoleTechnician)
	c := e.client()
	c.login("tech@example.com", "password123")
	return e, c, tech
}

// mustSeeOther posts form and returns the id in the Location it redirects
// to (/area/{id}?…), failing unless the post was a 303.
func (c *client) mustSeeOther(t *testing.T, path string, form url.Values) string {
	t.Helper()
	status, loc, body := c.post(path, form)
	if status != http.StatusSeeOther {
		t.Fatalf("POST %s: %d %.600s", path, status, body)
	}
	m := regexp.MustCompile(`^/[a-z]+/(\d+)`).FindStringSubmatch(loc)
	if m == nil {
		return ""
	}
	return m[1]
}

// count returns how many systems, vendors and contracts there are.
func registerCounts(t *testing.T, db *sqlstore.DB) [3]int {
	t.Helper()
	ctx := context.Background()
	h := db.Handover()
	_, s, err1 := h.FindSystems(ctx, hitori.SystemFilter{})
	_, v, err2 := h.FindVendors(ctx, hitori.VendorFilter{})
	_, c, err3 := h.FindContracts(ctx, hitori.ContractFilter{})
	for _, err := range []error{err1, err2, err3} {
		if err != nil {
			t.Fatal(err)
		}
	}
	return [3]int{s, v, c}
}

// TestHandoverForms creates, edits and deletes a vendor, two systems and a
// contract through the forms as a technician: contact rows, the owner and
// relation pickers, costs typed in full-width digits and with ¥ and 円,
// every refusal (422 with the field messages, nothing written), and the
// vendor that cannot go while a contract names it.
func TestHandoverForms(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		_, c, tech := registerEnv(t, db)
		ctx := hitori.NewContextWithUser(context.Background(), tech)
		h := db.Handover()

		// Vendors: one more contact row without saving, then refusals, then a save.
		for _, path := range []string{"/vendors", "/vendors/new", "/systems/new", "/contracts/new"} {
			c.page(t, path)
		}
		status, _, body := c.post("/vendors", url.Values{"name": {"保守ベンダー"}, "contact_name": {"鈴木"}, "contact_role": {"SE"},
			"contact_phone": {""}, "contact_email": {""}, "add_contact": {"1"}})
		if status != http.StatusOK || strings.Count(body, `name="contact_name"`) != 2 || !strings.Contains(body, `value="鈴木"`) {
			t.Fatalf("add a contact row: %d, %d rows", status, strings.Count(body, `name="contact_name"`))
		}
		status, _, body = c.post("/vendors", url.Values{"name": {" "}, "portal": {"ftp://example.com"},
			"contact_name": {""}, "contact_role": {"営業"}})
		if status != http.StatusUnprocessableEntity {
			t.Fatalf("bad vendor: %d", status)
		}
		for _, want := range []string{"名前を入力してください。", "URL は http:// または https:// で始めてください。", "担当者の名前を入力してください。", `value="営業"`} {
			if !strings.Contains(body, want) {
				t.Errorf("bad vendor page lacks %q", want)
			}
		}
		if got := registerCounts(t, db); got != [3]int{} {
			t.Fatalf("a refused form wrote something: %v", got)
		}
		vid := c.mustSeeOther(t, "/vendors", url.Values{"name": {"保守ベンダー株式会社"}, "phone": {"03-0000-0000"},
			"portal": {"https://support.example.com"}, "customer_no": {"C-1234"}, "how_to_open": {"電話で受付番号を伝える"},
			"contact_name": {"鈴木", "佐藤", ""}, "contact_role": {"SE", "営業", ""}, "contact_phone": {"", "090-0000-0000", ""},
			"contact_email": {"suzuki@example.com", "", ""}})
		v := mustVendor(t, h, ctx, vid)
		if len(v.Contacts) != 2 || v.Contacts[1].Phone != "090-0000-0000" || v.CustomerNo != "C-1234" {
			t.Fatalf("vendor stored as %+v", v)
		}
		// Remove the first contact row on edit.
		form := vendorFormValues(v)
		form.Set("contact_remove", "0")
		c.mustSeeOther(t, "/vendors/"+vid, form)
		if v = mustVendor(t, h, ctx, vid); len(v.Contacts) != 1 || v.Contacts[0].Name != "佐藤" {
			t.Fatalf("contact not removed: %+v", v.Contacts)
		}

		// Systems: a refusal, then two systems, one depending on the other.
		status, _, body = c.post("/systems", url.Values{"name": {""}, "owner": {"user:x"}, "kind": {"firewall"}, "criticality": {"high"}})
		if status != http.StatusUnprocessableEntity || !strings.Contains(body, "担当者を一覧から選んでください。") || !strings.Contains(body, "名前を入力してください。") {
			t.Fatalf("bad system: %d %.300s", status, body)
		}
		status, _, body = c.post("/systems", url.Values{"name": {"UTM"}, "rel_kind": {"depends_on"}, "rel_to": {"999999"}})
		if status != http.StatusUnprocessableEntity || !strings.Contains(body, "見つかりません") {
			t.Fatalf("relation to nothing: %d %.300s", status, body)
		}
		if got := registerCounts(t, db); got != [3]int{0, 1, 0} {
			t.Fatalf("a refused system wrote something: %v", got)
		}
		utm := c.mustSeeOther(t, "/systems", url.Values{"name": {"UTM"}, "kind": {"firewall"}, "criticality": {"high"},
			"owner": {"user:" + itoa64(tech.ID)}, "vendor_id": {vid}})
		nas := c.mustSeeOther(t, "/systems", url.Values{"name": {"ファイルサーバー"}, "kind": {"fileserver"}, "criticality": {"medium"},
			"rel_kind": {"depends_on", "runs_on"}, "rel_to": {utm, ""}})
		sys := mustSystem(t, h, ctx, nas)
		if len(sys.Relations) != 1 || itoa64(sys.Relations[0].To) != utm || sys.Relations[0].Kind != hitori.RelDependsOn {
			t.Fatalf("relations stored as %+v", sys.Relations)
		}
		if edit := c.page(t, "/systems/"+utm+"/edit"); !strings.Contains(edit, `value="user:`+itoa64(tech.ID)+`" selected`) {
			t.Error("edit form does not show the owner")
		}

		// Contracts: refusals, then costs as typed in Japan.
		status, _, body = c.post("/contracts", url.Values{"title": {"UTM 保守"}, "vendor_id": {vid}, "starts_on": {"2026-04-01"},
			"ends_on": {"2026-03-31"}, "monthly_yen": {"一万円"}, "notice": {"三十"}})
		if status != http.StatusUnprocessableEntity {
			t.Fatalf("bad contract: %d", status)
		}
		for _, want := range []string{"満了日が開始日より前です。", "金額は 0 以上の整数（円）です。", "申し出期間は", `value="一万円"`} {
			if !strings.Contains(body, want) {
				t.Errorf("bad contract page lacks %q", want)
			}
		}
		if got := registerCounts(t, db); got[2] != 0 {
			t.Fatalf("a refused contract was written: %v", got)
		}
		if page := c.page(t, "/contracts/new?system="+utm); !strings.Contains(page, `value="`+utm+`" checked`) || !strings.Contains(page, `value="`+vid+`" selected`) {
			t.Error("/contracts/new?system= does not preselect the system and its vendor")
		}
		for _, tc := range []struct {
			monthly, annual string
			want            int64
		}{
			{"１２，８００", "¥128,000", 128000},
			{"", "128,000円", 128000},
			{"", "１２８０００", 128000},
			{"", "12.8万円", 128000},
		} {
			cid := c.mustSeeOther(t, "/contracts", url.Values{"title": {"UTM 保守契約"}, "vendor_id": {vid}, "starts_on": {"2026/4/1"},
				"ends_on": {"2027-03-31"}, "notice": {"３０"}, "notice_unit": {"days"}, "auto_renew": {"1"},
				"monthly_yen": {tc.monthly}, "annual_yen": {tc.annual}, "system_ids": {utm, nas}})
			got, err := h.FindContract(ctx, mustID(t, cid))
			if err != nil {
				t.Fatal(err)
			}
			if got.AnnualYen == nil || *got.AnnualYen != tc.want || len(got.SystemIDs) != 2 || got.StartsOn != "2026-04-01" {
				t.Errorf("%q: stored %+v", tc.annual, got)
			}
			if tc.monthly != "" && (got.MonthlyYen == nil || *got.MonthlyYen != 12800) {
				t.Errorf("monthly %q stored as %v", tc.monthly, got.MonthlyYen)
			}
			if view := c.page(t, "/contracts/"+cid+"?flash=saved"); !strings.Contains(view, "2027-03-01") || !strings.Contains(view, "保存しました。") {
				t.Errorf("contract page lacks the decision date or the flash")
			}
			if tc.monthly == "" {
				c.mustSeeOther(t, "/contracts/"+cid+"/delete", nil)
			}
		}
		_, list, _ := h.FindContracts(ctx, hitori.ContractFilter{})
		if list != 1 {
			t.Fatalf("%d contracts left, want 1", list)
		}

		// The vendor cannot go while the contract names it.
		if body := c.page(t, "/vendors/"+vid+"/delete"); !strings.Contains(body, `data-testid="delete-blocked"`) || strings.Contains(body, `data-testid="delete-confirm"`) {
			t.Error("delete page of a vendor with contracts offers deletion")
		}
		if status, _, body := c.post("/vendors/"+vid+"/delete", nil); status != http.StatusConflict || !strings.Contains(body, "契約が残っている業者は削除できません") {
			t.Errorf("delete vendor with contracts: %d", status)
		}

		// Systems go after a confirmation; the English form speaks English.
		if body := c.page(t, "/systems/"+nas+"/delete"); !strings.Contains(body, `data-testid="delete-confirm"`) {
			t.Error("no confirmation button")
		}
		c.mustSeeOther(t, "/systems/"+nas+"/delete", nil)
		if _, err := h.FindSystem(ctx, mustID(t, nas)); hitori.ErrorCode(err) != hitori.ENOTFOUND {
			t.Errorf("deleted system still there: %v", err)
		}
		c.post("/lang", url.Values{"lang": {"en"}})
		if status, _, body := c.post("/systems", url.Values{"name": {""}}); status != http.StatusUnprocessableEntity || !strings.Contains(body, "Enter a name") {
			t.Errorf("English refusal: %d %.300s", status, body)
		}
	})
}

func mustID(t *testing.T, s string) int64 {
	t.Helper()
	id, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		t.Fatalf("id %q: %v", s, err)
	}
	return id
}

func mustVendor(t *testing.T, h *sqlstore.Handover, ctx context.Context, id string) *hitori.Vendor {
	t.Helper()
	v, err := h.FindVendor(ctx, mustID(t, id))
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func mustSystem(t *testing.T, h *sqlstore.Handover, ctx context.Context, id string) *hitori.System {
	t.Helper()
	s, err := h.FindSystem(ctx, mustID(t, id))
	if err != nil {
		t.Fatal(err)
	}
	return s
}
