package e2e

import (
	"fmt"
	"testing"

	"github.com/chromedp/chromedp"
)

// Phone is the size of the phones hitori's users carry (iPhone 12 to 16,
// most recent Android phones are as wide or wider).
const phoneWidth, phoneHeight = 390, 844

// TestMobileLayout checks that the pages an administrator meets first fit a
// phone screen: no page may scroll sideways, the usual way a fixed-width
// table or a long unbroken string breaks a mobile layout.
func TestMobileLayout(t *testing.T) {
	srv := startServer(t, t.TempDir())
	b := newBrowser(t)
	b.do("open the setup page on a phone",
		// Mobile emulation lays pages out 980 px wide unless they carry a
		// viewport meta tag, so this also checks that tag.
		chromedp.EmulateViewport(phoneWidth, phoneHeight, chromedp.EmulatePortrait, chromedp.EmulateMobile),
		chromedp.Navigate(srv.URL+"/"),
		chromedp.WaitVisible(byTestID("setup-form")),
	)
	fitsPhone(t, b, "setup")

	completeSetup(b)
	fitsPhone(t, b, "home")

	// The lists' side panels stay folded until used, so the list itself
	// (here: its empty message) is on the first screen.
	for _, pg := range []struct{ path, panel, first string }{
		{"/work/items", "saved-filters", "work-empty"},
		{"/kb", "kb-filters", "kb-empty"},
	} {
		b.do("open "+pg.path+" on a phone", chromedp.Navigate(srv.URL+pg.path), chromedp.WaitVisible(byTestID(pg.first)))
		fitsPhone(t, b, pg.path)
		if open := eval[bool](b, "read "+pg.panel, fmt.Sprintf(`document.querySelector('[data-testid="%s"]').open`, pg.panel)); open {
			t.Errorf("%s: %s panel unfolded on an unfiltered list", pg.path, pg.panel)
		}
		if top := eval[float64](b, "measure "+pg.first, fmt.Sprintf(`document.querySelector('[data-testid="%s"]').getBoundingClientRect().top`, pg.first)); top > phoneHeight {
			t.Errorf("%s: the list starts %.0f px down, below the first %d px screen", pg.path, top, phoneHeight)
		}
		b.do("unfold "+pg.panel, chromedp.Click(byTestID(pg.panel, "summary")), chromedp.WaitVisible(byTestID(pg.panel, "select, input[name=name]")))
		fitsPhone(t, b, pg.path+" unfolded")
	}
	b.screenshot("kb-filters-phone")

	b.do("sign out", chromedp.Click(byTestID("logout")), chromedp.WaitVisible(byTestID("login-form")))
	fitsPhone(t, b, "login")
	b.screenshot("login-phone")
}

// layout is what fitsPhone measures in the page.
type layout struct {
	ScrollWidth int      `json:"scrollWidth"`
	InnerWidth  int      `json:"innerWidth"`
	Wide        []string `json:"wide"` // elements reaching past the right edge, to name the culprit
}

// fitsPhone fails the test if the current page is wider than the phone.
func fitsPhone(t *testing.T, b *browser, page string) {
	t.Helper()
	got := eval[layout](b, "measure "+page, fmt.Sprintf(`(() => {
		const wide = [...document.querySelectorAll("body *")]
			.filter(e => e.getBoundingClientRect().right > %d + 0.5)
			.slice(0, 5)
			.map(e => e.tagName.toLowerCase() + (e.classList.length ? "." + [...e.classList].join(".") : ""));
		return {scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth, wide};
	})()`, phoneWidth))
	if got.InnerWidth != phoneWidth {
		// A phone zooms out to fit an over-wide page, and lays out a page
		// without a viewport meta tag 980 px wide: either way the layout
		// viewport stops being the screen.
		t.Errorf("%s: window.innerWidth = %d on a %d px phone: content wider than the screen (%v) or no viewport meta tag", page, got.InnerWidth, phoneWidth, got.Wide)
	}
	if got.ScrollWidth > got.InnerWidth {
		t.Errorf("%s scrolls sideways: scrollWidth %d > innerWidth %d; too wide: %v", page, got.ScrollWidth, got.InnerWidth, got.Wide)
	}
}
