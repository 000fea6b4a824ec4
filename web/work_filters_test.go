package web

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"hitori"
)

func TestWorkSavedFilters(t *testing.T) {
	e := newWorkEnv(t)
	e.mustUser("tech@example.com", hitori.RoleTechnician)
	e.mustUser("admin@example.com", hitori.RoleAdmin)
	tech, admin := e.client(), e.client()
	tech.login("tech@example.com", "password123")
	admin.login("admin@example.com", "password123")

	list := tech.mustGet("/work/items?status=all&tag=vpn&page=2")
	form := section(list, "save-filter", "</form>")
	if !strings.Contains(form, `name="query" value="status=all&amp;tag=vpn"`) {
		t.Fatalf("save form does not carry the list's query without the page:\n%s", form)
	}
	status, loc, body := tech.post("/work/filters", url.Values{"name": {"VPN 全部"}, "query": {"status=all&tag=vpn&page=2&flash=x"}})
	if status != http.StatusSeeOther || loc != "/work/items?flash=filter_saved&status=all&tag=vpn" {
		t.Fatalf("save: status %d location %q\n%.300s", status, loc, body)
	}
	saved := section(tech.mustGet("/work/items"), "saved-filters", "</details>")
	if !strings.Contains(saved, `href="/work/items?status=all&amp;tag=vpn"`) || !strings.Contains(saved, "VPN 全部") {
		t.Fatalf("saved filter not linked:\n%s", saved)
	}
	if other := section(admin.mustGet("/work/items"), "saved-filters", "</details>"); strings.Contains(other, "VPN 全部") {
		t.Error("another user sees tech's saved filter")
	}

	for name, form := range map[string]url.Values{
		"no name":    {"name": {" "}, "query": {"q=x"}},
		"long name":  {"name": {strings.Repeat("名", 61)}},
		"long query": {"name": {"long"}, "query": {"q=" + strings.Repeat("a", 2000)}},
	} {
		t.Run(name, func(t *testing.T) {
			if status, _, _ := tech.post("/work/filters", form); status != http.StatusUnprocessableEntity {
				t.Errorf("status %d, want 422", status)
			}
		})
	}

	id := regexp.MustCompile(`/work/filters/(\d+)/delete`).FindStringSubmatch(saved)
	if id == nil {
		t.Fatal("no delete form")
	}
	if status, _, _ := admin.post("/work/filters/"+id[1]+"/delete", nil); status != http.StatusNotFound {
		t.Errorf("delete another's filter: status %d, want 404", status)
	}
	status, loc, _ = tech.post("/work/filters/"+id[1]+"/delete", url.Values{"next": {"/work/items?tag=vpn"}})
	if status != http.StatusSeeOther || !strings.HasPrefix(loc, "/work/items?flash=filter_deleted") {
		t.Fatalf("delete: status %d location %q", status, loc)
	}
	if saved := section(tech.mustGet("/work/items"), "saved-filters", "</details>"); strings.Contains(saved, "VPN 全部") {
		t.Error("deleted filter still listed")
	}
	if status, _, _ := tech.post("/work/filters/abc/delete", nil); status != http.StatusNotFound {
		t.Errorf("bad id: status %d, want 404", status)
	}
}
