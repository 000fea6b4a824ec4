package sqlstore_test

import (
	"database/sql"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"hitori/markdown"
	"hitori/search"
)

// TestBaselineTrigramSearch measures the plain baseline BENCHMARKS.md
// compares hitori's search with: SQLite FTS5 with the trigram tokenizer,
// every trigram of the query OR-ed and ranked by bm25, and a LIKE on title
// and body when the query is shorter than three characters (trigram MATCH
// finds nothing then). Same scoring as `hitori kb eval`: a hit counts when
// an expected article is in the first k.
func TestBaselineTrigramSearch(t *testing.T) {
	db, err := sql.Open("sqlite", "file:"+filepath.Join(t.TempDir(), "b.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec(`CREATE VIRTUAL TABLE docs USING fts5(id UNINDEXED, title, body, tokenize='trigram')`); err != nil {
		t.Fatal(err)
	}
	files, err := filepath.Glob("../testdata/kb/*.md")
	if err != nil || len(files) != 80 {
		t.Fatalf("../testdata/kb: %d articles, %v; want the 80 of the shared set", len(files), err)
	}
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		d, err := markdown.Parse(src)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := db.Exec(`INSERT INTO docs (id, title, body) VALUES ($1, $2, $3)`, d.ID, d.Title, d.Body); err != nil {
			t.Fatal(err)
		}
	}
	qf, err := os.Open("../testdata/queries-dev.tsv")
	if err != nil {
		t.Fatal(err)
	}
	defer qf.Close()
	qs, err := search.ReadQueriesTSV(qf)
	if err != nil {
		t.Fatal(err)
	}
	var answerable, top1, top3 float64
	for _, q := range qs {
		if len(q.Expected) == 0 {
			continue
		}
		answerable++
		ids := baselineSearch(t, db, q.Text)
		for i, id := range ids {
			for _, e := range q.Expected {
				if id == e {
					if i == 0 {
						top1++
					}
					top3++
					goto next
				}
			}
		}
	next:
	}
	t.Logf("baseline (FTS5 trigram OR + bm25, LIKE under 3 chars): top-1 %.3f, top-3 %.3f over %d answerable questions",
		top1/answerable, top3/answerable, int(answerable))
	// The figures are deterministic and quoted in BENCHMARKS.md: a change
	// here means the table (or the baseline's definition) must be updated.
	const wantAnswerable, wantTop1, wantTop3 = 128, 0.773, 0.883
	if int(answerable) != wantAnswerable {
		t.Errorf("answerable questions = %d, want %d", int(answerable), wantAnswerable)
	}
	if got := top1 / answerable; math.Abs(got-wantTop1) > 0.0005 {
		t.Errorf("baseline top-1 = %.3f, want %.3f as in BENCHMARKS.md", got, wantTop1)
	}
	if got := top3 / answerable; math.Abs(got-wantTop3) > 0.0005 {
		t.Errorf("baseline top-3 = %.3f, want %.3f as in BENCHMARKS.md", got, wantTop3)
	}
}

func baselineSearch(t *testing.T, db *sql.DB, q string) []string {
	t.Helper()
	rs := []rune(strings.TrimSpace(q))
	var rows *sql.Rows
	var err error
	if len(rs) < 3 {
		like := "%" + string(rs) + "%"
		rows, err = db.Query(`SELECT id FROM docs WHERE title LIKE $1 OR body LIKE $1 LIMIT 3`, like)
	} else {
		var grams []string
		for i := 0; i+3 <= len(rs); i++ {
			g := string(rs[i : i+3])
			grams = append(grams, `"`+strings.ReplaceAll(g, `"`, `""`)+`"`)
		}
		rows, err = db.Query(`SELECT id FROM docs WHERE docs MATCH $1 ORDER BY bm25(docs) LIMIT 3`, strings.Join(grams, " OR "))
	}
	if err != nil {
		t.Fatalf("%q: %v", q, err)
	}
	defer rows.Close()
	var ids []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			t.Fatalf("%q: %v", q, err)
		}
		ids = append(ids, id)
	}
	if err := rows.Err(); err != nil {
		t.Fatalf("%q: %v", q, err)
	}
	return ids
}
