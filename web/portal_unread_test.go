package web

import (
	"net/url"
	"strings"
	"testing"
	"time"

	"hitori"
)

// TestPortalUnread: the portal list marks items with a staff reply since
// the colleague last opened them, and opening the item clears the mark.
func TestPortalUnread(t *testing.T) {
	e := newWorkEnv(t)
	sato := e.mustUser("sato@example.com", hitori.RoleRequester)
	tech := e.mustUser("tech@example.com", hitori.RoleTechnician)
	it := mustItem(t, e, sato, "VPN がつながらない")
	c := e.client()
	c.login(sato.Email, "password123")
	s := e.client()
	s.login(tech.Email, "password123")
	marked := func() bool {
		t.Helper()
		list := c.mustGet("/portal")
		return strings.Contains(list, `data-testid="portal-unread"`) && strings.Contains(list, "新しい返信")
	}

	c.mustGet(portalItemURL(it.ID))
	if marked() {
		t.Fatal("marked before any staff reply")
	}
	e.clock.Add(time.Minute)
	if status, _, body := s.post(workItemURL(it.ID)+"/replies", url.Values{"body": {"再起動してみてください"}}); status >= 400 {
		t.Fatalf("staff reply: %d\n%.300s", status, body)
	}
	if !marked() {
		t.Fatal("a staff reply since my last visit is not marked")
	}
	e.clock.Add(time.Minute)
	c.mustGet(portalItemURL(it.ID))
	if marked() {
		t.Error("still marked after I opened the item")
	}
	e.clock.Add(time.Minute)
	if status, _, _ := c.post(portalItemURL(it.ID)+"/replies", url.Values{"body": {"だめでした"}}); status >= 400 {
		t.Fatalf("my reply: %d", status)
	}
	if marked() {
		t.Error("my own reply marks the item")
	}
}
