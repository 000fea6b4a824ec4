package web

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"hitori"
)

// TestKBCatalogue checks the keys the knowledge pages build at run time or
// name in Go (TestCatalogues checks templates and error keys), and that
// kb.json stays in its own namespace so it cannot collide with core.json.
func TestKBCatalogue(t *testing.T) {
	locs, err := loadLocales()
	if err != nil {
		t.Fatal(err)
	}
	var keys []string
	for _, k := range hitori.ArticleKinds {
		keys = append(keys, "kb.kind."+string(k))
	}
	for _, v := range []hitori.Visibility{hitori.VisibleEveryone, hitori.VisibleStaff, hitori.VisibleRestricted} {
		keys = append(keys, "kb.visibility."+string(v), "kb.visibility_hint."+string(v))
	}
	for _, s := range []string{"relevance", "updated", "title", "review"} {
		keys = append(keys, "kb.sort."+s)
	}
	keys = append(keys, "audit."+kbAuditDelete)
	files, _ := filepath.Glob("kb_*.go")
	files = append(files, "api_kb.go")
	re := regexp.MustCompile(`"(kb\.[a-z0-9_.]*[a-z0-9_])"`)
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range re.FindAllStringSubmatch(string(b), -1) {
			if m[1] != "kb.js" && m[1] != "kb.json" {
				keys = append(keys, m[1])
			}
		}
	}
	for _, lang := range Languages {
		for _, k := range keys {
			if _, ok := locs[lang].msgs[k]; !ok {
				t.Errorf("%s: key %q missing", lang, k)
			}
		}
		b, err := localeFS.ReadFile("locales/" + lang + "/kb.json")
		if err != nil {
			t.Fatal(err)
		}
		var own map[string]string
		if err := json.Unmarshal(b, &own); err != nil {
			t.Fatal(err)
		}
		for k, v := range own {
			if !strings.HasPrefix(k, "kb.") && k != "audit."+kbAuditDelete {
				t.Errorf("%s/kb.json: key %q outside the kb. namespace", lang, k)
			}
			if want, got := strings.Count(locs["ja"].msgs[k], "%"), strings.Count(v, "%"); want != got {
				t.Errorf("%s/kb.json: %q has %d verbs, ja has %d", lang, k, got, want)
			}
		}
	}
}

// TestKBRoutesNeverFail calls every knowledge route as staff and as a
// requester with empty input and ids that do and do not exist: refusals
// and 404/422 are fine, a 500 is a bug.
func TestKBRoutesNeverFail(t *testing.T) {
	e := newKBEnv(t)
	a := e.mustArticle(&hitori.Article{Slug: "kb-1", Title: "印刷", Body: "本文"})
	for _, rt := range e.srv.kbRoutes() {
		method, path, _ := strings.Cut(rt.pattern, " ")
		for _, id := range []string{fmt.Sprint(a.ID), "424242", "kb-1", "%E2%80%8B", "-1"} {
			p := strings.ReplaceAll(path, "{id}", id)
			for _, who := range []string{"admin", "sato"} {
				var status int
				var body string
				if method == "GET" {
					status, _, body = e.as[who].get(p)
				} else {
					status, _, body = e.as[who].post(p, nil)
				}
				if status >= 500 {
					t.Errorf("%s %s as %s: %d %.300s", method, p, who, status, body)
				}
			}
			if !strings.Contains(path, "{id}") {
				break
			}
		}
	}
}
