package e2e

import (
	"bytes"
	"context"
	"encoding/base64"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/pquerna/otp"
	"github.com/pquerna/otp/totp"

	"hitori/sqlstore/storetest"
)

// walkthroughTimeout bounds the walk-through's browser: a dozen pages in
// two roles, on a loaded machine, take longer than browserTimeout.
const walkthroughTimeout = 3 * time.Minute

// TestWalkthroughNewUser follows a new install from nothing to a first
// answered inquiry, as issue 9 asks: the real binary on a fresh data
// folder; first-run setup in the browser; two-factor enrolment by scanning
// the QR code the page really renders (decoded with zbarimg, as a phone
// would, not read from the text beside it); signing in again with a code
// typed in full-width digits, as a Japanese IME leaves them; the
// administrator adding a colleague; the colleague, on a phone, opening an
// inquiry with a long Japanese text and a screenshot; the administrator
// replying at a desk; the colleague reading the reply, fetching the
// screenshot back and closing the inquiry; the administrator seeing it
// resolved.
//
// The administrator and the colleague use a Chromium each — two devices
// with their own cookies and screen sizes (one Chromium's second browser
// context hung on viewport emulation while in the background) — so the
// administrator, once signed in with a second factor, stays signed in: a
// TOTP code is good once, and signing in again would mean waiting for the
// authenticator's next one.
func TestWalkthroughNewUser(t *testing.T) {
	zbarimg := zbarimgPath(t)
	srv := startServer(t, t.TempDir())
	admin := newBrowserFor(t, walkthroughTimeout)

	// First run: the setup page is the only way in.
	admin.do("open the new install",
		chromedp.Navigate(srv.URL+"/"),
		chromedp.WaitVisible(byTestID("setup-form")),
	)
	completeSetup(admin)
	wantContains(t, admin, "h1", adminName)

	// Two-factor enrolment from the account page, scanning the QR code.
	admin.do("open two-factor setup",
		chromedp.Navigate(srv.URL+"/account"),
		chromedp.Click(`a[href="/account/2fa"]`),
		chromedp.WaitVisible(`img.qr`),
	)
	uri := scanQR(t, admin, zbarimg, `img.qr`)
	key, err := otp.NewKeyFromURL(uri)
	if err != nil {
		t.Fatalf("the QR code holds %q, not an otpauth:// key: %v", uri, err)
	}
	if key.Type() != "totp" || key.Issuer() != "hitori" || key.AccountName() != adminEmail {
		t.Errorf("QR key: type %q issuer %q account %q; want totp, hitori, %s", key.Type(), key.Issuer(), key.AccountName(), adminEmail)
	}
	if shown := admin.text(`[data-testid="totp-secret"]`); !strings.EqualFold(shown, key.Secret()) {
		t.Errorf("the secret shown for typing (%q) is not the one in the QR code (%q)", shown, key.Secret())
	}
	now := time.Now()
	code := authenticatorCode(t, key, now)
	admin.do("confirm enrolment with the password and the code as the app shows it",
		chromedp.SendKeys(`form[action="/account/2fa"] input[name="current"]`, adminPassword),
		// Authenticator apps show "123 456"; people type what they see.
		chromedp.SendKeys(`form[action="/account/2fa"] input[name="code"]`, code[:3]+" "+code[3:]),
		chromedp.Click(`form[action="/account/2fa"] button[type="submit"]`),
		chromedp.WaitVisible(byTestID("recovery-codes")),
	)
	if n := eval[int](admin, "count recovery codes", `document.querySelectorAll('[data-testid="recovery-codes"] li').length`); n < 5 {
		t.Errorf("%d recovery codes after enrolment, want several", n)
	}
	admin.screenshot("recovery-codes")

	// Signing in again now takes the password and a code. A code is good
	// once, and the one just used stays current for up to 30 s: the app's
	// next code is taken instead, which the server accepts as from a phone
	// whose clock runs one step ahead.
	signOut(admin)
	admin.do("sign in with the password",
		chromedp.SendKeys(byTestID("login-form", `input[name="email"]`), adminEmail),
		chromedp.SendKeys(byTestID("login-form", `input[name="password"]`), adminPassword),
		chromedp.Click(byTestID("login-form", `button[type="submit"]`)),
		chromedp.WaitVisible(`form[action="/login/2fa"]`),
	)
	wantText(t, admin, "h1", "二要素認証")
	next := authenticatorCode(t, key, now.Add(time.Duration(key.Period())*time.Second))
	admin.do("type the next code in full-width digits",
		chromedp.SendKeys(`form[action="/login/2fa"] input[name="code"]`, fullWidthDigits(next)),
		chromedp.Click(`form[action="/login/2fa"] button[type="submit"]`),
		chromedp.WaitVisible(byTestID("account-link")),
	)
	wantContains(t, admin, "h1", adminName)

	// The administrator adds the colleague.
	admin.do("create the colleague's account",
		chromedp.Navigate(srv.URL+"/admin/users"),
		chromedp.WaitVisible(byTestID("user-create")),
		chromedp.SendKeys(byTestID("user-create", `input[name="email"]`), colleagueEmail),
		chromedp.SendKeys(byTestID("user-create", `input[name="name"]`), colleagueName),
		chromedp.SetValue(byTestID("user-create", `select[name="role"]`), "requester"),
		chromedp.SendKeys(byTestID("user-create", `input[name="password"]`), colleaguePassword),
		// The form posts back to the same page: mark this copy of it, to
		// wait for the next.
		chromedp.Evaluate[chromedp.Void](`document.body.dataset.sent = "1"`),
		chromedp.Click(byTestID("user-create", `button[type="submit"]`)),
		chromedp.WaitVisible(`body:not([data-sent]) table.list`),
	)
	if row := eval[string](admin, "read the colleague's row", fmt.Sprintf(`[...document.querySelectorAll("table.list tr")].find(r => r.innerText.includes(%q))?.innerText ?? ""`, colleagueEmail)); !strings.Contains(row, colleagueName) || !strings.Contains(row, "依頼者") {
		t.Fatalf("the user list shows %q for the colleague; want the name and 依頼者", row)
	}

	// The colleague, on a phone of their own.
	phone := newBrowserFor(t, walkthroughTimeout)
	phone.do("open hitori on a phone",
		chromedp.EmulateViewport(phoneWidth, phoneHeight, chromedp.EmulatePortrait, chromedp.EmulateMobile, chromedp.EmulateTouch),
		chromedp.Navigate(srv.URL+"/"),
		chromedp.WaitVisible(byTestID("login-form")),
	)
	fitsPhone(t, phone, "login")
	signIn(phone, colleagueEmail, colleaguePassword)
	if got := pagePath(phone); got != "/portal" {
		t.Fatalf("the colleague's home is %s, want /portal", got)
	}
	fitsPhone(t, phone, "portal (empty)")

	shot, shotBytes := writeScreenshotPNG(t)
	title := "経理部の共有フォルダ（\\\\fileserver\\経理\\2026年度\\月次決算資料）に今朝からアクセスできず月次決算の締め作業が止まっています"
	body := "今朝9時ごろから、経理部の共有フォルダを開こうとすると「アクセスが拒否されました」と表示されます。\n" +
		"昨日の夕方までは問題なく開けていました。同じ部署の田中さんも同じ症状です。\n" +
		"エラー画面のスクリーンショットを添付します。月次決算の締めが本日17時なので、至急確認をお願いできますでしょうか。"
	phone.do("write the inquiry with a screenshot",
		chromedp.Tap(byTestID("portal-new")),
		chromedp.WaitVisible(byTestID("portal-form")),
		chromedp.SendKeys(byTestID("portal-title"), title),
		chromedp.SendKeys(byTestID("portal-body"), body),
		chromedp.SetUploadFiles(byTestID("portal-files-input"), []string{shot}),
	)
	fitsPhone(t, phone, "new inquiry")
	phone.do("send it",
		chromedp.Tap(byTestID("portal-submit")),
		chromedp.WaitVisible(byTestID("portal-thread")),
	)
	wantText(t, phone, "h1", title)
	wantText(t, phone, `[data-testid="portal-item-status"]`, "新規")
	wantContains(t, phone, `[data-testid="portal-thread"]`, "月次決算の締めが本日17時なので")
	wantContains(t, phone, `[data-testid="portal-files"]`, filepath.Base(shot))
	fitsPhone(t, phone, "my inquiry")
	phone.screenshot("inquiry-phone")
	itemPath := eval[string](phone, "read the item's address", `location.pathname`)
	id := strings.TrimPrefix(itemPath, "/portal/items/")

	// The administrator, at a desk, sees the inquiry with its screenshot and answers.
	reply := "フォルダのアクセス権が昨夜の更新で外れていました。付け直しましたので、もう一度開いてみてください。"
	admin.do("open the colleague's inquiry",
		chromedp.Navigate(srv.URL+"/work/items/"+id),
		chromedp.WaitVisible(byTestID("reply-form")),
	)
	wantContains(t, admin, "h1", title)
	wantContains(t, admin, `[data-testid="item-files"]`, filepath.Base(shot))
	wantText(t, admin, `[data-testid="item-status"]`, "新規")
	admin.do("reply",
		chromedp.SendKeys(byTestID("reply-body"), reply),
		chromedp.Click(byTestID("reply-send")),
		chromedp.WaitVisible(byTestID("event-reply")),
	)
	wantContains(t, admin, `[data-testid="event-reply"]`, reply)

	// The colleague finds the reply, gets the screenshot back and closes the inquiry.
	phone.do("see the new reply in my list",
		chromedp.Navigate(srv.URL+"/portal"),
		chromedp.WaitVisible(byTestID("portal-unread")),
	)
	fitsPhone(t, phone, "portal list with a reply")
	phone.do("open the inquiry",
		chromedp.Tap(byTestID("portal-item")),
		chromedp.WaitVisible(byTestID("portal-reply")),
	)
	wantContains(t, phone, `[data-testid="portal-reply"]`, reply)
	fitsPhone(t, phone, "inquiry with a reply")
	got := download(t, phone, `[data-testid="portal-files"] a[download]`)
	if got.Status != 200 || !bytes.Equal(got.bytes(t), shotBytes) {
		t.Errorf("downloading the screenshot: status %d, %d bytes (%s); want 200 and the %d bytes sent", got.Status, len(got.bytes(t)), got.Type, len(shotBytes))
	}
	confirmed := acceptDialogs(phone)
	phone.do("close it as solved",
		chromedp.Tap(byTestID("portal-resolve")),
		chromedp.WaitNotPresent(byTestID("portal-resolve")),
	)
	if msgs := confirmed(); len(msgs) != 1 || msgs[0] != "この問い合わせを解決済みにしますか？" {
		t.Errorf("confirmation dialogs before closing: %q; want one asking to mark it solved", msgs)
	}
	wantText(t, phone, `[data-testid="portal-item-status"]`, "解決済み")
	fitsPhone(t, phone, "solved inquiry")
	phone.screenshot("solved-phone")

	admin.do("see it solved", chromedp.Reload(), chromedp.WaitVisible(byTestID("item-status")))
	wantText(t, admin, `[data-testid="item-status"]`, "解決済み")
	admin.screenshot("item-solved-desktop")
}

// zbarimgPath finds Debian's QR decoder (package zbar-tools), or skips the
// test (fails under HITORI_TEST_REQUIRE_ALL=1) when it is not installed.
func zbarimgPath(t *testing.T) string {
	t.Helper()
	p, err := exec.LookPath("zbarimg")
	if err != nil {
		storetest.Skip(t, "the walk-through decodes the two-factor QR code with zbarimg (apt-get install zbar-tools)")
	}
	return p
}

// scanQR photographs the element as the browser drew it — the screen
// around it included, as a phone camera sees it — and decodes it with
// zbarimg, returning the text of the one QR code in it. A broken or blank
// image fails here, as it would on a phone.
func scanQR(t *testing.T, b *browser, zbarimg, sel string) string {
	t.Helper()
	if w := eval[int](b, "check the image loaded", fmt.Sprintf(`document.querySelector(%q).naturalWidth`, sel)); w == 0 {
		b.fatal("show the QR code", fmt.Errorf("%s did not load (naturalWidth 0)", sel))
	}
	b.do("bring the QR code into view", chromedp.ScrollIntoView(sel))
	// The viewport's pixels, cropped here. An element screenshot captures
	// beyond the viewport, which lays the page out again without its
	// scrollbar: the centred page moved half a scrollbar sideways and the
	// clip cut the code's edge off.
	box := eval[struct{ X, Y, W, H, Scale float64 }](b, "measure the QR code", fmt.Sprintf(`(() => {
		const r = document.querySelector(%q).getBoundingClientRect();
		return {X: r.x, Y: r.y, W: r.width, H: r.height, Scale: devicePixelRatio};
	})()`, sel))
	ctx, cancel := context.WithTimeout(b.ctx, stepTimeout)
	defer cancel()
	shot, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	if err != nil {
		b.fatal("photograph the QR code", err)
	}
	screen, err := png.Decode(bytes.NewReader(shot))
	if err != nil {
		t.Fatalf("viewport screenshot: %v", err)
	}
	const margin = 24 // CSS pixels of the page around the code
	px := func(v float64) int { return int(v * box.Scale) }
	crop := image.Rect(px(box.X-margin), px(box.Y-margin), px(box.X+box.W+margin), px(box.Y+box.H+margin)).Intersect(screen.Bounds())
	photo := image.NewRGBA(crop)
	draw.Draw(photo, crop, screen, crop.Min, draw.Src)
	var buf bytes.Buffer
	if err := png.Encode(&buf, photo); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "qr.png")
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	saved := saveArtifact(t, "qr.png", buf.Bytes())
	out, err := exec.Command(zbarimg, "--quiet", "--raw", "-Sdisable", "-Sqrcode.enable", path).Output()
	if err != nil {
		t.Fatalf("zbarimg found no QR code in the rendered image %s: %v", saved, err)
	}
	text := strings.TrimSpace(string(out))
	if strings.Contains(text, "\n") {
		t.Fatalf("zbarimg found more than one code: %q", text)
	}
	return text
}

// authenticatorCode computes the code an authenticator app shows at when
// for key, with the period, digits and algorithm the QR code gave it.
func authenticatorCode(t *testing.T, key *otp.Key, when time.Time) string {
	t.Helper()
	code, err := totp.GenerateCodeCustom(key.Secret(), when, totp.ValidateOpts{
		Period: uint(key.Period()), Digits: key.Digits(), Algorithm: key.Algorithm(),
	})
	if err != nil {
		t.Fatalf("TOTP code from %s: %v", key.URL(), err)
	}
	return code
}

// fullWidthDigits turns 0–9 into ０–９, as a Japanese IME left in
// full-width mode types them.
func fullWidthDigits(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return r - '0' + '０'
		}
		return r
	}, s)
}

// acceptDialogs answers OK to every confirm() the page opens from now on,
// and returns a function listing their messages so far.
func acceptDialogs(b *browser) func() []string {
	var mu sync.Mutex
	var msgs []string
	ctx, cancel := context.WithCancel(b.ctx)
	b.t.Cleanup(cancel)
	dialogs := chromedp.Events(ctx, page.JavascriptDialogOpening)
	go func() {
		for ev, err := range dialogs {
			if err != nil {
				return
			}
			mu.Lock()
			msgs = append(msgs, ev.Message)
			mu.Unlock()
			if _, err := chromedp.Call(ctx, page.HandleJavaScriptDialog, page.HandleJavaScriptDialogParams{Accept: true}); err != nil {
				return
			}
		}
	}()
	return func() []string {
		mu.Lock()
		defer mu.Unlock()
		return append([]string(nil), msgs...)
	}
}

// fetched is what download returns: the answer to a link, fetched by the
// page with its own cookies.
type fetched struct {
	Status int    `json:"status"`
	Type   string `json:"type"`
	Base64 string `json:"base64"`
}

func (f fetched) bytes(t *testing.T) []byte {
	t.Helper()
	b, err := base64.StdEncoding.DecodeString(f.Base64)
	if err != nil {
		t.Fatalf("download: %v", err)
	}
	return b
}

// download fetches the href of the first link matching sel from inside the
// page, as following the link would.
func download(t *testing.T, b *browser, sel string) fetched {
	t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, stepTimeout)
	defer cancel()
	got, err := chromedp.Run(ctx, chromedp.Evaluate[fetched](fmt.Sprintf(`(async () => {
		const r = await fetch(document.querySelector(%q).href);
		const bytes = new Uint8Array(await r.arrayBuffer());
		let bin = "";
		for (const c of bytes) bin += String.fromCharCode(c);
		return {status: r.status, type: r.headers.get("content-type") ?? "", base64: btoa(bin)};
	})()`, sel), chromedp.EvalAwaitPromise))
	if err != nil {
		b.fatal("download "+sel, err)
	}
	return got
}

// writeScreenshotPNG makes a small PNG, standing in for a photo of an
// error message, and returns its path and bytes.
func writeScreenshotPNG(t *testing.T) (string, []byte) {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 64, 48))
	for y := range 48 {
		for x := range 64 {
			img.Set(x, y, color.RGBA{R: uint8(x * 4), G: uint8(y * 5), B: 200, A: 255})
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "エラー画面.png")
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return path, buf.Bytes()
}
