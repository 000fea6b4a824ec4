package hitori_test

import (
	"go/build"
	"io/fs"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// projectImports returns the project packages that the non-test files in
// dir import.
func projectImports(t *testing.T, dir string) []string {
	t.Helper()
	pkg, err := build.ImportDir(dir, 0)
	if err != nil {
		t.Fatalf("read package %s: %v", dir, err)
	}
	var out []string
	for _, imp := range pkg.Imports {
		if imp == "hitori" || strings.HasPrefix(imp, "hitori/") {
			out = append(out, imp)
		}
	}
	return out
}

// TestImportGraph pins the package layout of DESIGN.md: the domain imports
// nothing of the project, and storage knows only the domain and memo, a
// leaf utility (kept values computed once at a time) that imports nothing
// of the project either, as the standard library would not.
func TestImportGraph(t *testing.T) {
	tests := []struct {
		dir     string
		allowed []string
	}{
		{".", nil},
		{"memo", nil},
		{"sqlstore", []string{"hitori", "hitori/memo"}},
	}
	for _, tt := range tests {
		t.Run(tt.dir, func(t *testing.T) {
			for _, imp := range projectImports(t, tt.dir) {
				if !slices.Contains(tt.allowed, imp) {
					t.Errorf("%s imports %s; allowed project imports: %v", tt.dir, imp, tt.allowed)
				}
			}
		})
	}
}

// TestOnlySQLStoreImportsDrivers keeps database drivers (and SQL text) in sqlstore.
func TestOnlySQLStoreImportsDrivers(t *testing.T) {
	drivers := []string{"modernc.org/sqlite", "github.com/jackc/pgx"}
	err := filepath.WalkDir(".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || !d.IsDir() {
			return err
		}
		if name := d.Name(); path != "." && (strings.HasPrefix(name, ".") || name == "testdata" || name == "node_modules") {
			return filepath.SkipDir
		}
		if path == "sqlstore" || strings.HasPrefix(path, "sqlstore"+string(filepath.Separator)) {
			return nil
		}
		pkg, err := build.ImportDir(path, 0)
		if err != nil {
			return nil // no Go files here
		}
		for _, imp := range pkg.Imports {
			for _, drv := range drivers {
				if strings.HasPrefix(imp, drv) {
					t.Errorf("%s imports the database driver %s; only sqlstore may", path, imp)
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
