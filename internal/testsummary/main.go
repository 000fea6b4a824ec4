// Command testsummary reads `go test -json` on standard input, prints what
// plain `go test` would (each package's result, a failing test's output,
// build errors) and ends with one summary line: packages passed and failed,
// and every skipped test with its reason. test.sh pipes through it, so a
// test that skips where it should run (no PostgreSQL, no Chromium) shows.
package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os"
)

// event is one line of `go test -json` (cmd/test2json).
type event struct {
	Action     string
	Package    string
	ImportPath string // build-output
	Test       string
	Output     string
}

func main() {
	s := newSummary(os.Stdout)
	if err := s.read(os.Stdin); err != nil {
		fmt.Fprintln(os.Stderr, "testsummary:", err)
		os.Exit(1)
	}
	s.writeSummary()
	if s.failed > 0 {
		os.Exit(1)
	}
}

// read feeds every line of r to the summary; a line that is not JSON
// (go's own messages) is printed as it came.
func (s *summary) read(r io.Reader) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64*1024), 16*1024*1024)
	for sc.Scan() {
		var ev event
		if err := json.Unmarshal(sc.Bytes(), &ev); err != nil || ev.Action == "" {
			fmt.Fprintln(s.out, sc.Text())
			continue
		}
		s.feed(ev)
	}
	return sc.Err()
}
