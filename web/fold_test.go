package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"hitori"
)

// panelOpen finds the <details> tagged data-testid=id in body and reports
// whether it is there and whether it renders unfolded.
func panelOpen(t *testing.T, body, id string) bool {
	t.Helper()
	i := strings.Index(body, `data-testid="`+id+`"`)
	if i < 0 {
		t.Fatalf("no %s panel", id)
	}
	start := strings.LastIndex(body[:i], "<")
	tag := body[start : i+strings.Index(body[i:], ">")+1]
	if !strings.HasPrefix(tag, "<details") {
		t.Fatalf("%s is %s, want a <details>", id, tag)
	}
	return strings.Contains(tag, " open")
}

func TestWorkPanelsFold(t *testing.T) {
	e := newWorkEnv(t)
	admin := e.mustUser("admin@example.com", hitori.RoleAdmin)
	a := mustItem(t, e, nil, "一件目", inQuadrant(4))
	mustItem(t, e, nil, "二件目", inQuadrant(3))
	c := e.client()
	c.login(admin.Email, "password123")
	id := strconv.FormatInt(a.ID, 10)

	for _, tc := range []struct {
		name            string
		path            string
		wantSaved, bulk bool
	}{
		{"plain list folds both", "/work/items", false, false},
		{"sorting only folds both", "/work/items?sort=updated", false, false},
		{"a filter opens saved filters", "/work/items?quadrant=4", true, false},
		{"all statuses is a filter", "/work/items?status=all", true, false},
		{"just saved a filter", "/work/items?flash=filter_saved", true, false},
		{"ticked items open bulk edit", "/work/items?id=" + id, false, true},
		{"bulk edit with nothing to do", "/work/items?flash=bulk_nothing", false, true},
		{"after a bulk edit folds it", "/work/items?flash=bulk_done&n=2", false, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			body := c.mustGet(tc.path)
			if got := panelOpen(t, body, "saved-filters"); got != tc.wantSaved {
				t.Errorf("saved filters open = %v, want %v", got, tc.wantSaved)
			}
			if got := panelOpen(t, body, "work-bulk-panel"); got != tc.bulk {
				t.Errorf("bulk edit open = %v, want %v", got, tc.bulk)
			}
			if !strings.Contains(body, "<summary>保存した絞り込み（0件）</summary>") {
				t.Error("saved filters summary missing")
			}
		})
	}

	if body := c.mustGet("/work/items?id=" + id); !strings.Contains(body, `value="`+id+`" aria-label="`+a.Key()+`" checked`) {
		t.Error("ticked item not checked")
	}
	// Ticking items but choosing no change keeps the ticks.
	status, loc, _ := c.post("/work/items/bulk", url.Values{"id": {id}, "next": {"/work/items?sort=updated"}})
	if status != http.StatusSeeOther || !strings.Contains(loc, "flash=bulk_nothing") || !strings.Contains(loc, "id="+id) {
		t.Fatalf("bulk with no change: %d %q", status, loc)
	}
	if got := workFilterQuery("id=3&tag=vpn"); got != "tag=vpn" {
		t.Errorf("saved query keeps ticks: %q", got)
	}
}

func TestKBFiltersFold(t *testing.T) {
	e := newKBEnv(t)
	for _, tc := range []struct {
		name, user, path string
		open             bool
	}{
		{"list folds", "sato", "/kb", false},
		{"search folds", "sato", "/kb?q=VPN&kind=&category=&tag=&sort=relevance", false},
		{"a kind opens", "sato", "/kb?kind=faq", true},
		{"a tag opens with a search", "admin", "/kb?q=VPN&tag=VPN", true},
		{"stale tab folds", "admin", "/kb?tab=stale", false},
		{"stale tab with a category opens", "admin", "/kb?tab=stale&category=x", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			body := e.as[tc.user].mustGet(tc.path)
			if got := panelOpen(t, body, "kb-filters"); got != tc.open {
				t.Errorf("filters open = %v, want %v", got, tc.open)
			}
			if !strings.Contains(body, `data-testid="kb-q"`) && !strings.Contains(tc.path, "stale") {
				t.Error("the keyword box must stay outside the fold")
			}
		})
	}
}
