package web

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"testing"

	"hitori"
	"hitori/work"
)

// outboxNotices takes the notices queued since the last call, as
// "kind item event".
func outboxNotices(t *testing.T, e *env, seen map[int64]bool) []string {
	t.Helper()
	queued, err := e.db.Jobs().List(context.Background(), hitori.JobFilter{State: hitori.JobQueued, Kind: hitori.JobItemNotice, Limit: 100})
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for i := len(queued) - 1; i >= 0; i-- { // oldest first
		j := queued[i]
		if seen[j.ID] {
			continue
		}
		seen[j.ID] = true
		var p struct {
			Kind    string `json:"kind"`
			ItemID  int64  `json:"item_id"`
			EventID int64  `json:"event_id"`
		}
		if err := json.Unmarshal([]byte(j.Payload), &p); err != nil {
			t.Fatal(err)
		}
		out = append(out, fmt.Sprintf("%s %d", p.Kind, p.ItemID))
	}
	sort.Strings(out)
	return out
}

func TestWorkNotifications(t *testing.T) {
	e := newWorkEnv(t)
	e.db.Items().SetItemOutbox(work.Outbox) // as app.Build does when mail is configured
	seen := map[int64]bool{}
	admin := e.mustUser("admin@example.com", hitori.RoleAdmin)
	sato := e.mustUser("sato@example.com", hitori.RoleRequester)
	it := mustItem(t, e, sato, "プリンターが詰まる")
	outboxNotices(t, e, seen) // mustItem's own acknowledgement
	id := strconv.FormatInt(it.ID, 10)
	staff := e.client()
	staff.login(admin.Email, "password123")

	check := func(name string, status int, want ...string) {
		t.Helper()
		if status != http.StatusSeeOther {
			t.Fatalf("%s: status %d", name, status)
		}
		got := outboxNotices(t, e, seen)
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("%s: notices %q, want %q", name, got, want)
		}
	}
	status, _, _ := staff.post("/work/items/"+id+"/replies", url.Values{"body": {"トレイを確認してください"}})
	check("public reply", status, "reply "+id)
	status, _, _ = staff.post("/work/items/"+id+"/replies", url.Values{"body": {"社内メモ"}, "internal": {"1"}})
	check("internal note", status)
	status, _, _ = staff.post("/work/items/"+id+"/replies", url.Values{"body": {"メモ"}, "internal": {"1"}, "status": {"resolved"}})
	check("note with a status", status, "status "+id)

	form := workItemForm(mustFind(t, e, it.ID))
	form.Set("status", "waiting_requester")
	status, _, _ = staff.post(workItemURL(it.ID), form)
	check("status change", status, "status "+id)
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
