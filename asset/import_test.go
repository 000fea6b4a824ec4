package asset

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"hitori"
	"hitori/ledger"
	"hitori/sqlstore"
	"hitori/sqlstore/storetest"
)

func readTestdata(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func importFile(t *testing.T, svc *Service, name string, data []byte, dry bool) *ImportReport {
	t.Helper()
	rep, err := svc.Import(context.Background(), ImportRequest{Name: name, Data: data, DryRun: dry})
	if err != nil {
		t.Fatalf("import %s: %v", name, err)
	}
	return rep
}

func counts(r *ImportReport) [5]int {
	return [5]int{r.Valid, r.Created, r.Updated, r.Unchanged, len(r.Errors)}
}

// The clean ledger creates 120 assets; importing it again, or its CSV
// copy, or the messy ledger (same assets, names spaced differently)
// changes nothing, except the messy file's two multi-line notes.
func TestImportSharedLedgers(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		svc := New(db.Assets())
		ctx := context.Background()
		clean := readTestdata(t, "it_asset_ledger_clean.xlsx")

		dry := importFile(t, svc, "it_asset_ledger_clean.xlsx", clean, true)
		if counts(dry) != [5]int{120, 120, 0, 0, 0} {
			t.Fatalf("dry run: %v", counts(dry))
		}
		n := 0
		db.Assets().EachAsset(ctx, func(*hitori.Asset) error { n++; return nil })
		if n != 0 {
			t.Fatalf("a dry run wrote %d assets", n)
		}

		rep := importFile(t, svc, "it_asset_ledger_clean.xlsx", clean, false)
		if counts(rep) != [5]int{120, 120, 0, 0, 0} {
			t.Fatalf("first import: %v", counts(rep))
		}
		again := importFile(t, svc, "it_asset_ledger_clean.xlsx", clean, false)
		if counts(again) != [5]int{120, 0, 0, 120, 0} {
			t.Fatalf("second import: %v", counts(again))
		}
		csv := importFile(t, svc, "it_asset_ledger_clean_cp932.csv", readTestdata(t, "it_asset_ledger_clean_cp932.csv"), false)
		if counts(csv) != [5]int{120, 0, 0, 120, 0} {
			t.Fatalf("CSV import: %v", counts(csv))
		}
		messy := importFile(t, svc, "it_asset_ledger_messy.xlsx", readTestdata(t, "it_asset_ledger_messy.xlsx"), true)
		if counts(messy) != [5]int{40, 0, 2, 38, 0} {
			t.Fatalf("messy preview: %v", counts(messy))
		}
		for _, o := range messy.Rows {
			if o.Action == hitori.LedgerUpdate && (len(o.Changes) != 1 || o.Changes[0].Field != "notes" || (o.Row != 9 && o.Row != 16)) {
				t.Errorf("messy row %d changes %v", o.Row, o.Changes)
			}
		}
		if len(messy.Licenses) != 15 || !messy.LicensesImported || messy.LicensesCreated != 15 {
			t.Errorf("licenses %d imported %v created %d", len(messy.Licenses), messy.LicensesImported, messy.LicensesCreated)
		}

		var sum int64
		people := map[string]bool{}
		db.Assets().EachAsset(ctx, func(a *hitori.Asset) error {
			if a.PriceYen != nil {
				sum += *a.PriceYen
			}
			if a.Person != "" {
				people[a.Person] = true
			}
			if a.Source != "ledger" {
				t.Errorf("%s source %q", a.Number, a.Source)
			}
			return nil
		})
		if sum != 12322280 {
			t.Errorf("sum of prices %d", sum)
		}
		for p := range people {
			if !strings.Contains(p, " ") {
				t.Errorf("person %q stored without the clean ledger's space", p)
			}
		}
		if len(rep.NewPeople) != len(people) || len(rep.NewDepartments) == 0 {
			t.Errorf("new people %d (%d with assets), departments %v", len(rep.NewPeople), len(people), rep.NewDepartments)
		}
	})
}

// A changed file updates the matched asset field by field, with one
// "imported" history entry; rows with errors are reported and the others
// still written.
func TestImportChangesAndErrors(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		svc := New(db.Assets())
		svc.Now = func() time.Time { return time.Date(2026, 4, 1, 9, 0, 0, 0, time.UTC) }
		first := "資産番号,種別,シリアル番号,使用者,部署,購入日,購入金額\n" +
			"A-1,ノートPC,S1,山田 太郎,総務部,2023/4/1,\"¥128,000\"\n" +
			"A-2,モニター,S2,,総務部,R5.4.1,19800\n"
		importFile(t, svc, "a.csv", []byte(first), false)
		second := "資産番号,種別,シリアル番号,使用者,部署,購入日,購入金額\n" +
			"A-1,ノートPC,S1,佐藤 花子,総務部,2023/4/1,\"¥128,000\"\n" +
			"A-2,モニター,S2,,総務部,いつか,19800\n" +
			",ルーター,S3,,情報システム,2024/1/1,50000\n" +
			"A-9,スイッチ,S1x,,,,\n"
		rep := importFile(t, svc, "b.csv", []byte(second), false)
		if counts(rep) != [5]int{3, 2, 1, 0, 1} {
			t.Fatalf("counts %v errors %v", counts(rep), rep.Errors)
		}
		if e := rep.Errors[0]; e.Sheet != "CSV" || e.Row != 3 || e.Column != "購入日" || e.Key != "ledger.error.date" {
			t.Errorf("error %+v", e)
		}
		var upd hitori.LedgerOutcome
		for _, o := range rep.Rows {
			if o.Action == hitori.LedgerUpdate {
				upd = o
			}
		}
		if upd.Number != "A-1" || len(upd.Changes) != 1 || upd.Changes[0] != (hitori.FieldChange{Field: "person", Old: "山田 太郎", New: "佐藤 花子"}) {
			t.Errorf("update %+v", upd)
		}
		// A serial alone matches an asset (the row without a number).
		third := "シリアル番号,設置場所\nS3,本社サーバー室\n"
		rep = importFile(t, svc, "c.csv", []byte(third), false)
		if counts(rep) != [5]int{1, 0, 1, 0, 0} {
			t.Fatalf("serial match %v", counts(rep))
		}
		l, err := db.Assets().LedgerLayout(context.Background(), "")
		if err != nil || l == nil || strings.Join(l.Headers, ",") != "シリアル番号,設置場所" || strings.Join(l.Fields, ",") != "serial,location" {
			t.Fatalf("last layout %+v %v", l, err)
		}
	})
}

// A corrected mapping is saved and used for the next file with the same
// headers.
func TestImportSavedMapping(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		svc := New(db.Assets())
		ctx := context.Background()
		file := []byte("管理コード,IPアドレス,型番\nA-1,10.0.0.1,X1\n")
		_, err := svc.Import(ctx, ImportRequest{Name: "a.csv", Data: file, Mapping: ledger.Mapping{"管理コード": "number", "IPアドレス": "custom.IP", "型番": "model"}})
		if err != nil {
			t.Fatal(err)
		}
		rep := importFile(t, svc, "a.csv", []byte("管理コード,IPアドレス,型番\nA-1,10.0.0.2,X1\n"), false)
		if rep.Updated != 1 || rep.Rows[0].Changes[0] != (hitori.FieldChange{Field: "custom.IP", Old: "10.0.0.1", New: "10.0.0.2"}) {
			t.Fatalf("%+v", rep.Rows)
		}
	})
}

func TestImportBadFile(t *testing.T) {
	db := storetest.Open(t, sqlstore.SQLite)
	svc := New(db.Assets())
	_, err := svc.Import(context.Background(), ImportRequest{Data: []byte("PK\x03\x04garbage")})
	if hitori.ErrorCode(err) != hitori.EINVALID {
		t.Fatalf("err %v", err)
	}
}

// The license sheet goes into the license register in the same import;
// importing it again changes nothing.
func TestImportLicenseSheet(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		svc := New(db.Assets())
		ctx := context.Background()
		messy := readTestdata(t, "it_asset_ledger_messy.xlsx")
		rep := importFile(t, svc, "messy.xlsx", messy, false)
		if rep.LicensesCreated != 15 || len(rep.Errors) != 0 {
			t.Fatalf("licenses created %d, errors %v", rep.LicensesCreated, rep.Errors)
		}
		again := importFile(t, svc, "messy.xlsx", messy, false)
		if again.LicensesUnchanged != 15 || again.Unchanged != 40 {
			t.Fatalf("second import: licenses %d/%d/%d", again.LicensesCreated, again.LicensesUpdated, again.LicensesUnchanged)
		}
		ls, n, err := db.Assets().FindLicenses(ctx, hitori.LicenseFilter{Query: "Zoom"})
		if err != nil || n != 1 {
			t.Fatalf("%d %v", n, err)
		}
		z := ls[0]
		if z.Kind != hitori.LicenseSubscription || z.Period != hitori.PeriodMonthly || z.CostYen == nil || *z.CostYen != 2200 ||
			z.Seats != 2 || z.RenewalOn != "" || !strings.Contains(z.Notes, "有効期限: 自動更新") || z.HasKey {
			t.Errorf("Zoom: %+v", z)
		}
		ls, _, _ = db.Assets().FindLicenses(ctx, hitori.LicenseFilter{Query: "FortiClient"})
		if len(ls) != 1 || !ls[0].HasKey || ls[0].Seats != 100 || ls[0].RenewalOn != "2027-03-14" {
			t.Errorf("FortiClient: %+v", ls)
		}
	})
}

// TestImportRowsMeetEarlierRows: a row that means an asset an earlier row
// of the same file created or changed sees that row's result (the import
// reads the register's numbers and serials once and keeps its copy
// current), and every write leaves its history entry, in row order.
func TestImportRowsMeetEarlierRows(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		svc := New(db.Assets())
		ctx := context.Background()
		importFile(t, svc, "old.csv", []byte("資産番号,シリアル番号,設置場所\n,T9,倉庫\n"), false)
		file := "資産番号,シリアル番号,設置場所\n" +
			"B-1,T1,1F\n" + // created
			",T1,3F\n" + // the asset just created, by serial: its number goes
			"B-3,T9,4F\n" + // the unnumbered asset of serial T9 gets a number
			"B-4,T1,5F\n" // T1's asset, unnumbered by the second row, gets one
		rep := importFile(t, svc, "b.csv", []byte(file), false)
		if counts(rep) != [5]int{4, 1, 3, 0, 0} {
			t.Fatalf("counts %v, rows %+v", counts(rep), rep.Rows)
		}
		for _, want := range []struct {
			number, serial, location string
			events                   []string
		}{
			{"B-4", "T1", "5F", []string{"number:→B-4 location:3F→5F", "number:B-1→ location:1F→3F", "imported"}},
			{"B-3", "T9", "4F", []string{"number:→B-3 location:倉庫→4F", "imported"}},
		} {
			found, _, err := db.Assets().FindAssets(ctx, hitori.AssetFilter{Number: want.number})
			if err != nil || len(found) != 1 {
				t.Fatalf("%s: %d assets, %v", want.number, len(found), err)
			}
			a := found[0]
			if a.Serial != want.serial || a.Location != want.location {
				t.Errorf("%s: serial %q location %q", want.number, a.Serial, a.Location)
			}
			hist, err := db.Assets().AssetHistory(ctx, a.ID, 10)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, e := range hist {
				var parts []string
				for _, c := range e.Changes {
					parts = append(parts, c.Field+":"+c.Old+"→"+c.New)
				}
				if len(parts) == 0 {
					parts = []string{string(e.Kind)}
				}
				got = append(got, strings.Join(parts, " "))
			}
			if strings.Join(got, "|") != strings.Join(want.events, "|") {
				t.Errorf("%s history %q, want %q", want.number, got, want.events)
			}
		}
	})
}
