package web

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"

	"hitori"
)

func TestWorkListFilters(t *testing.T) {
	e := newWorkEnv(t)
	admin := e.mustUser("admin@example.com", hitori.RoleAdmin)
	vpn := mustItem(t, e, nil, "VPN がつながらない", inQuadrant(1), func(it *hitori.Item) { it.Tags = []string{"リモート"}; it.Category = "ネットワーク" })
	printer := mustItem(t, e, nil, "プリンター", inQuadrant(4), func(it *hitori.Item) { it.AssigneeID = &admin.ID })
	task := mustItem(t, e, nil, "証明書更新", func(it *hitori.Item) { it.Type = hitori.TypeTask })
	done := mustItem(t, e, nil, "解決済み")
	closed := hitori.StatusClosed
	if _, err := e.db.Items().UpdateItem(t.Context(), done.ID, hitori.ItemUpdate{Status: &closed}); err != nil {
		t.Fatal(err)
	}
	c := e.client()
	c.login(admin.Email, "password123")
	ids := func(its ...*hitori.Item) []string {
		var out []string
		for _, it := range its {
			out = append(out, strconv.FormatInt(it.ID, 10))
		}
		return out
	}
	tests := []struct {
		query string
		want  []string
	}{
		{"", ids(task, printer, vpn)}, // open items, newest first
		{"?status=all", ids(done, task, printer, vpn)},
		{"?status=closed", ids(done)},
		{"?q=vpn", ids(vpn)},
		{"?q=HD-" + strconv.FormatInt(printer.ID, 10), ids(printer)},
		{"?type=task", ids(task)},
		{"?quadrant=1", ids(vpn)},
		{"?assignee=me", ids(printer)},
		{"?assignee=none&sort=next", ids(vpn, task)},
		{"?category=ネットワーク", ids(vpn)},
		{"?tag=リモート", ids(vpn)},
		{"?quadrant=9&type=bogus&sort=nope", ids(task, printer, vpn)}, // nonsense is ignored, not an error
	}
	for _, tt := range tests {
		body := c.mustGet("/work/items" + tt.query)
		if got := itemIDs(section(body, "work-list", "</table>")); !slices.Equal(got, tt.want) {
			t.Errorf("/work/items%s lists %v, want %v", tt.query, got, tt.want)
		}
	}
}

func TestWorkBulkEdit(t *testing.T) {
	e := newWorkEnv(t)
	admin := e.mustUser("admin@example.com", hitori.RoleAdmin)
	tech := e.mustUser("tech@example.com", hitori.RoleTechnician)
	a := mustItem(t, e, nil, "一件目", inQuadrant(4))
	b := mustItem(t, e, nil, "二件目", inQuadrant(3))
	other := mustItem(t, e, nil, "対象外", inQuadrant(4))
	c := e.client()
	c.login(admin.Email, "password123")

	if body := c.mustGet("/work/items"); !strings.Contains(body, `data-testid="work-bulk"`) || !strings.Contains(body, `name="id" value="`+strconv.FormatInt(a.ID, 10)+`"`) {
		t.Fatal("no bulk-edit form with checkboxes")
	}
	status, loc, body := c.post("/work/items/bulk", url.Values{"id": {strconv.FormatInt(a.ID, 10), b.Key()}, "status": {"in_progress"},
		"assignee": {strconv.FormatInt(tech.ID, 10)}, "quadrant": {"2"}, "next": {"/work/items?sort=updated"}})
	if status != http.StatusSeeOther || !strings.HasPrefix(loc, "/work/items?") || !strings.Contains(loc, "flash=bulk_done") || !strings.Contains(loc, "n=2") {
		t.Fatalf("bulk: %d %q\n%.500s", status, loc, body)
	}
	if page := c.mustGet(loc); !strings.Contains(page, "2件を更新しました") {
		t.Error("no count after the bulk edit")
	}
	for _, it := range []*hitori.Item{a, b} {
		got := mustFind(t, e, it.ID)
		if got.Status != hitori.StatusInProgress || got.AssigneeID == nil || *got.AssigneeID != tech.ID || got.Quadrant() != 2 {
			t.Errorf("%s after bulk: status %s assignee %v quadrant %d", it.Key(), got.Status, got.AssigneeID, got.Quadrant())
		}
		// Each change went through UpdateItem, so the history says who changed what.
		var fields []string
		for _, ev := range mustEvents(t, e, it.ID) {
			if ev.Kind == hitori.EventChange && ev.Author == "admin" {
				fields = append(fields, ev.Field)
			}
		}
		if len(fields) < 3 || !slices.Contains(fields, "status") || !slices.Contains(fields, "assignee_id") || !slices.Contains(fields, "important") {
			t.Errorf("%s history %v, want status, assignee and importance changes", it.Key(), fields)
		}
	}
	if got := mustFind(t, e, other.ID); got.Status != hitori.StatusNew {
		t.Errorf("an unchecked item changed: %s", got.Status)
	}
	// Nothing selected or nothing to change: back to the list with a hint.
	for _, f := range []url.Values{{"status": {"closed"}}, {"id": {strconv.FormatInt(a.ID, 10)}}} {
		if status, loc, _ := c.post("/work/items/bulk", f); status != http.StatusSeeOther || !strings.Contains(loc, "flash=bulk_nothing") {
			t.Errorf("bulk %v: %d %q, want a redirect with bulk_nothing", f, status, loc)
		}
	}
	if status, _, _ := c.post("/work/items/bulk", url.Values{"id": {strconv.FormatInt(a.ID, 10)}, "status": {"bogus"}}); status != http.StatusUnprocessableEntity {
		t.Errorf("bulk with a bad status: %d, want 422", status)
	}
}

// TestWorkListTotalFromThePage: for a text the index cannot count alone (two
// characters), the list says "more than" the items of the pages so far and
// offers the next page; the last page says the exact number.
func TestWorkListTotalFromThePage(t *testing.T) {
	e := newWorkEnv(t)
	admin := e.mustUser("admin@example.com", hitori.RoleAdmin)
	for i := range workPerPage + 1 {
		mustItem(t, e, nil, "画面が映らない "+strconv.Itoa(i))
	}
	c := e.client()
	c.login(admin.Email, "password123")
	first := c.mustGet("/work/items?q=" + url.QueryEscape("画面"))
	if total := section(first, "work-total", "</p>"); !strings.Contains(total, "50件以上") {
		t.Errorf("first page's total: %q, want 50件以上", total)
	}
	if pages := first[strings.Index(first, `class="pager"`)+1:]; !strings.Contains(pages, "1 / 2+") || !strings.Contains(pages, `rel="next"`) {
		t.Errorf("first page's pager: %q, want 1 / 2+ and a next link", pages)
	}
	last := c.mustGet("/work/items?q=" + url.QueryEscape("画面") + "&page=2")
	if total := section(last, "work-total", "</p>"); !strings.Contains(total, "51") || strings.Contains(total, "以上") {
		t.Errorf("last page's total: %q, want exactly 51", total)
	}
	if got := itemIDs(section(last, "work-list", "</table>")); len(got) != 1 {
		t.Errorf("last page lists %d items, want 1", len(got))
	}
}

// TestWorkListFormKeepsTheFilter: the filter form shows what the list was
// asked for, each select with its one option marked, and staff names
// escaped.
func TestWorkListFormKeepsTheFilter(t *testing.T) {
	e := newWorkEnv(t)
	admin := e.mustUser("admin@example.com", hitori.RoleAdmin)
	tech := e.mustUser("tech@example.com", hitori.RoleTechnician)
	name := "<b>技術 太郎</b>"
	if _, err := e.db.Users().UpdateUser(t.Context(), tech.ID, hitori.UserUpdate{Name: &name}); err != nil {
		t.Fatal(err)
	}
	mustItem(t, e, nil, "VPN")
	c := e.client()
	c.login(admin.Email, "password123")
	body := c.mustGet("/work/items?status=waiting_vendor&type=task&quadrant=2&assignee=" + strconv.FormatInt(tech.ID, 10) + "&sort=updated")
	form := section(body, "work-filters", "</form>")
	for _, want := range []string{
		`<option value="waiting_vendor" selected>`,
		`<option value="task" selected>`,
		`<option value="2" selected>2. `,
		`<option value="` + strconv.FormatInt(tech.ID, 10) + `" selected>&lt;b&gt;技術 太郎&lt;/b&gt;</option>`,
		`<option value="updated" selected>`,
	} {
		if !strings.Contains(form, want) {
			t.Errorf("the filter form lacks %s", want)
		}
	}
	if n := strings.Count(form, " selected"); n != 5 {
		t.Errorf("%d options marked in the filter form, want 5", n)
	}
	if bulk := section(c.mustGet("/work/items"), "work-bulk-panel", "</details>"); strings.Contains(bulk, " selected") || !strings.Contains(bulk, "&lt;b&gt;技術 太郎") {
		t.Errorf("bulk edit: an option marked, or the name not escaped:\n%s", bulk)
	}
}
