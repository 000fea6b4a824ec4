package e2e

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestLicensePagesOnPhone adds a license on a phone, with a field error
// first, and checks every license page fits the screen: the empty list,
// the form with errors, the list with its flags, the key, the delete
// confirmation, the expiry list and the alert steps.
func TestLicensePagesOnPhone(t *testing.T) {
	srv := startServer(t, t.TempDir())
	b := newBrowser(t)
	b.do("open hitori on a phone",
		chromedp.EmulateViewport(phoneWidth, phoneHeight, chromedp.EmulatePortrait, chromedp.EmulateMobile),
		chromedp.Navigate(srv.URL+"/"), chromedp.WaitVisible(byTestID("setup-form")))
	completeSetup(b)

	b.do("open the empty license list", chromedp.Navigate(srv.URL+"/licenses"), chromedp.WaitVisible(byTestID("license-empty")))
	fitsPhone(t, b, "/licenses empty")
	form := func(sel string) string { return byTestIDString("license-form", sel) }
	b.do("submit a license with a bad seat count",
		chromedp.Click(byTestID("license-new")), chromedp.WaitVisible(byTestID("license-form")),
		chromedp.SendKeys(form(`input[name="title"]`), "Microsoft 365 Business Standard (サブスクリプション・年額・長い名前の例)"),
		chromedp.SetValue(form(`select[name="kind"]`), "subscription"),
		chromedp.SetValue(form(`select[name="period"]`), "yearly"),
		chromedp.SendKeys(form(`input[name="seats"]`), "十"),
		chromedp.SendKeys(form(`input[name="cost_yen"]`), "¥187,440"),
		chromedp.SendKeys(form(`textarea[name="license_key"]`), "ABCDE-FGHIJ-KLMNO-PQRST-UVWXY-0123456789-ABCDEFGHIJKLMNOPQRSTUVWXYZ"),
		chromedp.Click(byTestID("license-save")), chromedp.WaitVisible(`.fielderror`))
	fitsPhone(t, b, "license form with errors")
	b.do("fix the seats and save",
		chromedp.SetValue(form(`input[name="seats"]`), "25"),
		chromedp.SendKeys(form(`textarea[name="license_key"]`), "ABCDE-FGHIJ-KLMNO-PQRST-UVWXY-0123456789-ABCDEFGHIJKLMNOPQRSTUVWXYZ"),
		chromedp.Click(byTestID("license-save")), chromedp.WaitVisible(byTestID("license-show-key")))
	fitsPhone(t, b, "license page")
	b.do("show the key", chromedp.Click(byTestID("license-show-key")), chromedp.WaitVisible(byTestID("license-key")))
	if got := b.text(`[data-testid="license-key"]`); !strings.HasPrefix(got, "ABCDE-FGHIJ") {
		t.Errorf("key shown as %q", got)
	}
	fitsPhone(t, b, "license key")
	b.do("open the list", chromedp.Navigate(srv.URL+"/licenses"), chromedp.WaitVisible(byTestID("license-table")))
	fitsPhone(t, b, "/licenses")
	b.screenshot("licenses-phone")
	for _, pg := range []struct{ path, first string }{{"/licenses/expiring", "expiry-empty"}, {"/licenses/settings", "alert-settings"}} {
		b.do("open "+pg.path, chromedp.Navigate(srv.URL+pg.path), chromedp.WaitVisible(byTestID(pg.first)))
		fitsPhone(t, b, pg.path)
	}
	b.do("delete the license",
		chromedp.Navigate(srv.URL+"/licenses"), chromedp.WaitVisible(byTestID("license-table")),
		chromedp.Click(`[data-testid="license-table"] td a`), chromedp.WaitVisible(byTestID("license-delete")),
		chromedp.Click(byTestID("license-delete")), chromedp.WaitVisible(byTestID("license-delete-confirm")))
	fitsPhone(t, b, "delete confirmation")
	b.do("confirm", chromedp.Click(byTestID("license-delete-confirm")), chromedp.WaitVisible(byTestID("license-empty")))
}

// byTestIDString is byTestID as a selector string, for actions taking one.
func byTestIDString(id, within string) string { return string(byTestID(id, within)) }
