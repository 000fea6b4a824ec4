package web

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"hitori"
)

var csrfFieldRE = regexp.MustCompile(`name="csrf" value="([^"]*)"`)

// TestWorkBoardRowsCache: the board's content is written once per board,
// language, address and role and then reused, yet every page shows what a fresh
// render would: each user's own CSRF token and language, their own "mine",
// and every write (through the pages or not) on the next request.
func TestWorkBoardRowsCache(t *testing.T) {
	e := newWorkEnv(t)
	ctx := context.Background()
	admin := e.mustUser("admin@example.com", hitori.RoleAdmin) // Japanese
	tech := e.mustUser("tech@example.com", hitori.RoleTechnician)
	en := "en"
	if _, err := e.db.Users().UpdateUser(ctx, tech.ID, hitori.UserUpdate{Lang: &en}); err != nil {
		t.Fatal(err)
	}
	sato := e.mustUser("sato@example.com", hitori.RoleRequester)
	mine := mustItem(t, e, sato, "管理者の担当", inQuadrant(1), func(it *hitori.Item) { it.AssigneeID = &admin.ID })
	other := mustItem(t, e, sato, "未割り当て", inQuadrant(2))

	ca, ct := e.client(), e.client()
	ca.login(admin.Email, "password123")
	ct.login(tech.Email, "password123")
	ca.mustGet("/work")
	ct.mustGet("/work") // signed in and touched: nothing more is written below until the test writes

	// Same board, same second, two users and languages.
	pages := map[*client]string{ca: ca.mustGet("/work"), ct: ct.mustGet("/work")}
	if e.srv.workBoards.Len() == 0 {
		t.Fatal("the board's content was not kept")
	}
	// Only the administrator has the settings link, also against a
	// technician reading the same board in the same language and second.
	cj := e.client()
	cj.login(e.mustUser("tech-ja@example.com", hitori.RoleTechnician).Email, "password123")
	cj.mustGet("/work")
	ca.mustGet("/work") // the board after the sign-in's write, kept for the administrator
	if body := cj.mustGet("/work"); strings.Contains(body, `href="/work/settings"`) || !strings.Contains(ca.mustGet("/work"), `href="/work/settings"`) {
		t.Error("the settings link shows for the wrong user")
	}
	if strings.Contains(pages[ct], `href="/work/settings"`) {
		t.Error("the technician's page links to the settings")
	}
	// Nothing else of the other user shows (their name, their address).
	if strings.Contains(pages[ct], "admin@example.com") || strings.Contains(pages[ca], "tech@example.com") {
		t.Error("one user's page names the other")
	}
	for c, lang := range map[*client]string{ca: "ja", ct: "en"} {
		queue := section(pages[c], "next-queue", "</ol>")
		if len(itemIDs(queue)) != 2 {
			t.Fatalf("%s: queue lists %v, want both items", lang, itemIDs(queue))
		}
		status, age := "新規", "経過"
		if lang == "en" {
			status, age = "New", "Age"
		}
		if !strings.Contains(queue, ">"+status+"</span>") || !strings.Contains(queue, ">"+age+"</span>") {
			t.Errorf("%s page's queue is not in %s:\n%.1500s", lang, lang, queue)
		}
		// Every row's form carries this user's token, none another's.
		tokens := csrfFieldRE.FindAllStringSubmatch(queue, -1)
		if len(tokens) != 2 {
			t.Fatalf("%s: %d CSRF fields in the queue, want 2", lang, len(tokens))
		}
		for _, m := range tokens {
			if m[1] != c.cookie(csrfCookie) {
				t.Errorf("%s: a queue form carries token %q, not the user's %q", lang, m[1], c.cookie(csrfCookie))
			}
		}
	}
	if ca.cookie(csrfCookie) == ct.cookie(csrfCookie) {
		t.Fatal("both clients have the same CSRF token: the test proves nothing")
	}
	// "Mine" is each user's own.
	if got := itemIDs(section(ca.mustGet("/work?scope=mine"), "next-queue", "</ol>")); len(got) != 1 || got[0] != strconv.FormatInt(mine.ID, 10) {
		t.Errorf("admin's mine lists %v, want only %d", got, mine.ID)
	}
	if body := ct.mustGet("/work?scope=mine"); !strings.Contains(body, `data-testid="next-empty"`) {
		t.Error("the technician's mine shows the admin's item")
	}

	// A write through the pages shows on the next request, for everyone.
	if status, loc, _ := ca.post("/work/items/"+strconv.FormatInt(other.ID, 10)+"/quadrant", url.Values{"q": {"4"}, "next": {"/work"}}); status != http.StatusSeeOther {
		t.Fatalf("reprioritise: status %d location %q", status, loc)
	}
	if got := itemIDs(section(ct.mustGet("/work"), "quadrant-4", "</article>")); len(got) != 1 || got[0] != strconv.FormatInt(other.ID, 10) {
		t.Errorf("after reprioritising, quadrant 4 lists %v, want %d", got, other.ID)
	}
	// So does a write that bypasses the pages: a title, an assignee's name.
	title, name := "新しい件名 <b>", "管理 太郎"
	if _, err := e.db.Items().UpdateItem(ctx, other.ID, hitori.ItemUpdate{Title: &title}); err != nil {
		t.Fatal(err)
	}
	if _, err := e.db.Users().UpdateUser(ctx, admin.ID, hitori.UserUpdate{Name: &name}); err != nil {
		t.Fatal(err)
	}
	body := ct.mustGet("/work")
	if !strings.Contains(body, "新しい件名 &lt;b&gt;") || !strings.Contains(body, name) {
		t.Errorf("the board does not show the new title and assignee's name:\n%.3000s", section(body, "next-queue", "</ol>"))
	}
	// Time passing shows too: the rows' ages are of the request's clock.
	before := section(ca.mustGet("/work"), "next-queue", "</ol>")
	e.clock.Add(3 * time.Hour)
	after := section(ca.mustGet("/work"), "next-queue", "</ol>")
	if before == after || !strings.Contains(after, "3時間") {
		t.Errorf("three hours later the queue still reads the same:\n%s", after)
	}
}

// TestWorkBoardRowsCacheExpiry: kept content serves the same board for less
// than workBoardTTL of the server's clock, and never a board it was not
// written for.
func TestWorkBoardRowsCacheExpiry(t *testing.T) {
	t0 := time.Date(2026, 12, 6, 9, 0, 0, 0, time.UTC)
	now := t0
	c := newWorkBoardCache(func() time.Time { return now })
	b1, b2 := &hitori.ItemBoard{}, &hitori.ItemBoard{}
	k := workBoardKey{board: b1, lang: "ja", here: "/work"}
	kept := &workBoardBody{}
	load := func(key workBoardKey, at time.Time) *workBoardBody {
		now = at
		got, err := c.Load(context.Background(), key, 0, func() (*workBoardBody, error) { return &workBoardBody{}, nil })
		if err != nil {
			t.Fatal(err)
		}
		return got
	}
	tests := []struct {
		name string
		key  workBoardKey
		now  time.Time
		hit  bool
	}{
		{"same board, same instant", k, t0, true},
		{"just before the TTL", k, t0.Add(workBoardTTL - time.Nanosecond), true},
		{"at the TTL", k, t0.Add(workBoardTTL), false},
		{"clock set back", k, t0.Add(-time.Second), false},
		{"another board", workBoardKey{board: b2, lang: "ja", here: "/work"}, t0, false},
		{"another language", workBoardKey{board: b1, lang: "en", here: "/work"}, t0, false},
		{"another scope", workBoardKey{board: b1, lang: "ja", here: "/work?scope=mine"}, t0, false},
		{"an administrator", workBoardKey{board: b1, lang: "ja", here: "/work", admin: true}, t0, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c = newWorkBoardCache(func() time.Time { return now })
			now = t0
			if _, err := c.Load(context.Background(), k, 0, func() (*workBoardBody, error) { return kept, nil }); err != nil {
				t.Fatal(err)
			}
			if got := load(tt.key, tt.now); (got == kept) != tt.hit {
				t.Errorf("kept content used: %v, want %v", got == kept, tt.hit)
			}
		})
	}
}
