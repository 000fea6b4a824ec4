package markdown

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// sharedKB is the project-wide article set, copied into the repository's
// testdata so that every checkout (and CI) runs these tests: none may skip.
const sharedKB = "../testdata/kb"

// kbFiles returns the kb files, or fails the test.
func kbFiles(tb testing.TB) []string {
	tb.Helper()
	files, err := filepath.Glob(filepath.Join(sharedKB, "*.md"))
	if err != nil || len(files) == 0 {
		tb.Fatalf("no kb files at %s (%v): the repository's testdata is incomplete", sharedKB, err)
	}
	return files
}

// TestKBFilesParse checks every real article parses, has the fields the set
// promises, and that Format writes it back byte for byte (the files are
// already in canonical form, so any difference is a Format bug).
func TestKBFilesParse(t *testing.T) {
	files := kbFiles(t)
	if len(files) != 80 {
		t.Errorf("got %d kb files, want 80", len(files))
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			src, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			d, err := Parse(src)
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			if d.ID == "" || d.Title == "" || d.Category == "" || len(d.Tags) == 0 || !d.Type.Valid() {
				t.Errorf("missing fields: %+v", d)
			}
			if got := Format(d); !bytes.Equal(got, src) {
				t.Errorf("Format(Parse(file)) differs from the file:\n got: %q\nwant: %q", head(got), head(src))
			}
		})
	}
}

// head returns the first bytes of b for a readable failure message.
func head(b []byte) []byte {
	if len(b) > 400 {
		return b[:400]
	}
	return b
}
