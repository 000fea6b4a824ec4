package e2e

import (
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// The colleague the portal test signs in as.
const (
	colleagueName     = "佐藤 一郎"
	colleagueEmail    = "sato@example.com"
	colleaguePassword = "sato-password-2026"
)

// TestPortalToBoard follows one inquiry through the real binary on SQLite
// in Chromium: a colleague opens it on the portal (on a phone); the
// administrator finds it on the board in quadrant 4 — portal items are
// neither urgent nor important until someone triages them, unless the
// colleague says their work is stopped — moves it with the keyboard,
// replies and logs time; the colleague sees the reply marked as new in
// their list, never the internal note, and a file picker and a close
// button that fit the phone.
func TestPortalToBoard(t *testing.T) {
	data := t.TempDir()
	mustHitori(t, adminPassword+"\n", "user", "create", "--data", data, "--email", adminEmail, "--name", adminName, "--role", "admin")
	mustHitori(t, colleaguePassword+"\n", "user", "create", "--data", data, "--email", colleagueEmail, "--name", colleagueName, "--role", "requester")
	srv := startServer(t, data)
	b := newBrowser(t)

	// The colleague, on a phone: home is the portal.
	b.do("open the portal on a phone",
		chromedp.EmulateViewport(phoneWidth, phoneHeight, chromedp.EmulatePortrait, chromedp.EmulateMobile),
		chromedp.Navigate(srv.URL+"/"),
		chromedp.WaitVisible(byTestID("login-form")),
	)
	signIn(b, colleagueEmail, colleaguePassword)
	if got := pagePath(b); got != "/portal" {
		t.Fatalf("a colleague's home is %s, want /portal", got)
	}
	fitsPhone(t, b, "portal (empty)")
	title, body := "共有フォルダにアクセスできない", "今朝から経理フォルダが開けません。"
	b.do("open an inquiry",
		chromedp.Click(byTestID("portal-new")),
		chromedp.WaitVisible(byTestID("portal-form")),
		chromedp.SendKeys(byTestID("portal-title"), title),
		chromedp.SendKeys(byTestID("portal-body"), body),
	)
	fitsPhone(t, b, "portal new inquiry")
	b.screenshot("portal-new-phone")
	b.do("send it",
		chromedp.Click(byTestID("portal-submit")),
		chromedp.WaitVisible(byTestID("portal-thread")),
	)
	wantContains(t, b, "h1", title)
	wantText(t, b, `[data-testid="portal-item-status"]`, "新規")
	key := strings.TrimSpace(strings.Split(b.text(".portal-item-head .muted"), "·")[0])
	if !strings.HasPrefix(key, "HD-") {
		t.Fatalf("item key %q, want HD-N", key)
	}
	id := strings.TrimPrefix(key, "HD-")
	signOut(b)

	// The administrator, at a desk.
	b.do("back to a desktop", chromedp.EmulateViewport(1280, 900))
	signIn(b, adminEmail, adminPassword)
	b.do("open the board", chromedp.Navigate(srv.URL+"/work"), chromedp.WaitVisible(byTestID("next-queue")))
	inBox := fmt.Sprintf(`[data-testid="quadrant-4"] [data-item="%s"]`, id)
	if n := eval[int](b, "find the item in quadrant 4", fmt.Sprintf(`document.querySelectorAll(%q).length`, inBox)); n != 1 {
		t.Fatalf("item %s is not in quadrant 4 on the board", key)
	}
	wantText(t, b, `[data-testid="quadrant-4-count"]`, "1")
	wantContains(t, b, `[data-testid="next-queue"]`, colleagueName)
	b.screenshot("board-desktop")

	// One key: j focuses the first item of the queue, 2 moves it to quadrant 2.
	b.do("re-prioritise with the keyboard",
		chromedp.KeyEvent("j"),
		chromedp.KeyEvent("2"),
		chromedp.WaitVisible(fmt.Sprintf(`[data-testid="quadrant-2"] [data-item="%s"]`, id)),
	)
	wantText(t, b, `[data-testid="quadrant-4-count"]`, "0")
	wantText(t, b, `[data-testid="quadrant-2-count"]`, "1")

	b.do("open the item",
		chromedp.KeyEvent("j"),
		chromedp.KeyEvent(kb.Enter),
		chromedp.WaitVisible(byTestID("reply-form")),
	)
	if got := pagePath(b); got != "/work/items/"+id {
		t.Fatalf("Enter opened %s, want /work/items/%s", got, id)
	}
	reply := "アクセス権を付け直しました。もう一度お試しください。"
	b.do("reply and log 20 minutes",
		chromedp.SendKeys(byTestID("reply-body"), reply),
		chromedp.SendKeys(byTestID("reply-minutes"), "20"),
		chromedp.Click(byTestID("reply-send")),
		chromedp.WaitVisible(byTestID("event-reply")),
	)
	b.do("add an internal note with 5 minutes",
		chromedp.Click(byTestID("reply-internal")),
		chromedp.SendKeys(byTestID("reply-body"), "ACL が壊れていた（内部）"),
		chromedp.SendKeys(byTestID("reply-minutes"), "5"),
		chromedp.Click(byTestID("reply-send")),
		chromedp.WaitVisible(byTestID("event-note")),
	)
	wantText(t, b, `[data-testid="minutes-total"]`, "25分")
	b.screenshot("item-desktop")
	signOut(b)

	// The colleague sees the reply, not the note.
	b.do("phone again", chromedp.EmulateViewport(phoneWidth, phoneHeight, chromedp.EmulatePortrait, chromedp.EmulateMobile))
	signIn(b, colleagueEmail, colleaguePassword)
	b.do("see the new reply marked in my list",
		chromedp.WaitVisible(byTestID("portal-list")),
		chromedp.WaitVisible(byTestID("portal-unread")),
	)
	fitsPhone(t, b, "portal list with a new reply")
	b.do("open my inquiry",
		chromedp.Click(byTestID("portal-item")),
		chromedp.WaitVisible(byTestID("portal-reply")),
	)
	wantContains(t, b, `[data-testid="portal-thread"]`, reply)
	if thread := b.text(`[data-testid="portal-thread"]`); strings.Contains(thread, "ACL が壊れていた") {
		t.Errorf("the colleague sees the internal note:\n%s", thread)
	}
	b.do("find the file picker and the close button", chromedp.WaitVisible(byTestID("portal-reply-files")), chromedp.WaitVisible(byTestID("portal-resolve")))
	fitsPhone(t, b, "portal item")
	b.screenshot("portal-item-phone")
}

// signOut uses the header's sign-out button and waits for the login form.
func signOut(b *browser) {
	b.t.Helper()
	b.do("sign out", chromedp.Click(byTestID("logout")), chromedp.WaitVisible(byTestID("login-form")))
}
