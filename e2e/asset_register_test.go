package e2e

import (
	"fmt"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestAssetRegisterLabelsAndStocktake follows issue 10's register in the
// real binary: the administrator enters three assets through the form,
// prints their QR labels (each label laid out at the sheet's size in mm,
// its QR code drawn by the page and decoded with zbarimg to the asset's
// own URL), then walks the office with a phone: starts a stocktake, opens
// the URL a label holds, confirms the asset in one tap, and watches the
// progress rise and the unseen list shrink — every page within the
// phone's width.
func TestAssetRegisterLabelsAndStocktake(t *testing.T) {
	zbarimg := zbarimgPath(t)
	data := t.TempDir()
	mustHitori(t, adminPassword+"\n", "user", "create", "--data", data, "--email", adminEmail, "--name", adminName, "--role", "admin")
	srv := startServer(t, data)
	b := newBrowserFor(t, 3*time.Minute)
	b.do("open the register", chromedp.Navigate(srv.URL+"/assets"), chromedp.WaitVisible(byTestID("login-form")))
	signIn(b, adminEmail, adminPassword)
	b.do("see the empty register", chromedp.Navigate(srv.URL+"/assets"), chromedp.WaitVisible(byTestID("asset-empty")))

	assets := []struct{ number, maker, model, serial, location string }{
		{"PC-001", "富士通", "LIFEBOOK U9413", "R3X00001", "本社3F 総務"},
		{"PC-002", "Lenovo", "ThinkPad X1 Carbon", "PF3ABCDE", "本社3F 営業"},
		{"PR-001", "キヤノン", "imageRUNNER C3226", "XKZ01234", "本社2F 複合機前"},
	}
	for _, a := range assets {
		b.do("enter "+a.number,
			chromedp.Navigate(srv.URL+"/assets/new"),
			chromedp.WaitVisible(byTestID("asset-form")),
			chromedp.SendKeys(byTestID("asset-number"), a.number),
			chromedp.SendKeys(byTestID("asset-maker"), a.maker),
			chromedp.SendKeys(byTestID("asset-model"), a.model),
			chromedp.SendKeys(byTestID("asset-serial"), a.serial),
			chromedp.SendKeys(byTestID("asset-location"), a.location),
			chromedp.Click(byTestID("asset-save")),
			chromedp.WaitVisible(byTestID("asset-history")),
		)
		wantText(t, b, `[data-testid="asset-number-value"]`, a.number)
	}

	b.do("pick every asset for labels",
		chromedp.Navigate(srv.URL+"/assets"),
		chromedp.WaitVisible(byTestID("asset-list")),
	)
	if n := eval[int](b, "count rows", `document.querySelectorAll('[data-testid="asset-row"]').length`); n != len(assets) {
		t.Fatalf("register lists %d assets, want %d", n, len(assets))
	}
	eval[int](b, "tick every asset", `(() => { const c = document.querySelectorAll('[data-testid="asset-pick"]'); c.forEach(x => x.checked = true); return c.length })()`)
	b.do("print their labels",
		chromedp.Click(byTestID("asset-print-labels")),
		chromedp.WaitVisible(byTestID("label-sheet")),
	)
	if n := eval[int](b, "count labels", `document.querySelectorAll('[data-testid="label"] img.asset-qr').length`); n != len(assets) {
		t.Fatalf("%d labels with a QR code, want %d", n, len(assets))
	}
	// A-one 72212: 86.4 × 42.3 mm labels; CSS has 96 px to 25.4 mm.
	size := eval[struct{ W, H float64 }](b, "measure a label", `(() => {
		const r = document.querySelector('[data-testid="label"]').getBoundingClientRect();
		return {W: r.width, H: r.height};
	})()`)
	if px := func(mm float64) float64 { return mm * 96 / 25.4 }; math.Abs(size.W-px(86.4)) > 1 || math.Abs(size.H-px(42.3)) > 1 {
		t.Errorf("label is %.1f × %.1f px, want 86.4 × 42.3 mm (%.1f × %.1f px)", size.W, size.H, px(86.4), px(42.3))
	}
	b.screenshot("asset-labels")
	first := eval[string](b, "read the first label's URL", `document.querySelector('[data-testid="label"]').dataset.url`)
	if !strings.HasPrefix(first, srv.URL+"/assets/") {
		t.Fatalf("label URL %q is not an asset page of %s", first, srv.URL)
	}
	if got := scanQR(t, b, zbarimg, `[data-testid="label"] img.asset-qr`); got != first {
		t.Fatalf("the label's QR code holds %q, want %q", got, first)
	}
	wantContains(t, b, `[data-testid="label"]`, "PC-001")
	wantContains(t, b, `[data-testid="label"]`, "LIFEBOOK U9413")

	// The stocktake, on a phone.
	b.do("open the stocktake on a phone",
		chromedp.EmulateViewport(phoneWidth, phoneHeight, chromedp.EmulatePortrait, chromedp.EmulateMobile),
		chromedp.Navigate(srv.URL+"/assets/stocktake"),
		chromedp.WaitVisible(byTestID("stocktake-start")),
	)
	fitsPhone(t, b, "stocktake (none open)")
	b.do("start a round", chromedp.Click(byTestID("stocktake-start")), chromedp.WaitVisible(byTestID("stocktake-round")))
	progress := func(seen, unseen int) {
		t.Helper()
		wantText(t, b, `[data-testid="stocktake-seen-count"]`, fmt.Sprint(seen))
		wantText(t, b, `[data-testid="stocktake-total"]`, fmt.Sprint(len(assets)))
		if n := eval[int](b, "count unseen", `document.querySelectorAll('[data-testid="stocktake-unseen-item"]').length`); n != unseen {
			t.Errorf("%d assets listed unseen, want %d", n, unseen)
		}
	}
	progress(0, 3)
	fitsPhone(t, b, "stocktake (started)")

	// The phone's camera app opens the URL the label holds.
	b.do("open the scanned label's URL", chromedp.Navigate(first), chromedp.WaitVisible(byTestID("stocktake-confirm")))
	wantText(t, b, `[data-testid="stocktake-progress"]`, "0 / 3")
	fitsPhone(t, b, "asset page in a stocktake")
	b.screenshot("asset-stocktake-phone")
	b.do("confirm in one tap", chromedp.Click(byTestID("stocktake-confirm")), chromedp.WaitVisible(byTestID("stocktake-seen")))
	wantText(t, b, `[data-testid="stocktake-progress"]`, "1 / 3")
	if kind := eval[string](b, "read the latest history entry", `document.querySelector('[data-testid="asset-event"]').dataset.kind`); kind != "stocktake" {
		t.Errorf("latest history entry is %q, want stocktake", kind)
	}

	b.do("see the progress", chromedp.Navigate(srv.URL+"/assets/stocktake"), chromedp.WaitVisible(byTestID("stocktake-round")))
	progress(1, 2)
	if unseen := b.text(`[data-testid="stocktake-unseen"]`); strings.Contains(unseen, "PC-001") || !strings.Contains(unseen, "PR-001") {
		t.Errorf("unseen list after confirming PC-001: %q", unseen)
	}
	fitsPhone(t, b, "stocktake (one seen)")
	b.screenshot("asset-stocktake-progress-phone")

	b.do("the register on a phone", chromedp.Navigate(srv.URL+"/assets"), chromedp.WaitVisible(byTestID("asset-list")))
	fitsPhone(t, b, "asset list")
	b.do("an asset's edit form on a phone", chromedp.Navigate(first+"/edit"), chromedp.WaitVisible(byTestID("asset-form")))
	fitsPhone(t, b, "asset form")
}
