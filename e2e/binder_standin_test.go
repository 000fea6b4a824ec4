package e2e

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestStandinOnPhone walks the absence mode in the browser on a phone: the
// administrator grants a stand-in one credential and reads the link shown
// once; signed out, the link signs the stand-in in to their own page with
// the runbooks, systems and vendor cards; the credential is revealed; any
// other page says there is no permission. Every page fits the phone.
func TestStandinOnPhone(t *testing.T) {
	data := t.TempDir()
	mustHitori(t, "admin-password-2026\n", "user", "create", "--data", data, "--email", "admin@example.com", "--name", "管理者", "--role", "admin")
	kbDir, err := filepath.Abs("../testdata/kb")
	if err != nil {
		t.Fatal(err)
	}
	mustHitori(t, "", "kb", "import", "--data", data, kbDir)
	seedRegister(t, data)
	token := strings.TrimSpace(mustHitori(t, "", "token", "create", "--data", data, "--email", "admin@example.com", "--name", "standin-e2e"))
	srv := startServer(t, data)
	apiSecret(t, srv.URL, token, map[string]string{"system": "NAS 管理画面", "username": "admin", "password": binderSecret})

	b := newBrowser(t)
	b.do("sign in on a phone",
		chromedp.EmulateViewport(phoneWidth, phoneHeight, chromedp.EmulatePortrait, chromedp.EmulateMobile),
		chromedp.Navigate(srv.URL+"/login"),
		chromedp.WaitVisible(byTestID("login-form")),
	)
	signIn(b, "admin@example.com", "admin-password-2026")
	b.do("grant a stand-in access with the NAS credential",
		chromedp.Navigate(srv.URL+"/admin/standins"),
		chromedp.WaitVisible(byTestID("standin-create")),
		chromedp.SendKeys(byTestID("standin-create", `input[name="name"]`), "山田 代理"),
		chromedp.SendKeys(byTestID("standin-create", `input[name="email"]`), "yamada@vendor.example"),
		chromedp.Click(byTestID("standin-create", `input[name="entries"]`)),
		chromedp.Click(byTestID("standin-create", `button[type="submit"]`)),
		chromedp.WaitVisible(byTestID("standin-link-url")),
	)
	fitsPhone(t, b, "/admin/standins")
	link := b.text(`[data-testid="standin-link-url"]`)
	if !strings.Contains(link, "/standin/link/") {
		t.Fatalf("link shown: %q", link)
	}
	_, path, _ := strings.Cut(link, "/standin/link/")
	b.do("sign out and open the link",
		chromedp.Click(byTestID("logout")),
		chromedp.WaitVisible(byTestID("login-form")),
		chromedp.Navigate(srv.URL+"/standin/link/"+path),
		chromedp.Click(byTestID("standin-link-confirm", `button[type="submit"]`)),
		chromedp.WaitVisible(byTestID("standin-runbooks")),
	)
	fitsPhone(t, b, "/standin")
	wantContains(t, b, `[data-testid="standin-window"]`, "閲覧専用")
	wantContains(t, b, `[data-testid="standin-runbooks"]`, "複合機で印刷できないときの確認手順")
	wantContains(t, b, `[data-testid="standin-systems"]`, "本社ファイルサーバー")
	wantContains(t, b, `[data-testid="standin-vendors"]`, "0120-123-456")
	b.do("reveal the granted credential",
		chromedp.Click(byTestID("standin-entries", "a")),
		chromedp.WaitVisible(byTestID("standin-reveal")),
		chromedp.Click(byTestID("standin-reveal")),
		chromedp.WaitVisible(byTestID("standin-password")),
	)
	wantText(t, b, `[data-testid="standin-password"]`, binderSecret)
	fitsPhone(t, b, "/standin/vault")
	b.do("open a runbook", chromedp.Navigate(srv.URL+"/standin"), chromedp.Click(byTestID("standin-runbooks", "a")), chromedp.WaitVisible(byTestID("standin-runbook")))
	fitsPhone(t, b, "/standin/kb")
	b.do("try the work list", chromedp.Navigate(srv.URL+"/work/items"), chromedp.WaitVisible("main"))
	wantContains(t, b, "main", "権限がありません")
	b.screenshot("standin-phone")
}
