package web

import (
	"net/http"
	"strings"
	"testing"

	"hitori"
)

func TestPortalResolve(t *testing.T) {
	e := newWorkEnv(t)
	sato := e.mustUser("sato@example.com", hitori.RoleRequester)
	suzuki := e.mustUser("suzuki@example.com", hitori.RoleRequester)
	mine := mustItem(t, e, sato, "プリンターが動かない")
	theirs := mustItem(t, e, suzuki, "鈴木さんの件")
	c := e.client()
	c.login(sato.Email, "password123")

	page := c.mustGet(portalItemURL(mine.ID))
	if !strings.Contains(page, `data-testid="portal-resolve"`) || !strings.Contains(page, `data-confirm="この問い合わせを解決済みにしますか？"`) {
		t.Fatal("my open item has no confirmed close button")
	}
	status, loc, _ := c.post(portalItemURL(mine.ID)+"/resolve", nil)
	if status != http.StatusSeeOther || !strings.Contains(loc, "flash=resolved") {
		t.Fatalf("resolve: %d %q", status, loc)
	}
	if got := mustFind(t, e, mine.ID); got.Status != hitori.StatusResolved {
		t.Errorf("status %s, want resolved", got.Status)
	}
	page = c.mustGet(loc)
	if !strings.Contains(page, "解決済みにしました") || strings.Contains(page, `data-testid="portal-resolve"`) {
		t.Error("after closing: no flash, or the button is still there")
	}
	if status, _, body := c.post(portalItemURL(mine.ID)+"/resolve", nil); status != http.StatusConflict || !strings.Contains(body, "もう解決済み") {
		t.Errorf("closing twice: %d, want 409 with the message", status)
	}
	if status, _, _ := c.post(portalItemURL(theirs.ID)+"/resolve", nil); status != http.StatusNotFound {
		t.Errorf("closing another's item: %d, want 404", status)
	}
	if got := mustFind(t, e, theirs.ID); got.Status == hitori.StatusResolved {
		t.Error("another's item was closed")
	}
}
