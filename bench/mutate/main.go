// Command mutate is hitori's mutation check: it plants each small, realistic
// bug of mutants.go, one at a time, in a copy of the source tree, runs the
// tests of the package that should notice, and reports which bugs went
// unnoticed. A surviving mutant names a missing test.
//
// Run it from the module root:
//
//	go run ./bench/mutate                 # all mutants
//	go run ./bench/mutate -set security   # one set
//	go run ./bench/mutate -v -only lockout  # names containing "lockout", with test output
//
// HITORI_TEST_POSTGRES is passed through, so store tests run on both
// databases when it is set. The working tree is never modified: the tree is
// copied (tracked and untracked, not ignored files) to a temporary folder.
// It exits non-zero when a mutant's search text is not found exactly once
// (the list has gone stale), when a package's tests fail before any
// mutation, or when the score is below the targets (90 % overall, 100 % for
// the security set).
package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"time"
)

// Targets the scores must meet.
const (
	targetOverall  = 0.90
	targetSecurity = 1.00
)

func main() {
	set := flag.String("set", "", "run only the mutants of this set")
	only := flag.String("only", "", "run only mutants whose name contains this text")
	timeout := flag.Duration("timeout", 5*time.Minute, "go test -timeout for one mutant")
	verbose := flag.Bool("v", false, "show the test output of surviving mutants and baseline failures")
	keep := flag.Bool("keep", false, "keep the temporary copy of the tree")
	flag.Parse()
	if err := run(*set, *only, *timeout, *verbose, *keep); err != nil {
		fmt.Fprintln(os.Stderr, "mutate:", err)
		os.Exit(1)
	}
}

func run(set, only string, timeout time.Duration, verbose, keep bool) error {
	root, err := moduleRoot()
	if err != nil {
		return err
	}
	if err := validate(root, mutants); err != nil {
		return err
	}
	var chosen []mutant
	for _, m := range mutants {
		if (set == "" || m.Set == set) && (only == "" || strings.Contains(m.Name, only)) {
			chosen = append(chosen, m)
		}
	}
	if len(chosen) == 0 {
		return errors.New("no mutant matches -set/-only")
	}
	tmp, err := os.MkdirTemp("", "hitori-mutate-")
	if err != nil {
		return err
	}
	if keep {
		fmt.Println("copy kept at", tmp)
	} else {
		defer os.RemoveAll(tmp)
	}
	if err := copyTree(root, tmp); err != nil {
		return err
	}

	// Every test run must pass on the unmutated tree, or "caught" means nothing.
	fmt.Printf("baseline: %d test runs on the unmutated tree\n", len(distinctRuns(chosen)))
	for _, r := range distinctRuns(chosen) {
		out, err := goTest(tmp, r, timeout)
		if err != nil {
			if verbose {
				os.Stdout.Write(out)
			}
			return fmt.Errorf("baseline failed for %s %s: %v (fix the tests first; -v shows the output)", r.Package, r.Run, err)
		}
	}

	results := map[string][2]int{} // set -> caught, total
	var survived, broken []string
	start := time.Now()
	for i, m := range chosen {
		t0 := time.Now()
		status, out, err := try(tmp, m, timeout)
		if err != nil {
			return err
		}
		fmt.Printf("[%2d/%d] %-8s %-10s %-34s %s (%.0fs)\n", i+1, len(chosen), status, m.Set, m.Name, m.Package, time.Since(t0).Seconds())
		r := results[m.Set]
		r[1]++
		switch status {
		case "caught":
			r[0]++
		case "SURVIVED":
			survived = append(survived, m.Name)
			if verbose {
				os.Stdout.Write(out)
			}
		default:
			broken = append(broken, m.Name)
			os.Stdout.Write(lastLines(out, 15))
		}
		results[m.Set] = r
	}

	var sets []string
	caught, total := 0, 0
	for s, r := range results {
		sets = append(sets, s)
		caught += r[0]
		total += r[1]
	}
	sort.Strings(sets)
	fmt.Printf("\nmutation score: %d/%d = %.1f %% overall (target %.0f %%), %s\n", caught, total, pct(caught, total), targetOverall*100, time.Since(start).Round(time.Second))
	for _, s := range sets {
		r := results[s]
		fmt.Printf("  %-10s %2d/%-2d = %5.1f %%\n", s, r[0], r[1], pct(r[0], r[1]))
	}
	if len(survived) > 0 {
		fmt.Printf("survived (each names a missing test): %s\n", strings.Join(survived, ", "))
	}
	var fail []string
	if len(broken) > 0 {
		fail = append(fail, fmt.Sprintf("mutants that do not compile or time out (fix the list): %s", strings.Join(broken, ", ")))
	}
	if float64(caught) < targetOverall*float64(total) {
		fail = append(fail, fmt.Sprintf("overall score below %.0f %%", targetOverall*100))
	}
	if r, ok := results["security"]; ok && float64(r[0]) < targetSecurity*float64(r[1]) {
		fail = append(fail, fmt.Sprintf("security score below %.0f %%", targetSecurity*100))
	}
	if len(fail) > 0 {
		return errors.New(strings.Join(fail, "; "))
	}
	return nil
}

func pct(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return 100 * float64(a) / float64(b)
}

// validate checks every mutant's search text occurs exactly once in its
// file, so the list fails loudly instead of silently testing nothing.
func validate(root string, ms []mutant) error {
	var errs []string
	names := map[string]bool{}
	for _, m := range ms {
		if names[m.Name] {
			errs = append(errs, fmt.Sprintf("%s: duplicate name", m.Name))
		}
		names[m.Name] = true
		if m.Name == "" || m.Set == "" || m.Package == "" || m.Search == m.Replace {
			errs = append(errs, fmt.Sprintf("%q: needs a name, set, package and a replacement that differs", m.Name))
			continue
		}
		b, err := os.ReadFile(filepath.Join(root, m.File))
		if err != nil {
			errs = append(errs, fmt.Sprintf("%s: %v", m.Name, err))
			continue
		}
		if n := bytes.Count(b, []byte(m.Search)); n != 1 {
			errs = append(errs, fmt.Sprintf("%s: search text found %d times in %s, want exactly once: %q", m.Name, n, m.File, m.Search))
		}
	}
	if len(errs) > 0 {
		return fmt.Errorf("the mutant list is stale:\n  %s", strings.Join(errs, "\n  "))
	}
	return nil
}

// try plants m in the copy, runs its tests and restores the file.
func try(tree string, m mutant, timeout time.Duration) (status string, out []byte, err error) {
	path := filepath.Join(tree, m.File)
	orig, err := os.ReadFile(path)
	if err != nil {
		return "", nil, err
	}
	mutated := bytes.Replace(orig, []byte(m.Search), []byte(m.Replace), 1)
	if err := os.WriteFile(path, mutated, 0o644); err != nil {
		return "", nil, err
	}
	defer func() {
		if werr := os.WriteFile(path, orig, 0o644); werr != nil && err == nil {
			err = werr
		}
	}()
	out, terr := goTest(tree, testRun{m.Package, m.Run}, timeout)
	switch {
	case terr == nil:
		return "SURVIVED", out, nil
	case errors.Is(terr, context.DeadlineExceeded):
		return "TIMEOUT", out, nil
	case bytes.Contains(out, []byte("[build failed]")) || bytes.Contains(out, []byte("[setup failed]")):
		// A mutant that does not build tests nothing: report it, never score it as caught.
		return "NOBUILD", out, nil
	}
	return "caught", out, nil
}

// testRun is one go test invocation.
type testRun struct{ Package, Run string }

func distinctRuns(ms []mutant) []testRun {
	seen := map[testRun]bool{}
	var out []testRun
	for _, m := range ms {
		r := testRun{m.Package, m.Run}
		if !seen[r] {
			seen[r] = true
			out = append(out, r)
		}
	}
	return out
}

// goTest runs the tests without -race (a mutant needs a verdict, not a
// race report) and without the test cache.
func goTest(tree string, r testRun, timeout time.Duration) ([]byte, error) {
	args := []string{"test", "-count=1", "-timeout", timeout.String()}
	if r.Run != "" {
		args = append(args, "-run", r.Run)
	}
	return goCmd(tree, timeout+time.Minute, append(args, r.Package)...)
}

func goCmd(dir string, timeout time.Duration, args ...string) ([]byte, error) {
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, "go", args...)
	cmd.Dir = dir
	cmd.Env = os.Environ() // HITORI_TEST_POSTGRES and the Go cache pass through
	out, err := cmd.CombinedOutput()
	if ctx.Err() != nil {
		return out, context.DeadlineExceeded
	}
	return out, err
}

func lastLines(b []byte, n int) []byte {
	lines := bytes.Split(bytes.TrimRight(b, "\n"), []byte("\n"))
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return append(bytes.Join(lines, []byte("\n")), '\n')
}

// moduleRoot is the folder holding hitori's go.mod.
func moduleRoot() (string, error) {
	out, err := exec.Command("go", "env", "GOMOD").Output()
	if err != nil {
		return "", fmt.Errorf("go env GOMOD: %w", err)
	}
	mod := strings.TrimSpace(string(out))
	if mod == "" || mod == os.DevNull {
		return "", errors.New("run from inside the hitori module")
	}
	return filepath.Dir(mod), nil
}

// copyTree copies the files git knows about (tracked, and untracked but not
// ignored, so uncommitted work is checked too) from root to dst.
func copyTree(root, dst string) error {
	cmd := exec.Command("git", "ls-files", "-z", "--cached", "--others", "--exclude-standard")
	cmd.Dir = root
	out, err := cmd.Output()
	if err != nil {
		return fmt.Errorf("git ls-files: %w", err)
	}
	for _, rel := range strings.Split(strings.TrimRight(string(out), "\x00"), "\x00") {
		if rel == "" {
			continue
		}
		if err := copyFile(filepath.Join(root, rel), filepath.Join(dst, rel)); err != nil {
			if errors.Is(err, os.ErrNotExist) {
				continue // deleted in the working tree but not yet in the index
			}
			return err
		}
	}
	return nil
}

func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	st, err := in.Stat()
	if err != nil || st.IsDir() {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		return err
	}
	out, err := os.OpenFile(dst, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, st.Mode().Perm())
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}
