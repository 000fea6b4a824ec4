package e2e

import (
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"runtime/debug"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// binDir holds the binary; TestMain makes it and removes it after the run.
var binDir string

// TestMain provides the folder for the one hitori binary all tests share.
func TestMain(m *testing.M) {
	os.Exit(runTests(m))
}

// runTests is TestMain's body; it returns the exit code so that the deferred
// clean-up runs before os.Exit.
func runTests(m *testing.M) int {
	dir, err := os.MkdirTemp("", "hitori-e2e-bin-")
	if err != nil {
		fmt.Fprintln(os.Stderr, "e2e:", err)
		return 1
	}
	defer os.RemoveAll(dir)
	binDir = dir
	return m.Run()
}

// hitoriBin returns the path of the hitori binary, building it on the first
// call, once for the whole run. The build happens inside m.Run, not before
// it, because only there does go test record the files a test looks at: see
// declareInputs.
func hitoriBin(t testing.TB) string {
	t.Helper()
	path, err := buildOnce()
	if err != nil {
		if buildReported.Swap(true) {
			t.Fatal("e2e: the hitori binary did not build; the first failing test shows why")
		}
		t.Fatal(err)
	}
	return path
}

// buildReported keeps a build error to one copy instead of one per test.
var buildReported atomic.Bool

var buildOnce = sync.OnceValues(func() (string, error) {
	root, err := filepath.Abs("..") // go test runs in the package folder
	if err != nil {
		return "", err
	}
	if _, err := os.Stat(filepath.Join(root, "go.mod")); err != nil {
		return "", fmt.Errorf("e2e: module root not found above the test folder: %w", err)
	}
	if err := declareInputs(root); err != nil {
		return "", err
	}
	bin := filepath.Join(binDir, "hitori")
	args := []string{"build", "-o", bin}
	if raceEnabled() {
		// A race in the server is what a real browser's parallel requests
		// are most likely to provoke; the instrumented binary reports it
		// and exits 66, which the graceful-shutdown check turns into a
		// failure.
		args = append(args, "-race")
	}
	args = append(args, "./cmd/hitori")
	start := time.Now()
	cmd := exec.Command("go", args...) // go test puts its own go first on PATH
	cmd.Dir = root
	if out, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("e2e: go %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	fmt.Fprintf(os.Stderr, "e2e: built %s (race=%t) in %s\n", bin, raceEnabled(), time.Since(start).Round(time.Millisecond))
	return bin, nil
})

// declareInputs stats every source file of the module. The test binary does
// not contain the server (it runs a separately built one), so without this
// go test would replay a cached "ok" after a change to web/ or cmd/; the
// files a test stats become part of the cache key.
func declareInputs(root string) error {
	return filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			if path == root {
				return err
			}
			return nil // a file another process just removed: nothing to build from
		}
		name := d.Name()
		if d.IsDir() {
			if path != root && (strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_") || name == "testdata") {
				return filepath.SkipDir // as the go command ignores them
			}
			return nil
		}
		if strings.HasSuffix(name, "_test.go") {
			return nil
		}
		_, _ = os.Stat(path) // the call is the point: go test logs it
		return nil
	})
}

// raceEnabled reports whether this test binary was built with -race, read
// from the build settings so no pair of build-tagged files is needed.
func raceEnabled() bool {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return false
	}
	for _, s := range bi.Settings {
		if s.Key == "-race" {
			return s.Value == "true"
		}
	}
	return false
}
