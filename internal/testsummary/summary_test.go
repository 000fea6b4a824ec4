package main

import (
	"strings"
	"testing"
)

// A stream as go test -json writes it: one package passing with a skipped
// subtest, one failing, one without tests, one that does not build.
const stream = `{"Action":"start","Package":"hitori/web"}
{"Action":"run","Package":"hitori/web","Test":"TestA"}
{"Action":"output","Package":"hitori/web","Test":"TestA","Output":"=== RUN   TestA\n"}
{"Action":"output","Package":"hitori/web","Test":"TestA","Output":"--- PASS: TestA (0.00s)\n"}
{"Action":"pass","Package":"hitori/web","Test":"TestA"}
{"Action":"run","Package":"hitori/web","Test":"TestPG/postgres"}
{"Action":"output","Package":"hitori/web","Test":"TestPG/postgres","Output":"=== RUN   TestPG/postgres\n"}
{"Action":"output","Package":"hitori/web","Test":"TestPG/postgres","Output":"    storetest.go:49: PostgreSQL tests need HITORI_TEST_POSTGRES\n"}
{"Action":"output","Package":"hitori/web","Test":"TestPG/postgres","Output":"--- SKIP: TestPG/postgres (0.00s)\n"}
{"Action":"skip","Package":"hitori/web","Test":"TestPG/postgres"}
{"Action":"output","Package":"hitori/web","Output":"PASS\n"}
{"Action":"output","Package":"hitori/web","Output":"ok  \thitori/web\t0.5s\n"}
{"Action":"pass","Package":"hitori/web"}
{"Action":"run","Package":"hitori/kb","Test":"TestB"}
{"Action":"output","Package":"hitori/kb","Test":"TestB","Output":"=== RUN   TestB\n"}
{"Action":"output","Package":"hitori/kb","Test":"TestB","Output":"    kb_test.go:9: got 1, want 2\n"}
{"Action":"output","Package":"hitori/kb","Test":"TestB","Output":"--- FAIL: TestB (0.00s)\n"}
{"Action":"fail","Package":"hitori/kb","Test":"TestB"}
{"Action":"output","Package":"hitori/kb","Output":"FAIL\thitori/kb\t0.1s\n"}
{"Action":"fail","Package":"hitori/kb"}
{"Action":"output","Package":"hitori/docs","Output":"?   \thitori/docs\t[no test files]\n"}
{"Action":"skip","Package":"hitori/docs"}
{"ImportPath":"hitori/x","Action":"build-output","Output":"x/x.go:3:1: syntax error\n"}
{"Action":"fail","Package":"hitori/x"}
go: some message that is not JSON
`

func TestSummary(t *testing.T) {
	var out strings.Builder
	s := newSummary(&out)
	if err := s.read(strings.NewReader(stream)); err != nil {
		t.Fatal(err)
	}
	s.writeSummary()
	got := out.String()
	want := []string{
		"ok  \thitori/web\t0.5s\n",
		"kb_test.go:9: got 1, want 2\n",
		"--- FAIL: TestB",
		"x/x.go:3:1: syntax error\n",
		"go: some message that is not JSON\n",
		"skipped web.TestPG/postgres: storetest.go:49: PostgreSQL tests need HITORI_TEST_POSTGRES\n",
		"summary: 1 packages passed, 2 failed, 1 without tests; 1 tests skipped (listed above)\n",
	}
	for _, w := range want {
		if !strings.Contains(got, w) {
			t.Errorf("output lacks %q:\n%s", w, got)
		}
	}
	for _, noise := range []string{"=== RUN", "--- PASS", "--- SKIP", "PASS\n\n"} {
		if strings.Contains(got, noise) {
			t.Errorf("output has go test -json's verbose %q:\n%s", noise, got)
		}
	}
	if !strings.HasSuffix(got, "(listed above)\n") {
		t.Errorf("the summary is not the last line:\n%s", got)
	}
}
