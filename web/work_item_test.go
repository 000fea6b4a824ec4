package web

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"hitori"
)

func TestWorkReplyNoteMinutesAndPortal(t *testing.T) {
	e := newWorkEnv(t)
	admin := e.mustUser("admin@example.com", hitori.RoleAdmin)
	sato := e.mustUser("sato@example.com", hitori.RoleRequester)
	it := mustItem(t, e, sato, "共有フォルダに入れない")
	id := strconv.FormatInt(it.ID, 10)
	staff := e.client()
	staff.login(admin.Email, "password123")

	steps := []struct {
		name string
		form url.Values
	}{
		{"public reply", url.Values{"body": {"アクセス権を付け直しました。再度お試しください。"}, "minutes": {"15"}, "status": {"waiting_requester"}}},
		{"internal note", url.Values{"body": {"NAS の ACL が壊れていた（社外秘メモ）"}, "internal": {"1"}, "minutes": {"30"}}},
		{"time only", url.Values{"internal": {"1"}, "minutes": {"5"}}},
	}
	for _, st := range steps {
		status, loc, body := staff.post("/work/items/"+id+"/replies", st.form)
		if status != http.StatusSeeOther || !strings.HasPrefix(loc, "/work/items/"+id) {
			t.Fatalf("%s: status %d location %q\n%.500s", st.name, status, loc, body)
		}
	}
	got := mustFind(t, e, it.ID)
	if got.MinutesSpent != 50 || got.FirstRespondedAt == nil || got.Status != hitori.StatusWaitRequester {
		t.Fatalf("after replies: minutes %d, responded %v, status %s; want 50, set, waiting_requester", got.MinutesSpent, got.FirstRespondedAt, got.Status)
	}
	page := staff.mustGet("/work/items/" + id)
	if total := section(page, "minutes-total", "</dd>"); !strings.HasSuffix(total, ">50分") {
		t.Errorf("minutes total %q, want 50分", total)
	}
	if !strings.Contains(page, "社外秘メモ") || strings.Count(page, `data-testid="event-minutes"`) != 3 {
		t.Error("the staff page lacks the note or a time entry")
	}

	// Validation: a reply without text, or with minutes out of range, is 422 with the form kept.
	for _, f := range []url.Values{{"body": {"  "}}, {"body": {"x"}, "minutes": {"2000"}}, {"body": {"x"}, "minutes": {"ten"}}} {
		if status, _, body := staff.post("/work/items/"+id+"/replies", f); status != http.StatusUnprocessableEntity || !strings.Contains(body, "fielderror") {
			t.Errorf("reply %v: status %d, want 422 with a field message", f, status)
		}
	}

	// The requester's portal shows the reply, never the internal note.
	req := e.client()
	req.login(sato.Email, "password123")
	portal := req.mustGet("/portal/items/" + id)
	if !strings.Contains(portal, "アクセス権を付け直しました") {
		t.Error("the portal does not show the public reply")
	}
	if strings.Contains(portal, "社外秘メモ") || strings.Contains(portal, "内部メモ") || strings.Contains(portal, "50分") {
		t.Error("the portal shows an internal note or staff time")
	}
	if !strings.Contains(portal, "依頼者の返答待ち") || !strings.Contains(portal, `data-testid="portal-waiting"`) {
		t.Error("the portal does not say the staff wait for the requester")
	}
	// A staff member looking at their own item on the portal does not see notes either.
	mine := mustItem(t, e, admin, "自分の PC")
	if err := e.db.Items().AddEvent(hitori.NewContextWithUser(context.Background(), admin), &hitori.Event{ItemID: mine.ID, Kind: hitori.EventNote, Body: "スタッフ用メモ"}); err != nil {
		t.Fatal(err)
	}
	if body := staff.mustGet("/portal/items/" + strconv.FormatInt(mine.ID, 10)); strings.Contains(body, "スタッフ用メモ") {
		t.Error("the portal shows staff a note")
	}

	// The requester answers from the portal.
	status, loc, _ := req.post("/portal/items/"+id+"/replies", url.Values{"body": {"入れました。ありがとうございます。"}})
	if status != http.StatusSeeOther || !strings.Contains(loc, "flash=replied") {
		t.Fatalf("portal reply: %d %q", status, loc)
	}
	if body := req.mustGet(loc); !strings.Contains(body, "入れました。") || !strings.Contains(body, "送信しました") {
		t.Error("the portal does not show my reply and the flash")
	}
}

func TestPortalOwnItemsOnly(t *testing.T) {
	e := newWorkEnv(t)
	sato := e.mustUser("sato@example.com", hitori.RoleRequester)
	suzuki := e.mustUser("suzuki@example.com", hitori.RoleRequester)
	tech := e.mustUser("tech@example.com", hitori.RoleTechnician)
	theirs := mustItem(t, e, suzuki, "鈴木さんの給与明細の件")
	mine := mustItem(t, e, sato, "佐藤のマウスが壊れた")
	path := "/portal/items/" + strconv.FormatInt(theirs.ID, 10)

	c := e.client()
	c.login(sato.Email, "password123")
	if status, _, body := c.get(path); status != http.StatusNotFound || strings.Contains(body, "給与明細") {
		t.Errorf("GET another's item: status %d, want 404 without its title", status)
	}
	if status, _, _ := c.post(path+"/replies", url.Values{"body": {"見えていますか"}}); status != http.StatusNotFound {
		t.Errorf("reply to another's item: status %d, want 404", status)
	}
	list := c.mustGet("/portal")
	if strings.Contains(list, "給与明細") || !strings.Contains(list, "佐藤のマウス") {
		t.Error("the portal list is not exactly my items")
	}
	// Staff see only what they asked on the portal too; the item is theirs to work on /work.
	s := e.client()
	s.login(tech.Email, "password123")
	if status, _, _ := s.get("/portal/items/" + strconv.FormatInt(mine.ID, 10)); status != http.StatusNotFound {
		t.Errorf("technician on a colleague's portal item: %d, want 404", status)
	}
	// A requester's home is the portal.
	if status, loc, _ := c.get("/"); status != http.StatusSeeOther || loc != "/portal" {
		t.Errorf("requester home: %d %q, want 303 to /portal", status, loc)
	}
	// The work area is staff-only.
	if status, _, _ := c.get("/work"); status != http.StatusForbidden {
		t.Errorf("requester on /work: %d, want 403", status)
	}
}

func TestPortalCreate(t *testing.T) {
	e := newWorkEnv(t)
	sato := e.mustUser("sato@example.com", hitori.RoleRequester)
	c := e.client()
	c.login(sato.Email, "password123")

	form := c.mustGet("/portal/new?title=" + url.QueryEscape("VPN がつながらない") + "&body=" + url.QueryEscape("チャットの続き"))
	for _, want := range []string{`value="VPN がつながらない"`, "チャットの続き", `data-kb-suggest="#suggestions"`, "kb.js"} {
		if !strings.Contains(form, want) {
			t.Errorf("the new-inquiry form lacks %s", want)
		}
	}
	if status, _, body := c.post("/portal/items", url.Values{"title": {" "}}); status != http.StatusUnprocessableEntity || !strings.Contains(body, "入力してください") {
		t.Errorf("empty title: %d, want 422 with the message", status)
	}
	tests := []struct {
		name     string
		form     url.Values
		quadrant hitori.Quadrant
	}{
		{"plain", url.Values{"title": {"VPN がつながらない"}, "body": {"自宅から"}, "category": {"ネットワーク・Wi-Fi"}}, 4},
		{"work stopped", url.Values{"title": {"PC が起動しない"}, "urgent": {"1"}}, 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			status, loc, body := c.post("/portal/items", tt.form)
			if status != http.StatusSeeOther || !strings.HasPrefix(loc, "/portal/items/") {
				t.Fatalf("create: %d %q\n%.500s", status, loc, body)
			}
			id, _ := strconv.ParseInt(strings.TrimPrefix(strings.Split(loc, "?")[0], "/portal/items/"), 10, 64)
			it := mustFind(t, e, id)
			if it.Source != hitori.SourcePortal || it.RequesterID == nil || *it.RequesterID != sato.ID || it.Quadrant() != tt.quadrant {
				t.Errorf("item: source %s requester %v quadrant %d; want portal, %d, %d", it.Source, it.RequesterID, it.Quadrant(), sato.ID, tt.quadrant)
			}
			if it.FirstResponseDue == nil || it.ResolutionDue == nil {
				t.Error("a portal ticket has no SLA due times")
			}
			if page := c.mustGet(loc); !strings.Contains(page, "受け付けました") {
				t.Error("no confirmation after opening an item")
			}
		})
	}
}

func TestWorkMerge(t *testing.T) {
	e := newWorkEnv(t)
	admin := e.mustUser("admin@example.com", hitori.RoleAdmin)
	keep := mustItem(t, e, nil, "複合機が紙詰まり")
	dup := mustItem(t, e, nil, "コピー機が動かない")
	c := e.client()
	c.login(admin.Email, "password123")
	path := "/work/items/" + strconv.FormatInt(dup.ID, 10) + "/merge"

	if status, _, body := c.post(path, url.Values{"into": {"HD-" + strconv.FormatInt(dup.ID, 10)}}); status != http.StatusUnprocessableEntity || !strings.Contains(body, "同じ案件どうし") {
		t.Errorf("merge into itself: %d, want 422", status)
	}
	if status, _, _ := c.post(path, url.Values{"into": {"HD-99999"}}); status != http.StatusUnprocessableEntity {
		t.Errorf("merge into a missing item: %d, want 422", status)
	}
	// First the confirmation, which changes nothing.
	status, _, body := c.post(path, url.Values{"into": {keep.Key()}})
	if status != http.StatusOK || !strings.Contains(body, `data-testid="merge-confirm"`) || !strings.Contains(body, "複合機が紙詰まり") {
		t.Fatalf("merge without confirm: %d, want the confirmation page", status)
	}
	if mustFind(t, e, dup.ID).MergedInto != nil {
		t.Fatal("merged before confirmation")
	}
	status, loc, _ := c.post(path, url.Values{"into": {strconv.FormatInt(keep.ID, 10)}, "confirm": {"1"}})
	if status != http.StatusSeeOther || !strings.HasPrefix(loc, workItemURL(keep.ID)) {
		t.Fatalf("merge: %d %q", status, loc)
	}
	if got := mustFind(t, e, dup.ID); got.MergedInto == nil || *got.MergedInto != keep.ID || got.Status != hitori.StatusClosed {
		t.Fatalf("duplicate after merge: merged %v status %s", got.MergedInto, got.Status)
	}
	if page := c.mustGet(workItemURL(dup.ID)); !strings.Contains(page, keep.Key()) {
		t.Error("the duplicate's page does not name the kept item")
	}
}

func TestWorkCreateAndEdit(t *testing.T) {
	e := newWorkEnv(t)
	admin := e.mustUser("admin@example.com", hitori.RoleAdmin)
	tech := e.mustUser("tech@example.com", hitori.RoleTechnician)
	sato := e.mustUser("sato@example.com", hitori.RoleRequester)
	c := e.client()
	c.login(admin.Email, "password123")
	if body := c.mustGet("/work/items/new"); !strings.Contains(body, `data-testid="work-new-form"`) {
		t.Fatal("no new-item form")
	}
	if status, _, body := c.post("/work/items", url.Values{"type": {"ticket"}}); status != http.StatusUnprocessableEntity || !strings.Contains(body, "入力してください") {
		t.Fatalf("empty title: %d, want 422", status)
	}
	status, loc, body := c.post("/work/items", url.Values{"type": {"task"}, "title": {"ライセンス更新"}, "requester": {"sato@example.com"},
		"source": {"phone"}, "important": {"on"}, "tags": {"M365, 更新、年次"}, "assignee": {strconv.FormatInt(tech.ID, 10)},
		"due": {"2026-12-01T17:00"}, "category": {"ソフトウェア"}, "vendor": {"大塚商会"}})
	if status != http.StatusSeeOther {
		t.Fatalf("create: %d\n%.600s", status, body)
	}
	id, _ := strconv.ParseInt(strings.TrimPrefix(strings.Split(loc, "?")[0], "/work/items/"), 10, 64)
	it := mustFind(t, e, id)
	if it.Type != hitori.TypeTask || it.RequesterID == nil || *it.RequesterID != sato.ID || it.Quadrant() != 2 || len(it.Tags) != 3 ||
		it.AssigneeID == nil || *it.AssigneeID != tech.ID || it.DueAt == nil || it.DueAt.In(tokyo).Hour() != 17 || it.Source != hitori.SourcePhone {
		t.Fatalf("created %+v", it)
	}
	// Edit: the whole form is sent, only the differences are recorded.
	form := workItemForm(it)
	form.Set("status", "in_progress")
	form.Set("urgent", "on")
	form.Set("assignee", "")
	status, _, body = c.post(workItemURL(id), form)
	if status != http.StatusSeeOther {
		t.Fatalf("edit: %d\n%.600s", status, body)
	}
	var changed []string
	for _, ev := range mustEvents(t, e, id) {
		changed = append(changed, ev.Field)
	}
	if strings.Join(changed, ",") != "status,urgent,assignee_id" {
		t.Errorf("changes recorded: %v, want status, urgent, assignee_id", changed)
	}
	form.Set("due", "tomorrow")
	if status, _, body := c.post(workItemURL(id), form); status != http.StatusUnprocessableEntity || !strings.Contains(body, "期限の日時") {
		t.Errorf("bad due date: %d, want 422", status)
	}
}
