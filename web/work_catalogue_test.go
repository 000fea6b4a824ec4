package web

import (
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"hitori"
	"hitori/sla"
)

// TestWorkCatalogueKeys checks the keys the work area and the portal build
// at run time (TestCatalogues sees only literal ones), in both languages.
func TestWorkCatalogueKeys(t *testing.T) {
	locs, err := loadLocales()
	if err != nil {
		t.Fatal(err)
	}
	var keys []string
	for _, st := range hitori.Statuses {
		keys = append(keys, workStatusKey(st))
	}
	for _, src := range hitori.Sources {
		keys = append(keys, "work.source."+string(src))
	}
	for _, typ := range []hitori.ItemType{hitori.TypeTicket, hitori.TypeTask} {
		keys = append(keys, "work.type."+string(typ), "work.type_hint."+string(typ))
	}
	for q := hitori.Quadrant(1); q <= 4; q++ {
		keys = append(keys, workQuadrantKey(q), workQuadrantKey(q)+"_hint")
	}
	for _, s := range []string{"all", "mine", "unassigned"} {
		keys = append(keys, "work.scope."+s)
	}
	for _, s := range []string{"created", "updated", "next", "due"} {
		keys = append(keys, "work.sort."+s)
	}
	for d := 0; d < 7; d++ {
		keys = append(keys, "work.weekday."+strconv.Itoa(d))
	}
	for _, f := range []string{"title", "status", "category", "tags", "urgent", "important", "assignee_id", "vendor", "due_at", "merged_into", "merged_from", "?"} {
		keys = append(keys, workFieldKey(f))
	}
	for _, k := range []hitori.EventKind{hitori.EventReply, hitori.EventNote, hitori.EventEmail, hitori.EventChange} {
		keys = append(keys, workEventKey(k))
	}
	keys = append(keys, "audit.settings.work")
	// The holiday list's problems, shown line by line on the settings page.
	keys = append(keys, sla.KeyBadDate, sla.KeyNotRealDate, sla.KeyMissingName, sla.KeyMixedYears, sla.KeyReversedRange)
	// Keys the work package and the handlers name in Go: settings errors and flashes.
	files, _ := filepath.Glob("work_*.go")
	portal, _ := filepath.Glob("portal_*.go")
	files = append(append(files, portal...), "../work/settings.go")
	keyRE := regexp.MustCompile(`"((?:work|portal)\.[a-z0-9_.]*[a-z0-9_])"`)
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range keyRE.FindAllStringSubmatch(string(b), -1) {
			if m[1] != "work.settings" && m[1] != "work.js" { // the settings table key and the script, not messages
				keys = append(keys, m[1])
			}
		}
	}
	for _, f := range []string{"saved", "moved", "replied", "noted", "merged", "created", "bulk_nothing", "bulk_partial", "bulk_done", "settings_saved"} {
		keys = append(keys, "work.flash."+f)
	}
	for _, f := range []string{"created", "replied"} {
		keys = append(keys, "portal.flash."+f)
	}
	for _, lang := range Languages {
		for _, k := range keys {
			if _, ok := locs[lang].msgs[k]; !ok {
				t.Errorf("%s: key %q missing", lang, k)
			}
		}
	}
}
