package web

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"hitori"
)

func TestItemArticleLinksInPages(t *testing.T) {
	e := newSQLiteEnv(t)
	admin := e.mustUser("admin@example.com", hitori.RoleAdmin)
	sato := e.mustUser("sato@example.com", hitori.RoleRequester)
	actx := hitori.NewContextWithUser(context.Background(), admin)
	pub := &hitori.Article{Slug: "kb-001", Title: "複合機で印刷できないときの確認手順", Body: "電源を確認します。"}
	if err := e.srv.kb.Create(actx, pub); err != nil {
		t.Fatal(err)
	}
	it := &hitori.Item{Type: hitori.TypeTicket, Title: "複合機で印刷できない", Source: hitori.SourcePortal, RequesterID: &sato.ID}
	if err := e.srv.work.Create(hitori.NewContextWithUser(context.Background(), sato), it); err != nil {
		t.Fatal(err)
	}
	c := e.client()
	c.login("admin@example.com", "password123")
	_, _, page := c.get(fmt.Sprintf("/work/items/%d", it.ID))
	if !strings.Contains(page, `data-testid="link-suggested"`) || !strings.Contains(page, pub.Title) {
		t.Fatal("the item page suggests no article for its title")
	}
	if status, _, body := c.post(fmt.Sprintf("/work/items/%d/articles", it.ID), url.Values{"article": {"kb-999"}}); status != http.StatusUnprocessableEntity {
		t.Fatalf("unknown article: %d %.200s", status, body)
	}
	if status, loc, _ := c.post(fmt.Sprintf("/work/items/%d/articles", it.ID), url.Values{"article": {"kb-001"}}); status != http.StatusSeeOther || !strings.HasSuffix(loc, "#articles") {
		t.Fatalf("link: %d %q", status, loc)
	}
	if _, _, body := c.get(fmt.Sprintf("/kb/%d", pub.ID)); !strings.Contains(body, `data-testid="kb-linked-items"`) {
		t.Fatal("the article page does not list the linked item")
	}
	r := e.client()
	r.login("sato@example.com", "password123")
	if _, _, body := r.get(fmt.Sprintf("/portal/items/%d", it.ID)); !strings.Contains(body, `data-testid="portal-articles"`) || !strings.Contains(body, pub.Title) {
		t.Fatal("the colleague does not see the linked article on the portal")
	}
	if status, _, _ := c.post(fmt.Sprintf("/work/items/%d/articles/%d/delete", it.ID, pub.ID), nil); status != http.StatusSeeOther {
		t.Fatalf("unlink: %d", status)
	}
	if _, _, body := r.get(fmt.Sprintf("/portal/items/%d", it.ID)); strings.Contains(body, `data-testid="portal-articles"`) {
		t.Fatal("still linked after unlink")
	}
}
