package e2e

import (
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestHandoverRegisterForms builds a first register on a phone through the
// forms, as the one IT person would on the day they start writing things
// down: a vendor with two named contacts (the second row added with the
// form's own button), a system owned by the administrator and supported by
// that vendor, and — from the system's page — a contract whose notice
// period and annual cost are typed in full-width digits, as a Japanese IME
// leaves them. The contract's page shows the decision date (end − notice)
// and the readiness score rises with each step. Every form must fit a
// 390 px screen.
func TestHandoverRegisterForms(t *testing.T) {
	srv := startServer(t, t.TempDir())
	b := newBrowser(t)
	b.do("open hitori on a phone",
		chromedp.EmulateViewport(phoneWidth, phoneHeight, chromedp.EmulatePortrait, chromedp.EmulateMobile),
		chromedp.Navigate(srv.URL+"/"), chromedp.WaitVisible(byTestID("setup-form")))
	completeSetup(b)
	score := func(step string) int {
		b.do(step, chromedp.Navigate(srv.URL+"/readiness"), chromedp.WaitVisible(byTestID("readiness-score")))
		text := b.text(`[data-testid="readiness-score"]`)
		n, err := strconv.Atoi(strings.Fields(text)[0])
		if err != nil {
			t.Fatalf("%s: score %q", step, text)
		}
		return n
	}
	start := score("read the empty score")

	in := func(form, sel string) string { return byTestIDString(form, sel) }
	b.do("open the vendor form", chromedp.Navigate(srv.URL+"/vendors"), chromedp.WaitVisible(byTestID("vendor-new")),
		chromedp.Click(byTestID("vendor-new")), chromedp.WaitVisible(byTestID("vendor-form")))
	fitsPhone(t, b, "/vendors/new")
	b.do("type the vendor and its first contact, then ask for another row",
		chromedp.SendKeys(in("vendor-form", `input[name="name"]`), "株式会社サンプルネットワークサービス"),
		chromedp.SendKeys(in("vendor-form", `input[name="phone"]`), "0120-000-000"),
		chromedp.SendKeys(in("vendor-form", `textarea[name="how_to_open"]`), "電話で顧客番号 C-1234 を伝える"),
		chromedp.SendKeys(in("vendor-form", `input[name="contact_name"]`), "鈴木 一郎"),
		chromedp.SendKeys(in("vendor-form", `input[name="contact_role"]`), "担当 SE"),
		chromedp.Click(byTestID("contact-add")),
		chromedp.WaitVisible(`[data-testid="vendor-contacts"] .row:nth-of-type(3) input[name="contact_name"]`))
	b.do("fill the new row and save",
		chromedp.SendKeys(`[data-testid="vendor-contacts"] .row:nth-of-type(3) input[name="contact_name"]`, "佐藤 花子"),
		chromedp.Click(byTestID("vendor-save")), chromedp.WaitVisible(byTestID("vendor-edit")))
	vendorID := strings.TrimPrefix(pagePath(b), "/vendors/")
	if body := b.text("main"); !strings.Contains(body, "鈴木 一郎") || !strings.Contains(body, "佐藤 花子") {
		t.Fatalf("vendor card lacks its contacts: %.400s", body)
	}
	fitsPhone(t, b, "vendor card")

	b.do("open the system form", chromedp.Navigate(srv.URL+"/systems/new"), chromedp.WaitVisible(byTestID("system-form")))
	fitsPhone(t, b, "/systems/new")
	owner := eval[string](b, "pick the administrator as owner", `(() => {
		const s = document.querySelector('[data-testid="system-form"] select[name="owner"]');
		const o = [...s.options].find(o => o.value.startsWith("user:"));
		return o ? o.value : "";
	})()`)
	if owner == "" {
		t.Fatal("the owner picker offers no user")
	}
	b.do("register the UTM",
		chromedp.SendKeys(in("system-form", `input[name="name"]`), "UTM（本社）"),
		chromedp.SetValue(in("system-form", `select[name="kind"]`), "firewall"),
		chromedp.SetValue(in("system-form", `select[name="criticality"]`), "high"),
		chromedp.SetValue(in("system-form", `select[name="owner"]`), owner),
		chromedp.SetValue(in("system-form", `select[name="vendor_id"]`), vendorID),
		chromedp.Click(byTestID("system-save")), chromedp.WaitVisible(byTestID("system-edit")))
	fitsPhone(t, b, "system page")
	systemPath := pagePath(b)
	b.do("open the system's links", chromedp.Navigate(srv.URL+systemPath+"/edit?link_kind=vault#links"),
		chromedp.WaitVisible(byTestID("system-links")))
	fitsPhone(t, b, "system edit page with the link picker")
	withSystem := score("read the score with a system")
	if withSystem <= start {
		t.Errorf("score %d after registering a system with owner and vendor, was %d", withSystem, start)
	}

	b.do("open the contract form from the system's page", chromedp.Navigate(srv.URL+systemPath),
		chromedp.WaitVisible(byTestID("system-contract-new")), chromedp.Click(byTestID("system-contract-new")),
		chromedp.WaitVisible(byTestID("contract-form")))
	fitsPhone(t, b, "/contracts/new")
	if got := eval[string](b, "read the preselected vendor", `document.querySelector('[data-testid="contract-form"] select[name="vendor_id"]').value`); got != vendorID {
		t.Errorf("vendor preselected as %q, want %q", got, vendorID)
	}
	b.do("type the contract with full-width digits",
		chromedp.SendKeys(in("contract-form", `input[name="title"]`), "UTM 保守契約"),
		chromedp.SetValue(in("contract-form", `input[name="starts_on"]`), "2026-04-01"),
		chromedp.SetValue(in("contract-form", `input[name="ends_on"]`), "2027-03-31"),
		chromedp.SendKeys(in("contract-form", `input[name="notice"]`), "３０"),
		chromedp.SendKeys(in("contract-form", `input[name="annual_yen"]`), "１２８，０００"),
		chromedp.SendKeys(in("contract-form", `input[name="monthly_yen"]`), "¥10,667"),
		chromedp.Click(byTestID("contract-save")), chromedp.WaitVisible(byTestID("decision-on")))
	if got := b.text(`[data-testid="decision-on"]`); got != "2027-03-01" {
		t.Errorf("decision date shown as %q, want 2027-03-01", got)
	}
	if body := b.text("main"); !strings.Contains(body, "128,000") || !strings.Contains(body, "10,667") {
		t.Errorf("contract page lacks the costs: %.400s", body)
	}
	fitsPhone(t, b, "contract page")
	if withContract := score("read the score with a contract"); withContract <= withSystem {
		t.Errorf("score %d after adding a contract, was %d", withContract, withSystem)
	}
	b.screenshot("handover-contract-phone")
}
