package web

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"sync"
	"testing"

	"hitori"
)

// fakeNotifier records the notifier calls the handlers make.
type fakeNotifier struct {
	mu    sync.Mutex
	calls []string
}

func (f *fakeNotifier) add(s string) { f.mu.Lock(); defer f.mu.Unlock(); f.calls = append(f.calls, s) }

func (f *fakeNotifier) take() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	c := f.calls
	f.calls = nil
	return c
}

func (f *fakeNotifier) ItemCreated(_ context.Context, it *hitori.Item) {
	f.add(fmt.Sprintf("created %d", it.ID))
}

func (f *fakeNotifier) Replied(_ context.Context, it *hitori.Item, ev *hitori.Event) {
	f.add(fmt.Sprintf("replied %d %s", it.ID, ev.Kind))
}

func (f *fakeNotifier) StatusChanged(_ context.Context, it *hitori.Item, old, new hitori.Status) {
	f.add(fmt.Sprintf("status %d %s->%s", it.ID, old, new))
}

func TestWorkNotifications(t *testing.T) {
	e := newWorkEnv(t)
	fake := &fakeNotifier{}
	e.srv.work.Notify = fake
	admin := e.mustUser("admin@example.com", hitori.RoleAdmin)
	sato := e.mustUser("sato@example.com", hitori.RoleRequester)
	it := mustItem(t, e, sato, "プリンターが詰まる")
	fake.take() // mustItem goes through the service, not a handler
	id := strconv.FormatInt(it.ID, 10)
	staff := e.client()
	staff.login(admin.Email, "password123")

	check := func(name string, status int, want ...string) {
		t.Helper()
		if status != http.StatusSeeOther {
			t.Fatalf("%s: status %d", name, status)
		}
		got := fake.take()
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("%s: notifier calls %q, want %q", name, got, want)
		}
	}
	status, _, _ := staff.post("/work/items/"+id+"/replies", url.Values{"body": {"トレイを確認してください"}})
	check("public reply", status, "replied "+id+" reply")
	status, _, _ = staff.post("/work/items/"+id+"/replies", url.Values{"body": {"社内メモ"}, "internal": {"1"}})
	check("internal note", status)
	status, _, _ = staff.post("/work/items/"+id+"/replies", url.Values{"body": {"メモ"}, "internal": {"1"}, "status": {"resolved"}})
	check("note with a status", status, "status "+id+" new->resolved")

	form := workItemForm(mustFind(t, e, it.ID))
	form.Set("status", "waiting_requester")
	status, _, _ = staff.post(workItemURL(it.ID), form)
	check("status change", status, "status "+id+" resolved->waiting_requester")
	status, _, _ = staff.post(workItemURL(it.ID), form)
	check("no change", status)

	req := e.client()
	req.login(sato.Email, "password123")
	status, loc, _ := req.post("/portal/items", url.Values{"title": {"VPN がつながらない"}})
	if status != http.StatusSeeOther {
		t.Fatalf("portal create: %d", status)
	}
	var n int64
	fmt.Sscanf(loc, "/portal/items/%d", &n)
	check("portal create", status, fmt.Sprintf("created %d", n))
}
