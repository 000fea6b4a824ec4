package hitori_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"strings"
	"testing"
)

// TestNoBareSkips keeps HITORI_TEST_REQUIRE_ALL=1 (CI) meaning "nothing
// skipped" (issue 15): a test may skip only through storetest.Skip, which
// fails under REQUIRE_ALL, or inside `if testing.Short()`, which CI does
// not set. A case that does not apply somewhere is not created there.
// Benchmarks may skip: CI runs no -bench, and they need seeded data.
func TestNoBareSkips(t *testing.T) {
	fset := token.NewFileSet()
	err := filepath.WalkDir(".", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if name := d.Name(); path != "." && (strings.HasPrefix(name, ".") || name == "testdata") {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(path, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(fset, path, nil, 0)
		if err != nil {
			return err
		}
		var stack []ast.Node
		ast.Inspect(f, func(n ast.Node) bool {
			if n == nil {
				stack = stack[:len(stack)-1]
				return true
			}
			stack = append(stack, n)
			if call, ok := n.(*ast.CallExpr); ok && isBareSkip(call) && !underShort(stack) && !inBenchmark(stack) {
				t.Errorf("%s: a skip that HITORI_TEST_REQUIRE_ALL=1 cannot catch; use storetest.Skip, `if testing.Short()`, or do not create the case", fset.Position(call.Pos()))
			}
			return true
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// isBareSkip reports a call of Skip, Skipf or SkipNow on anything but the
// storetest package.
func isBareSkip(call *ast.CallExpr) bool {
	sel, ok := call.Fun.(*ast.SelectorExpr)
	if !ok || (sel.Sel.Name != "Skip" && sel.Sel.Name != "Skipf" && sel.Sel.Name != "SkipNow") {
		return false
	}
	pkg, ok := sel.X.(*ast.Ident)
	return !ok || pkg.Name != "storetest"
}

// underShort reports whether the innermost node of stack lies in the body
// of an `if` whose condition calls testing.Short().
func underShort(stack []ast.Node) bool {
	for i := len(stack) - 2; i >= 0; i-- {
		ifs, ok := stack[i].(*ast.IfStmt)
		if !ok || stack[i+1] != ifs.Body {
			continue
		}
		short := false
		ast.Inspect(ifs.Cond, func(n ast.Node) bool {
			if sel, ok := n.(*ast.SelectorExpr); ok && sel.Sel.Name == "Short" {
				if pkg, ok := sel.X.(*ast.Ident); ok && pkg.Name == "testing" {
					short = true
				}
			}
			return !short
		})
		if short {
			return true
		}
	}
	return false
}

// inBenchmark reports whether the innermost function around the top of
// stack takes a *testing.B.
func inBenchmark(stack []ast.Node) bool {
	for i := len(stack) - 1; i >= 0; i-- {
		var ft *ast.FuncType
		switch fn := stack[i].(type) {
		case *ast.FuncDecl:
			ft = fn.Type
		case *ast.FuncLit:
			ft = fn.Type
		default:
			continue
		}
		for _, p := range ft.Params.List {
			if star, ok := p.Type.(*ast.StarExpr); ok {
				if sel, ok := star.X.(*ast.SelectorExpr); ok && sel.Sel.Name == "B" {
					if pkg, ok := sel.X.(*ast.Ident); ok && pkg.Name == "testing" {
						return true
					}
				}
			}
		}
		return false
	}
	return false
}
