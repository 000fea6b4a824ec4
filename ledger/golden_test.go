package ledger

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite golden files")

// dump renders a parse result as stable text: one line per column, row,
// license and error.
func dump(res *Result) string {
	var b strings.Builder
	for _, s := range res.Sheets {
		fmt.Fprintf(&b, "sheet %q kind=%s header=%d rows=%d licenses=%d bad=%d\n", s.Name, s.Kind, s.HeaderRow, len(s.Rows), len(s.Licenses), s.Bad)
		for _, c := range s.Columns {
			fmt.Fprintf(&b, "  col %s %q -> %q\n", ColName(c.Index), c.Header, c.Field)
		}
		for _, r := range s.Rows {
			fmt.Fprintf(&b, "  row %d: %s\n", r.Row, rowLine(r))
		}
		for _, l := range s.Licenses {
			fmt.Fprintf(&b, "  license %d: no=%s %q maker=%q seats=%s used=%s key=%q contract=%q purchased=%s expires=%s note=%q amount=%s per=%s notes=%q\n",
				l.Row, l.No, l.Name, l.Maker, intp(l.Seats), intp(l.Used), l.Key, l.Contract, l.PurchasedOn, l.ExpiresOn, l.ExpiryNote, int64p(l.AmountYen), l.AmountPer, l.Notes)
		}
		for _, e := range s.Errors {
			fmt.Fprintf(&b, "  error %d [%s] %s (%q)\n", e.Row, e.Column, e.Key, e.Value)
		}
	}
	return b.String()
}

func rowLine(r Row) string {
	a := r.Asset
	return fmt.Sprintf("%s|%s|%s|%s|%s|%s|%s|%s|%s|%s|%s|%s|%s|%q set=%s",
		a.Number, a.Type, a.Maker, a.Model, a.Serial, r.Person, r.Department, a.Location, a.AcquiredOn,
		int64p(a.PriceYen), a.WarrantyUntil, a.LeaseUntil, a.OSName, a.Notes, strings.Join(r.Set, ","))
}

func intp(p *int) string {
	if p == nil {
		return "-"
	}
	return fmt.Sprint(*p)
}

func int64p(p *int64) string {
	if p == nil {
		return ""
	}
	return fmt.Sprint(*p)
}

func parseFile(t testing.TB, name string) *Result {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return parseBytes(t, name, data)
}

func parseBytes(t testing.TB, name string, data []byte) *Result {
	t.Helper()
	wb, err := Read(data, DefaultLimits)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	res, err := Parse(wb, Options{})
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return res
}

// TestGolden keeps the parsed form of the shared ledgers in golden files.
func TestGolden(t *testing.T) {
	for _, name := range []string{"it_asset_ledger_clean.xlsx", "it_asset_ledger_clean_cp932.csv", "it_asset_ledger_messy.xlsx"} {
		t.Run(name, func(t *testing.T) {
			got := dump(parseFile(t, name))
			golden := filepath.Join("testdata", "golden", name+".txt")
			if *update {
				os.MkdirAll(filepath.Dir(golden), 0o755)
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatal(err)
			}
			if got != string(want) {
				t.Errorf("%s differs from %s (go test ./ledger -run Golden -update to accept)\n%s", name, golden, got)
			}
		})
	}
}
