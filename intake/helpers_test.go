package intake_test

import (
	"bufio"
	"context"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

	"hitori"
	"hitori/intake"
	"hitori/sqlstore"
)

// sampleDir holds the shared sample messages copied into the repository.
const sampleDir = "../testdata/mail"

// sample is one row of INDEX.tsv with its expected outcome decoded.
type sample struct {
	File    string
	Action  intake.Action
	Reason  string // for ignored
	ToFile  string // appended to the item this sample created
	ToItem  int64  // appended to an existing item (HD-n)
	Subject string
	Sender  string
}

var (
	appendOfRe  = regexp.MustCompile(`^append to thread of (\d+)`)
	appendTagRe = regexp.MustCompile(`^append to thread HD-(\d+)`)
)

// reasons are the ignore reasons of the ignored samples, which INDEX.tsv
// describes in words.
var reasons = map[string]string{"14": "auto-reply", "15": "bounce", "20": "read-receipt"}

// mustSamples reads INDEX.tsv.
func mustSamples(tb testing.TB) []sample {
	tb.Helper()
	f, err := os.Open(filepath.Join(sampleDir, "INDEX.tsv"))
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	files, err := filepath.Glob(filepath.Join(sampleDir, "*.eml"))
	if err != nil {
		tb.Fatal(err)
	}
	var out []sample
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for first := true; sc.Scan(); first = false {
		c := strings.Split(sc.Text(), "\t")
		if first {
			continue
		}
		if len(c) != 5 {
			tb.Fatalf("INDEX.tsv: want 5 columns, got %d", len(c))
		}
		s := sample{File: c[0], Subject: c[2], Sender: c[3]}
		act := c[4]
		switch {
		case strings.HasPrefix(act, "ignore"):
			s.Action, s.Reason = intake.Ignored, reasons[c[0][:2]]
		case appendOfRe.MatchString(act):
			s.Action = intake.Appended
			n := appendOfRe.FindStringSubmatch(act)[1]
			for _, f := range files {
				if strings.HasPrefix(filepath.Base(f), n+"_") {
					s.ToFile = filepath.Base(f)
				}
			}
		case appendTagRe.MatchString(act):
			s.Action = intake.Appended
			s.ToItem, _ = strconv.ParseInt(appendTagRe.FindStringSubmatch(act)[1], 10, 64)
		case strings.HasPrefix(act, "new ticket"):
			s.Action = intake.Created
		default:
			tb.Fatalf("INDEX.tsv: unknown action %q", act)
		}
		if s.Action == intake.Ignored && s.Reason == "" || s.Action == intake.Appended && s.ToFile == "" && s.ToItem == 0 {
			tb.Fatalf("INDEX.tsv: cannot read the expectation of %s: %q", s.File, act)
		}
		out = append(out, s)
	}
	if err := sc.Err(); err != nil {
		tb.Fatal(err)
	}
	if len(out) != len(files) {
		tb.Fatalf("INDEX.tsv lists %d samples, the folder has %d", len(out), len(files))
	}
	sort.Slice(out, func(i, j int) bool { return out[i].File < out[j].File })
	return out
}

// mustRead reads a sample.
func mustRead(tb testing.TB, name string) []byte {
	tb.Helper()
	b, err := os.ReadFile(filepath.Join(sampleDir, name))
	if err != nil {
		tb.Fatal(err)
	}
	return b
}

// mustItemWithID creates an e-mail ticket with exactly the given id by
// moving the id sequence first: the samples reply to HD-1029, HD-1031 and
// HD-1035, which are not in the set.
func mustItemWithID(tb testing.TB, db *sqlstore.DB, id int64, title, email string) *hitori.Item {
	tb.Helper()
	ctx := context.Background()
	var err error
	if db.Dialect == sqlstore.Postgres {
		err = db.ExecForTest(ctx, `SELECT setval(pg_get_serial_sequence('items', 'id'), $1)`, id-1)
	} else {
		err = db.ExecForTest(ctx, `DELETE FROM sqlite_sequence WHERE name = 'items'`)
		if err == nil {
			err = db.ExecForTest(ctx, `INSERT INTO sqlite_sequence (name, seq) VALUES ('items', $1)`, id-1)
		}
	}
	if err != nil {
		tb.Fatalf("move item ids: %v", err)
	}
	it := &hitori.Item{Title: title, Source: hitori.SourceEmail, RequesterEmail: email}
	if err := db.Items().CreateItem(ctx, it); err != nil {
		tb.Fatal(err)
	}
	if it.ID != id {
		tb.Fatalf("created item %d, want %d", it.ID, id)
	}
	return it
}

// mustExistingItems creates the items the samples refer to but do not contain.
func mustExistingItems(tb testing.TB, db *sqlstore.DB) {
	tb.Helper()
	mustItemWithID(tb, db, 1029, "共有メールボックスのアクセス権付与", "daisuke.suzuki@minato-seiko.example")
	mustItemWithID(tb, db, 1031, "Outlookの署名について", "aya.matsumoto@minato-seiko.example")
	mustItemWithID(tb, db, 1035, "プリンタードライバーの更新", "someone@minato-seiko.example")
}

// newPipeline returns a pipeline on db with its files in a temporary folder.
func newPipeline(tb testing.TB, db *sqlstore.DB) *intake.Pipeline {
	tb.Helper()
	return intake.New(storeOf(db), intake.Options{DataDir: tb.TempDir(), OwnAddresses: []string{"it-help@minato-seiko.example"}})
}

// countItems returns how many items the database holds.
func countItems(tb testing.TB, db *sqlstore.DB) int {
	tb.Helper()
	_, n, err := db.Items().FindItems(context.Background(), hitori.ItemFilter{Limit: 1})
	if err != nil {
		tb.Fatal(err)
	}
	return n
}

// storedFiles lists the files under the pipeline's attachment folder.
func storedFiles(tb testing.TB, p *intake.Pipeline) []string {
	tb.Helper()
	var out []string
	filepath.WalkDir(p.Files().Dir, func(path string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			out = append(out, filepath.Base(path))
		}
		return nil
	})
	sort.Strings(out)
	return out
}

// storeOf is intake's view of db: its item, settings, user and mail stores.
func storeOf(db *sqlstore.DB) intake.Store {
	return intake.Parts{ItemService: db.Items(), SettingStore: db.Settings(), UserFinder: db.Users(), MailStore: db.MailLog()}
}
