package search

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// kbDoc parses one knowledge-base file: YAML-ish front matter (id, title,
// category, tags: [a, b], type) and a Markdown body. Tests only; package
// markdown owns the production parser.
func kbDoc(tb testing.TB, src string) Doc {
	tb.Helper()
	rest, ok := strings.CutPrefix(src, "---\n")
	if !ok {
		tb.Fatalf("kb: no front matter")
	}
	front, body, ok := strings.Cut(rest, "\n---\n")
	if !ok {
		tb.Fatalf("kb: unterminated front matter")
	}
	d := Doc{Kind: KindArticle, Body: body, Access: "everyone"}
	for _, line := range strings.Split(front, "\n") {
		k, v, ok := strings.Cut(line, ":")
		if !ok {
			continue
		}
		v = strings.Trim(strings.TrimSpace(v), `"`)
		switch strings.TrimSpace(k) {
		case "id":
			d.ID = v
		case "title":
			d.Title = v
		case "category":
			d.Category = v
		case "tags":
			for _, t := range strings.Split(strings.Trim(v, "[]"), ",") {
				if t = strings.TrimSpace(t); t != "" {
					d.Tags = append(d.Tags, t)
				}
			}
		}
	}
	if d.ID == "" || d.Title == "" {
		tb.Fatalf("kb: missing id or title")
	}
	return d
}

// MustLoadKB reads every article of testdata/kb.
func MustLoadKB(tb testing.TB) []Doc {
	tb.Helper()
	files, err := filepath.Glob(filepath.Join("..", "testdata", "kb", "*.md"))
	if err != nil || len(files) == 0 {
		tb.Fatalf("kb: no files (%v)", err)
	}
	var docs []Doc
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			tb.Fatal(err)
		}
		docs = append(docs, kbDoc(tb, string(b)))
	}
	return docs
}

// MustKBIndex returns an index of the knowledge base with default synonyms.
func MustKBIndex(tb testing.TB) *Index {
	tb.Helper()
	ix := NewIndex(Options{})
	for _, d := range MustLoadKB(tb) {
		ix.Put(d)
	}
	return ix
}

// MustQueries reads testdata/queries-dev.tsv.
func MustQueries(tb testing.TB) []EvalQuery {
	tb.Helper()
	f, err := os.Open(filepath.Join("..", "testdata", "queries-dev.tsv"))
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	qs, err := ReadQueriesTSV(f)
	if err != nil {
		tb.Fatal(err)
	}
	return qs
}
