package markdown

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// update rewrites the golden files: go test ./markdown -run Golden -update
var update = flag.Bool("update", false, "rewrite testdata golden files")

// TestGolden renders the article copies in testdata/ (three real kb files
// and rich.md, which exercises every feature) and compares the HTML, the
// headings and the plain text with the reviewed outputs next to them.
func TestGolden(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "*.md"))
	if err != nil || len(files) < 4 {
		t.Fatalf("want at least 4 testdata/*.md files, got %d (%v)", len(files), err)
	}
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".md")
		t.Run(name, func(t *testing.T) {
			src, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			d := MustParse(t, string(src))
			if got := Format(d); name != "rich" && !bytes.Equal(got, src) {
				t.Errorf("Format(Parse(%s)) differs from the file", f)
			}
			html, headings, err := Render(d.Body)
			if err != nil {
				t.Fatal(err)
			}
			AssertSafeHTML(t, string(html))
			var out bytes.Buffer
			out.WriteString(string(html))
			out.WriteString("<!-- headings\n")
			for _, h := range headings {
				fmt.Fprintf(&out, "%d #%s %s\n", h.Level, h.ID, h.Text)
			}
			out.WriteString("-->\n")
			checkGolden(t, filepath.Join("testdata", name+".html.golden"), out.Bytes())
			checkGolden(t, filepath.Join("testdata", name+".txt.golden"), []byte(PlainText(d.Body)+"\n"))
		})
	}
}

// checkGolden compares got with the golden file, or rewrites it on -update.
func checkGolden(tb testing.TB, path string, got []byte) {
	tb.Helper()
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			tb.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		tb.Fatalf("%v (run with -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		tb.Errorf("%s differs (run with -update after reviewing):\n got: %s\nwant: %s", path, got, want)
	}
}
