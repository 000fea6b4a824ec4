package markdown

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"unicode/utf8"
)

// seedFiles returns the article files to seed fuzzers with: the shared kb
// set and the articles in testdata/.
func seedFiles(f *testing.F) [][]byte {
	f.Helper()
	var paths []string
	for _, pattern := range []string{filepath.Join(sharedKB, "*.md"), filepath.Join("testdata", "*.md")} {
		m, _ := filepath.Glob(pattern)
		paths = append(paths, m...)
	}
	var out [][]byte
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		out = append(out, b)
	}
	return out
}

// xssSeeds start the render fuzzer next to the inputs that matter most.
var xssSeeds = []string{
	"<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "[x](javascript:alert(1))",
	`<a href="JaVaScRiPt:alert(1)">x</a>`, `<iframe src="https://e.example"></iframe>`,
	"<svg onload=alert(1)>", "[d](data:text/html,<script>alert(1)</script>)",
	"<details open ontoggle=alert(1)>", "- [x] <input onclick=alert(1)>", "## <h2 id=x>y</h2>",
}

// FuzzParse checks Parse never panics, reports only *ParseError with a real
// line number, and that whatever it accepts survives Format unchanged.
func FuzzParse(f *testing.F) {
	for _, b := range seedFiles(f) {
		f.Add(b)
	}
	f.Add([]byte("---\ntitle: \"a\\u3042\"\ntags:\n  - x\n  - 'y'\nx: [a, \"b c\"]\n---\n"))
	f.Add([]byte("\xEF\xBB\xBF---\r\ntitle: t # c\r\nusers: [a@b.example]\r\nvisibility: restricted\r\n---\r\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		d, err := Parse(src)
		if err != nil {
			var perr *ParseError
			if !errors.As(err, &perr) {
				t.Fatalf("error %v is not a *ParseError", err)
			}
			if perr.Line < 1 {
				t.Fatalf("error %v has no line number", perr)
			}
			_ = perr.Error()
			return
		}
		if err := d.Validate(); err != nil {
			t.Fatalf("Parse accepted a doc that Validate rejects: %v", err)
		}
		again, err := Parse(Format(d))
		if err != nil {
			t.Fatalf("Parse(Format(d)): %v\n%s", err, Format(d))
		}
		if !reflect.DeepEqual(again, d) {
			t.Fatalf("round trip changed the doc\n got: %#v\nwant: %#v", again, d)
		}
	})
}

// FuzzRender checks Render and PlainText never panic and that no input,
// however malformed, yields HTML that can run script.
func FuzzRender(f *testing.F) {
	for _, b := range seedFiles(f) {
		if d, err := Parse(b); err == nil {
			f.Add(d.Body)
		}
	}
	for _, s := range xssSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, body string) {
		out, headings, err := Render(body)
		if err != nil {
			t.Fatal(err) // the fuzzer's inputs are far below MaxBodyBytes
		}
		AssertSafeHTML(t, string(out))
		seen := map[string]bool{}
		for _, h := range headings {
			if seen[h.ID] || !headingIDPattern.MatchString(h.ID) {
				t.Fatalf("bad or repeated heading id %q in %v", h.ID, headings)
			}
			seen[h.ID] = true
		}
		if s := PlainText(body); utf8.ValidString(body) && !utf8.ValidString(s) {
			t.Fatalf("PlainText made invalid UTF-8 from valid input: %q", s)
		}
	})
}

// FuzzDiff checks Diff never panics and always reproduces both sides.
func FuzzDiff(f *testing.F) {
	files := seedFiles(f)
	for i := 1; i < len(files) && i < 20; i++ {
		f.Add(string(files[i-1]), string(files[i]))
	}
	f.Add("a\nb\nc\n", "a\nc\nb")
	f.Fuzz(func(t *testing.T, a, b string) {
		checkDiff(t, a, b, Diff(a, b))
	})
}
