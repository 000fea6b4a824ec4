package hitori

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// TestEveryAuditActionInTheFilterMenu: every Audit… action the domain
// declares is offered by the audit log's filter menu (AuditActions), so an
// area added later cannot record actions nobody can filter for. The
// vault's own actions (VaultAudit…) live in its hash-chained log instead.
func TestEveryAuditActionInTheFilterMenu(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	declared := map[string]string{}
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		file, err := parser.ParseFile(fset, f, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range file.Decls {
			g, ok := d.(*ast.GenDecl)
			if !ok || g.Tok != token.CONST {
				continue
			}
			for _, spec := range g.Specs {
				vs := spec.(*ast.ValueSpec)
				for i, n := range vs.Names {
					if !strings.HasPrefix(n.Name, "Audit") || i >= len(vs.Values) {
						continue
					}
					lit, ok := vs.Values[i].(*ast.BasicLit)
					if !ok || lit.Kind != token.STRING {
						continue
					}
					v, _ := strconv.Unquote(lit.Value)
					declared[n.Name] = v
				}
			}
		}
	}
	if len(declared) < 20 {
		t.Fatalf("found only %d Audit… constants; the scan is broken", len(declared))
	}
	for name, action := range declared {
		if !slices.Contains(AuditActions, action) {
			t.Errorf("%s (%q) is not in AuditActions", name, action)
		}
	}
}
