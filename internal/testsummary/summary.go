package main

import (
	"fmt"
	"io"
	"sort"
	"strings"
)

// summary keeps each running test's output until it knows whether to show
// it (on failure) or to take a skip reason from it.
type summary struct {
	out                    io.Writer
	pending                map[string][]string // package + test → output lines
	passed, failed, noTest int
	skips                  []string
}

func newSummary(out io.Writer) *summary {
	return &summary{out: out, pending: map[string][]string{}}
}

func (s *summary) feed(ev event) {
	key := ev.Package + " " + ev.Test
	switch {
	case ev.Action == "build-output":
		fmt.Fprint(s.out, ev.Output)
	case ev.Action == "output" && ev.Test == "":
		// Package lines: "ok  pkg 1.2s", "FAIL", panics outside a test. The
		// verbose "=== RUN" chatter of -json belongs to tests, not here.
		if !strings.HasPrefix(ev.Output, "=== ") && ev.Output != "PASS\n" {
			fmt.Fprint(s.out, ev.Output)
		}
	case ev.Action == "output":
		s.pending[key] = append(s.pending[key], ev.Output)
	case ev.Test != "" && ev.Action == "fail":
		for _, line := range s.pending[key] {
			if !strings.HasPrefix(line, "=== ") {
				fmt.Fprint(s.out, line)
			}
		}
		delete(s.pending, key)
	case ev.Test != "" && ev.Action == "skip":
		s.skips = append(s.skips, fmt.Sprintf("%s.%s: %s", short(ev.Package), ev.Test, skipReason(s.pending[key])))
		delete(s.pending, key)
	case ev.Test != "" && ev.Action == "pass":
		delete(s.pending, key)
	case ev.Action == "pass":
		s.passed++
	case ev.Action == "fail":
		s.failed++
	case ev.Action == "skip": // a package without test files
		s.noTest++
	}
}

// skipReason is the message t.Skip printed: the last line of the test's
// output that is not go test's own "=== RUN" or "--- SKIP" line.
func skipReason(lines []string) string {
	for i := len(lines) - 1; i >= 0; i-- {
		l := strings.TrimSpace(lines[i])
		if l != "" && !strings.HasPrefix(l, "=== ") && !strings.HasPrefix(l, "--- SKIP") {
			return l
		}
	}
	return "(no reason given)"
}

// short drops the module name: "hitori/web" → "web".
func short(pkg string) string {
	if _, rest, ok := strings.Cut(pkg, "/"); ok {
		return rest
	}
	return pkg
}

// writeSummary prints the skipped tests, then the one summary line.
func (s *summary) writeSummary() {
	sort.Strings(s.skips)
	for _, sk := range s.skips {
		fmt.Fprintln(s.out, "skipped", sk)
	}
	line := fmt.Sprintf("summary: %d packages passed, %d failed, %d without tests; %d tests skipped", s.passed, s.failed, s.noTest, len(s.skips))
	if len(s.skips) > 0 {
		line += " (listed above)"
	}
	fmt.Fprintln(s.out, line)
}
