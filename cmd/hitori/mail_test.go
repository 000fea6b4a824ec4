package main

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"hitori"
	"hitori/intake"
	"hitori/mail"
	"hitori/sqlstore"
	"hitori/sqlstore/storetest"
)

// ingestLine is the public contract of `hitori mail ingest`, one line per file.
var ingestLine = regexp.MustCompile(`^([^\t]+)\t(created #\d+|appended #\d+|duplicate #\d+|ignored: [a-z-]+|error: .+)$`)

// want is each sample's outcome from INDEX.tsv; "#10" names the item file 10 created.
var wantIngest = map[string]string{
	"01": "created", "02": "created", "03": "created", "04": "created", "05": "created", "06": "created",
	"07": "created", "08": "created", "09": "created", "10": "created", "11": "appended #10", "12": "appended #10",
	"13": "created", "14": "ignored: auto-reply", "15": "ignored: bounce", "16": "created", "17": "created",
	"18": "created", "19": "created", "20": "ignored: read-receipt", "21": "created", "22": "created", "23": "created",
	"24": "appended #06", "25": "appended #1029",
}

// seedReferencedItems creates HD-1029, HD-1031 and HD-1035, which samples
// reply to but the set does not contain.
func seedReferencedItems(t *testing.T, dsn string) {
	t.Helper()
	ctx := context.Background()
	db, err := sqlstore.Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, id := range []int64{1029, 1031, 1035} {
		if db.Dialect == sqlstore.Postgres {
			err = db.ExecForTest(ctx, `SELECT setval(pg_get_serial_sequence('items', 'id'), $1)`, id-1)
		} else if err = db.ExecForTest(ctx, `DELETE FROM sqlite_sequence WHERE name = 'items'`); err == nil {
			err = db.ExecForTest(ctx, `INSERT INTO sqlite_sequence (name, seq) VALUES ('items', $1)`, id-1)
		}
		if err != nil {
			t.Fatal(err)
		}
		it := &hitori.Item{Title: fmt.Sprintf("item %d", id), Source: hitori.SourceEmail}
		if err := db.Items().CreateItem(ctx, it); err != nil || it.ID != id {
			t.Fatalf("seed item %d: got %d, %v", id, it.ID, err)
		}
	}
}

func TestMailIngestOutput(t *testing.T) {
	files, err := filepath.Glob("../../testdata/mail/*.eml")
	if err != nil || len(files) != 25 {
		t.Fatalf("samples: %d, %v", len(files), err)
	}
	for _, dialect := range storetest.Dialects {
		t.Run(dialect, func(t *testing.T) {
			data := t.TempDir()
			dsn := storetest.DSN(t, dialect)
			args := []string{"mail", "ingest", "--data", data, "--db", dsn}
			seedReferencedItems(t, dsn)

			code, out, errs := cli(t, "", append(args, files...)...)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, errs)
			}
			lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
			if len(lines) != len(files) {
				t.Fatalf("%d lines for %d files:\n%s", len(lines), len(files), out)
			}
			items := map[string]string{} // sample number → "#N"
			for i, l := range lines {
				m := ingestLine.FindStringSubmatch(l)
				if m == nil || m[1] != files[i] {
					t.Fatalf("line %d %q: want %q<TAB>outcome", i+1, l, files[i])
				}
				num := filepath.Base(files[i])[:2]
				want := wantIngest[num]
				if strings.HasPrefix(want, "appended #") && len(want) == len("appended #10") {
					want = "appended " + items[want[len("appended #"):]]
				}
				got := m[2]
				if got != want && !(want == "created" && strings.HasPrefix(got, "created #")) {
					t.Errorf("%s: %q, want %q", files[i], got, want)
				}
				if n, ok := strings.CutPrefix(got, "created "); ok {
					items[num] = n
				}
			}

			// Twice more: every message is a duplicate of the item it went
			// to (ignored ones say so again), and nothing new is written.
			wantAgain := duplicateLines(out)
			for range 2 {
				if code, again, _ := cli(t, "", append(args, files...)...); code != 0 || again != wantAgain {
					t.Fatalf("re-ingest (exit %d):\n%s\nwant\n%s", code, again, wantAgain)
				}
			}

			code, out, _ = cli(t, "", "mail", "ignored", "--data", data, "--db", dsn)
			for _, want := range []string{"REASON", "auto-reply", "bounce", "read-receipt", "aya.matsumoto@minato-seiko.example"} {
				if code != 0 || !strings.Contains(out, want) {
					t.Fatalf("mail ignored: exit %d, no %q in\n%s", code, want, out)
				}
			}

			// A failing file gets its line; the others still run; exit 1 at the end.
			missing := filepath.Join(data, "missing.eml")
			code, out, _ = cli(t, "", append(args, missing, files[0])...)
			want := missing + "\terror: "
			if code != 1 || !strings.HasPrefix(out, want) || !strings.Contains(out, "\n"+files[0]+"\tduplicate #") {
				t.Fatalf("exit %d, output %q; want an error line, then the next file, and exit 1", code, out)
			}
		})
	}
}

// duplicateLines is what a second run of the same files prints: "created
// #N" and "appended #N" become "duplicate #N", so no line reads as a new item.
func duplicateLines(first string) string {
	var b strings.Builder
	for _, l := range strings.SplitAfter(first, "\n") {
		for _, from := range []string{"\tcreated #", "\tappended #"} {
			l = strings.Replace(l, from, "\tduplicate #", 1)
		}
		b.WriteString(l)
	}
	return b.String()
}

func TestMailUsage(t *testing.T) {
	for _, args := range [][]string{{"mail"}, {"mail", "ingest"}, {"mail", "frob"}} {
		if code, _, errs := cli(t, "", args...); code != 2 || errs == "" {
			t.Errorf("%v: exit %d, stderr %q; want usage and 2", args, code, errs)
		}
	}
	for _, args := range [][]string{{"mail", "--help"}, {"mail", "ingest", "--help"}, {"mail", "ignored", "--help"}} {
		if code, out, _ := cli(t, "", args...); code != 0 || out == "" {
			t.Errorf("%v: exit %d", args, code)
		}
	}
}

// TestMailIngestKilled kills `hitori mail ingest` part-way (SIGKILL, no
// cleanup) and runs it again: every message ends up handled once, no item
// is doubled, and no stored file is left without a row.
func TestMailIngestKilled(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and kills the binary")
	}
	goBin, err := exec.LookPath("go")
	if err != nil {
		storetest.Skip(t, "needs the go command to build hitori: %v", err)
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "hitori")
	if out, err := exec.Command(goBin, "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	files := copiesOfSamples(t, filepath.Join(dir, "mail"), 12)
	data := filepath.Join(dir, "data")
	args := append([]string{"mail", "ingest", "--data", data}, files...)

	cmd := exec.Command(bin, args...)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(stdout)
	var printed []string // what the killed run reported: it must all be committed
	for n := 0; n < len(files)/5 && sc.Scan(); n++ {
		printed = append(printed, sc.Text())
	}
	cmd.Process.Kill()
	cmd.Wait()
	checkPrinted := func() {
		db, err := sqlstore.Open(context.Background(), filepath.Join(data, "hitori.db"))
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		for _, l := range printed {
			m := ingestLine.FindStringSubmatch(l)
			if m == nil {
				t.Fatalf("line %q", l)
			}
			_, num, ok := strings.Cut(m[2], "#")
			if !ok {
				continue // ignored mail names no item
			}
			id, _ := strconv.ParseInt(num, 10, 64)
			if _, err := db.Items().FindItemByID(context.Background(), id); err != nil {
				t.Fatalf("the killed run printed %q, but item %d is not in the database: %v", l, id, err)
			}
		}
	}
	checkPrinted()
	countItems := func() int {
		t.Helper()
		db, err := sqlstore.Open(context.Background(), filepath.Join(data, "hitori.db"))
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		_, total, err := db.Items().FindItems(context.Background(), hitori.ItemFilter{Limit: 1})
		if err != nil {
			t.Fatal(err)
		}
		return total
	}
	killedAt := countItems()

	run := func() string {
		out, err := exec.Command(bin, args...).Output()
		if err != nil {
			t.Fatalf("rerun: %v\n%s", err, out)
		}
		return string(out)
	}
	first, second := run(), run()
	created := map[string]bool{}
	for _, l := range strings.Split(strings.TrimSpace(first), "\n") {
		if m := ingestLine.FindStringSubmatch(l); m == nil || strings.HasPrefix(m[2], "error") {
			t.Fatalf("line %q", l)
		} else if n, ok := strings.CutPrefix(m[2], "created "); ok {
			created[n] = true
		} else if n, ok := strings.CutPrefix(m[2], "duplicate "); ok {
			created[n] = true // made before the kill (or an append to such an item)
		}
	}
	if total := countItems(); total != len(created) || killedAt >= total {
		t.Fatalf("%d items for %d created messages (%d when killed): want one per message, and the kill part-way", total, len(created), killedAt)
	}
	if second != duplicateLines(first) {
		t.Fatalf("a run over ingested files:\n%s\nwant every message a duplicate:\n%s", second, duplicateLines(first))
	}
	db, err := sqlstore.Open(context.Background(), filepath.Join(data, "hitori.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	p := intake.New(intakeStore(db), intake.Options{DataDir: data})
	if n, err := p.Files().Sweep(context.Background(), db.MailLog(), 0, time.Now().Add(time.Hour)); err != nil || n != 0 {
		t.Fatalf("%d stored files without a row (%v)", n, err)
	}
}

// copiesOfSamples writes n copies of the sample set, each copy with its own
// Message-IDs (rewritten wherever they appear, so replies thread within the
// copy), in an order where every reply follows its original.
func copiesOfSamples(t *testing.T, dir string, n int) []string {
	t.Helper()
	samples, err := filepath.Glob("../../testdata/mail/*.eml")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	raws := make([][]byte, len(samples))
	var ids []string
	for i, f := range samples {
		if raws[i], err = os.ReadFile(f); err != nil {
			t.Fatal(err)
		}
		if m, err := mail.Parse(raws[i], mail.Limits{}); err == nil && m.MessageID != "" {
			ids = append(ids, m.MessageID)
		}
	}
	var out []string
	for k := range n {
		var pairs []string
		for _, id := range ids {
			pairs = append(pairs, "<"+id+">", fmt.Sprintf("<c%d.%s>", k, id))
		}
		r := strings.NewReplacer(pairs...)
		for i, f := range samples {
			p := filepath.Join(dir, fmt.Sprintf("%03d_%s", k*len(samples)+i, filepath.Base(f)))
			if err := os.WriteFile(p, []byte(r.Replace(string(raws[i]))), 0o644); err != nil {
				t.Fatal(err)
			}
			out = append(out, p)
		}
	}
	return out
}
