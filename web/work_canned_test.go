package web

import (
	"context"
	"fmt"
	"html"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"hitori"
	"hitori/sqlstore"
)

// The real store has everything these pages need; without it they would 404.
var _ workExtras = struct {
	*sqlstore.Items
	*sqlstore.MailLog
}{}

func TestWorkCannedReplies(t *testing.T) {
	e := newWorkEnv(t)
	e.mustUser("tech@example.com", hitori.RoleTechnician)
	sato := e.mustUser("sato@example.com", hitori.RoleRequester)
	it := mustItem(t, e, sato, "VPN がつながらない")
	c := e.client()
	c.login("tech@example.com", "password123")

	status, loc, body := c.post("/work/canned", url.Values{"title": {"再起動"}, "body": {"{{name}} さん、{{key}} の件は再起動で直ります。"}})
	if status != http.StatusSeeOther || !strings.HasPrefix(loc, "/work/canned?flash=canned_saved") {
		t.Fatalf("create: status %d location %q\n%.400s", status, loc, body)
	}
	page := c.mustGet(loc)
	if !strings.Contains(page, "再起動") || !strings.Contains(page, "定型文を保存しました") {
		t.Errorf("canned page lacks the new reply or the flash:\n%.1500s", section(page, "canned-list", "</ul>"))
	}
	x, _ := e.srv.extras()
	list, err := x.ListCannedReplies(hitori.NewContextWithUser(context.Background(), &hitori.User{ID: 1, Role: hitori.RoleAdmin}))
	if err != nil || len(list) != 1 {
		t.Fatalf("stored: %v, %v", list, err)
	}
	id := list[0].ID

	for name, form := range map[string]url.Values{
		"no title":  {"title": {""}, "body": {"x"}},
		"duplicate": {"title": {"再起動"}, "body": {"x"}},
		"too long":  {"title": {strings.Repeat("長", 101)}, "body": {"x"}},
	} {
		t.Run(name, func(t *testing.T) {
			status, _, body := c.post("/work/canned", form)
			if status != http.StatusUnprocessableEntity || !strings.Contains(body, `class="fielderror"`) {
				t.Errorf("status %d, want 422 with a field message\n%.300s", status, body)
			}
		})
	}
	status, _, body = c.post("/work/canned", url.Values{"id": {fmt.Sprint(id)}, "title": {" "}, "body": {"消えない本文"}})
	if edit := section(body, fmt.Sprintf("canned-%d", id), "</li>"); status != http.StatusUnprocessableEntity ||
		!strings.Contains(edit, `class="fielderror"`) || !strings.Contains(edit, "消えない本文") {
		t.Errorf("failed update: status %d, want 422 with the typed text and the message in its own form\n%s", status, edit)
	}
	if status, _, _ := c.post("/work/canned", url.Values{"id": {"999999"}, "title": {"a"}, "body": {"b"}}); status != http.StatusNotFound {
		t.Errorf("update missing: status %d, want 404", status)
	}

	// The item page offers it, placeholders filled in, and ?canned= fills the reply box.
	want := "sato さん、" + it.Key() + " の件は再起動で直ります。"
	itemPage := c.mustGet(workItemURL(it.ID))
	if !strings.Contains(html.UnescapeString(section(itemPage, "canned-form", "</form>")), want) {
		t.Errorf("item page does not offer the filled-in canned reply %q", want)
	}
	prefilled := c.mustGet(fmt.Sprintf("%s?canned=%d", workItemURL(it.ID), id))
	box := html.UnescapeString(section(prefilled, "reply-body", "</textarea>"))
	if !strings.Contains(box, want) {
		t.Errorf("reply box %q, want it to hold %q", box, want)
	}
	if box := section(c.mustGet(workItemURL(it.ID)+"?canned=abc"), "reply-body", "</textarea>"); strings.Contains(box, "再起動") {
		t.Errorf("an unknown ?canned= filled the box: %q", box)
	}

	if status, loc, _ := c.post("/work/canned", url.Values{"id": {fmt.Sprint(id)}, "title": {"再起動のお願い"}, "body": {"新しい本文"}}); status != http.StatusSeeOther {
		t.Fatalf("update: status %d %q", status, loc)
	}
	if page := c.mustGet("/work/canned"); !strings.Contains(page, "再起動のお願い") || !strings.Contains(page, "新しい本文") {
		t.Error("update not shown")
	}
	if status, _, _ := c.post("/work/canned", url.Values{"id": {fmt.Sprint(id)}, "delete": {"1"}}); status != http.StatusSeeOther {
		t.Fatalf("delete: status %d", status)
	}
	if page := c.mustGet("/work/canned"); !strings.Contains(page, `data-testid="canned-empty"`) {
		t.Error("deleted reply still listed")
	}
	if strings.Contains(c.mustGet(workItemURL(it.ID)), `data-testid="canned-form"`) {
		t.Error("item page offers canned replies when there are none")
	}
}

func TestWorkCannedText(t *testing.T) {
	it := &hitori.Item{ID: 42, RequesterEmail: "yamada@example.com"}
	for _, tc := range []struct{ name, in, want string }{
		{"both", "{{name}} 様 ({{key}})", "yamada@example.com 様 (HD-42)"},
		{"twice", "{{key}}{{key}}", "HD-42HD-42"},
		{"none", "こんにちは", "こんにちは"},
		{"other braces", "{{ name }}", "{{ name }}"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := workCannedText(tc.in, it); got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}
