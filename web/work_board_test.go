package web

import (
	"context"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"hitori"
)

func TestWorkBoardQuadrantsAndNext(t *testing.T) {
	e := newWorkEnv(t)
	admin := e.mustUser("admin@example.com", hitori.RoleAdmin)
	sato := e.mustUser("sato@example.com", hitori.RoleRequester)
	// Opened one after another, an hour apart: q4 oldest, then q2, q1, q3…
	q4old := mustItem(t, e, sato, "古い Q4", inQuadrant(4))
	e.clock.Add(time.Hour)
	q2 := mustItem(t, e, sato, "Q2 の計画", inQuadrant(2))
	e.clock.Add(time.Hour)
	q1late := mustItem(t, e, sato, "Q1 サーバー停止", inQuadrant(1))
	e.clock.Add(time.Hour)
	q1fresh := mustItem(t, e, sato, "Q1 VPN 不通", inQuadrant(1))
	q3 := mustItem(t, e, sato, "Q3 パスワード", inQuadrant(3))
	q4new := mustItem(t, e, sato, "新しい Q4", inQuadrant(4))
	done := mustItem(t, e, sato, "解決済み Q1", inQuadrant(1))
	resolved := hitori.StatusResolved
	if _, err := e.db.Items().UpdateItem(context.Background(), done.ID, hitori.ItemUpdate{Status: &resolved}); err != nil {
		t.Fatal(err)
	}
	// 2h later q1late (1h first-response target, opened 2h before) is breached; q1fresh is at risk.
	e.clock.Add(30 * time.Minute)

	c := e.client()
	c.login(admin.Email, "password123")
	body := c.mustGet("/work")

	for q, want := range map[int]int{1: 2, 2: 1, 3: 1, 4: 2} {
		count := section(body, "quadrant-"+strconv.Itoa(q)+"-count", "</span>")
		if !strings.HasSuffix(count, ">"+strconv.Itoa(want)) {
			t.Errorf("quadrant %d count: %q, want %d", q, count, want)
		}
	}
	for q, ids := range map[int][]int64{1: {q1late.ID, q1fresh.ID}, 2: {q2.ID}, 3: {q3.ID}, 4: {q4old.ID, q4new.ID}} {
		box := section(body, "quadrant-"+strconv.Itoa(q), "</article>")
		got := itemIDs(box)
		for _, id := range ids {
			if !slices.Contains(got, strconv.FormatInt(id, 10)) {
				t.Errorf("quadrant %d lists %v, want it to hold %d", q, got, id)
			}
		}
	}
	if strings.Contains(body, "解決済み Q1") {
		t.Error("the board shows a resolved item")
	}

	// Next: by quadrant, then SLA (the breached Q1 before the fresh one), then age.
	queue := section(body, "next-queue", "</ol>")
	want := []string{}
	for _, it := range []*hitori.Item{q1late, q1fresh, q2, q3, q4old, q4new} {
		want = append(want, strconv.FormatInt(it.ID, 10))
	}
	if got := itemIDs(queue); !slices.Equal(got, want) {
		t.Fatalf("next queue %v, want %v", got, want)
	}
	// SLA badges: breached in red, at risk highlighted before the breach.
	first := queue[:strings.Index(queue, `data-item="`+want[1]+`"`)]
	if !strings.Contains(first, "work-sla-breached") || !strings.Contains(first, "work-late") {
		t.Errorf("the late Q1 item is not marked breached:\n%s", first)
	}
	fresh := queue[strings.Index(queue, `data-item="`+want[1]+`"`):strings.Index(queue, `data-item="`+want[2]+`"`)]
	if !strings.Contains(fresh, "work-sla-at_risk") || !strings.Contains(fresh, "まもなく期限") {
		t.Errorf("the fresh Q1 item (1-hour target, 30 min left) is not at risk:\n%s", fresh)
	}
	if !strings.Contains(queue, "sato") {
		t.Error("the queue does not name the requester")
	}

	// "Mine" narrows to the items assigned to me: none yet.
	if body := c.mustGet("/work?scope=mine"); !strings.Contains(body, `data-testid="next-empty"`) {
		t.Error("scope=mine shows items although none is assigned")
	}
}

func TestWorkReprioritise(t *testing.T) {
	e := newWorkEnv(t)
	tech := e.mustUser("tech@example.com", hitori.RoleTechnician)
	it := mustItem(t, e, nil, "メールが届かない", inQuadrant(4))
	c := e.client()
	c.login(tech.Email, "password123")

	// One click: the board's button posts q and returns to the board.
	status, loc, _ := c.post("/work/items/"+strconv.FormatInt(it.ID, 10)+"/quadrant", url.Values{"q": {"1"}, "next": {"/work"}})
	if status != http.StatusSeeOther || !strings.HasPrefix(loc, "/work?") || !strings.Contains(loc, "flash=moved") {
		t.Fatalf("reprioritise: status %d location %q", status, loc)
	}
	if got := mustFind(t, e, it.ID); got.Quadrant() != 1 {
		t.Fatalf("quadrant %d after moving to 1", got.Quadrant())
	}
	board := c.mustGet(loc)
	if ids := itemIDs(section(board, "quadrant-1", "</article>")); !slices.Equal(ids, []string{strconv.FormatInt(it.ID, 10)}) {
		t.Errorf("quadrant 1 lists %v after the move", ids)
	}
	if !strings.Contains(board, "優先度を変更しました") {
		t.Error("no flash after the move")
	}

	// One key: work.js posts with the CSRF header and asks for JSON.
	req, _ := http.NewRequest("POST", e.ts.URL+"/work/items/"+strconv.FormatInt(it.ID, 10)+"/quadrant", strings.NewReader("q=2"))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Accept", "application/json")
	req.Header.Set("X-CSRF-Token", c.cookie(csrfCookie))
	status, _, body := c.do(req)
	if status != http.StatusOK || !strings.Contains(body, `"quadrant":2`) {
		t.Fatalf("script reprioritise: %d %s", status, body)
	}
	req, _ = http.NewRequest("POST", e.ts.URL+"/work/items/999999/quadrant", strings.NewReader("q=2"))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Accept", "application/json")
	req.Header.Set("X-CSRF-Token", c.cookie(csrfCookie))
	if status, _, body := c.do(req); status != http.StatusNotFound || !strings.Contains(body, `"message"`) {
		t.Errorf("script reprioritise of a missing item: %d %s, want 404 JSON", status, body)
	}

	// History: each move is a change of urgent/important, by the technician.
	var fields []string
	for _, ev := range mustEvents(t, e, it.ID) {
		if ev.Kind == hitori.EventChange {
			fields = append(fields, ev.Field+":"+ev.Old+">"+ev.New)
			if ev.Author != "tech" {
				t.Errorf("change by %q, want tech", ev.Author)
			}
		}
	}
	want := []string{"urgent:false>true", "important:false>true", "urgent:true>false"}
	if !slices.Equal(fields, want) {
		t.Errorf("changes %v, want %v", fields, want)
	}
	// The item page words them.
	page := c.mustGet("/work/items/" + strconv.FormatInt(it.ID, 10))
	if !strings.Contains(page, "緊急: いいえ → はい") {
		t.Error("the timeline does not word the urgency change")
	}
}

// TestWorkBoardQueryCount: the board reads the database a fixed number of
// times however many items are open (issue 14: eleven item queries): the
// staff directory (one list of users and its count), the quadrant counts
// and one statement for every list.
func TestWorkBoardQueryCount(t *testing.T) {
	e := newWorkEnv(t)
	admin := e.mustUser("admin@example.com", hitori.RoleAdmin)
	sato := e.mustUser("sato@example.com", hitori.RoleRequester)
	for i := range 12 {
		mustItem(t, e, sato, "件名 "+strconv.Itoa(i), inQuadrant(hitori.Quadrant(1+i%4)))
	}
	c := e.client()
	c.login(admin.Email, "password123")
	for _, path := range []string{"/work", "/work?scope=mine", "/work?scope=unassigned"} {
		c.mustGet(path) // warm whatever the page caches
		before := e.db.ReadsForTest()
		c.mustGet(path)
		if n := e.db.ReadsForTest() - before; n > 4 {
			t.Errorf("%s: %d queries, want at most 4", path, n)
		}
	}
}
