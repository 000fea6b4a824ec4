package web

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"hitori"
)

// TestCatalogues checks both languages have the same keys and that every
// key a template or handler names exists.
func TestCatalogues(t *testing.T) {
	locs, err := loadLocales()
	if err != nil {
		t.Fatal(err)
	}
	ja, en := locs["ja"].msgs, locs["en"].msgs
	for k := range ja {
		if _, ok := en[k]; !ok {
			t.Errorf("key %q missing in en", k)
		}
	}
	for k := range en {
		if _, ok := ja[k]; !ok {
			t.Errorf("key %q missing in ja", k)
		}
	}
	keyRE := regexp.MustCompile(`(?:\.T|\$\.T) "([a-z0-9_.]+)"|"((?:error|flash|login|setup|totp|tokens|users|audit|nav|role|area|action|field|filter|account|home)\.[a-z0-9_.]+)"`)
	check := func(src, name string) {
		for _, m := range keyRE.FindAllStringSubmatch(src, -1) {
			k := m[1] + m[2]
			isGo := strings.HasSuffix(name, ".go")
			if strings.HasSuffix(k, ".") || (isGo && !strings.HasPrefix(k, "error.") && !strings.HasPrefix(k, "flash.")) {
				continue
			}
			if _, ok := ja[k]; !ok {
				t.Errorf("%s uses key %q, missing from the catalogue", name, k)
			}
		}
	}
	files, _ := fs.Glob(templateFS, "templates/*.html")
	for _, f := range files {
		b, _ := templateFS.ReadFile(f)
		check(string(b), f)
	}
	for _, dir := range []string{".", ".."} {
		gofiles, _ := filepath.Glob(filepath.Join(dir, "*.go"))
		for _, f := range gofiles {
			if strings.HasSuffix(f, "_test.go") {
				continue
			}
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			check(string(b), f)
		}
	}
	// Keys built at run time from values.
	for _, r := range hitori.Roles {
		check(`"role.`+string(r)+`"`, "roles")
	}
	for _, a := range hitori.AuditActions {
		if _, ok := ja["audit."+a]; !ok {
			t.Errorf("audit action %q has no label", a)
		}
	}
	for _, k := range []string{"home", "work", "knowledge", "assets", "operations", "handover", "reports", "settings"} {
		check(`"nav.`+k+`"`, "nav")
	}
}
