package web

import (
	"strings"
	"sync"
	"testing"
)

// TestTemplatesParse parses every page as its first render would (pages are
// parsed on first use, not at start), so a broken template fails here
// rather than in front of a user; and pages asked for at once by many
// requests are parsed once and shared.
func TestTemplatesParse(t *testing.T) {
	tmpl, err := parseTemplates()
	if err != nil {
		t.Fatal(err)
	}
	if len(tmpl.pages) < 40 {
		t.Fatalf("%d pages found, want every templates/*.html but the partials", len(tmpl.pages))
	}
	for name := range tmpl.pages {
		t.Run(name, func(t *testing.T) {
			if strings.HasPrefix(name, "_") {
				t.Fatal("a partial is listed as a page")
			}
			pt, err := tmpl.page(name)
			if err != nil {
				t.Fatal(err)
			}
			if pt.Lookup("layout") == nil {
				t.Error("the page has no layout")
			}
		})
	}
	if _, err := tmpl.page("no_such_page"); err == nil {
		t.Error("an unknown page gave no error")
	}

	fresh, err := parseTemplates()
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	got := make([]any, 16)
	for i := range got {
		wg.Go(func() {
			pt, err := fresh.page([]string{"work_board", "work_list"}[i%2])
			if err != nil {
				t.Error(err)
			}
			got[i] = pt
		})
	}
	wg.Wait()
	for i := 2; i < len(got); i++ {
		if got[i] != got[i%2] {
			t.Fatalf("request %d got a set of its own", i)
		}
	}
}
