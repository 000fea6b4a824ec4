package web

import (
	"io/fs"
	"regexp"
	"strings"
	"testing"

	"hitori"
)

// TestOneNameForCategory: items, knowledge and the SLA settings call the
// same idea カテゴリー; 分類 and カテゴリ made a new user think they were
// three things (issue 9, item 14).
func TestOneNameForCategory(t *testing.T) {
	files, err := fs.Glob(localeFS, "locales/ja/*.json")
	if err != nil || len(files) == 0 {
		t.Fatalf("no ja catalogues: %v", err)
	}
	other := regexp.MustCompile(`分類|カテゴリ([^ー]|$)`)
	for _, f := range files {
		b, _ := localeFS.ReadFile(f)
		for i, line := range strings.Split(string(b), "\n") {
			if m := other.FindString(line); m != "" {
				t.Errorf("%s:%d: %q: write カテゴリー", f, i+1, m)
			}
		}
	}
}

// TestCategoryListEverywhere: the staff forms offer the list the portal
// offers, and the button to the settings is named as the page is.
func TestCategoryListEverywhere(t *testing.T) {
	e := newWorkEnv(t)
	admin := e.mustUser("admin@example.com", hitori.RoleAdmin)
	sato := e.mustUser("sato@example.com", hitori.RoleRequester)
	it := mustItem(t, e, sato, "古い分類の問い合わせ", func(it *hitori.Item) { it.Category = "旧システム" })
	c := e.client()
	c.login(admin.Email, "password123")
	p := e.client()
	p.login(sato.Email, "password123")
	pages := map[string]string{"staff new": c.mustGet("/work/items/new"), "staff item": c.mustGet(workItemURL(it.ID)),
		"portal new": p.mustGet("/portal/new")}
	for name, page := range pages {
		sel := page[strings.Index(page, `<select name="category"`)+1:]
		sel, _, _ = strings.Cut(sel, "</select>")
		for _, want := range []string{"PC・周辺機器", `value="その他"`} {
			if !strings.Contains(sel, want) {
				t.Errorf("%s: category select %.200q lacks %q", name, sel, want)
			}
		}
		if strings.Contains(page, `list="work-categories"`) {
			t.Errorf("%s: category is free text", name)
		}
	}
	if !strings.Contains(pages["staff item"], `<option value="旧システム" selected>`) {
		t.Error("staff item: a category off the list is not kept")
	}
	board, settings := c.mustGet("/work"), c.mustGet("/work/settings")
	h1, _, _ := strings.Cut(settings[strings.Index(settings, "<h1>")+4:], "</h1>")
	if !strings.Contains(board, `href="/work/settings">`+h1+`</a>`) {
		t.Errorf("board's settings button does not say %q", h1)
	}
}
