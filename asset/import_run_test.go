package asset

import (
	"context"
	"testing"

	"hitori"
	"hitori/ledger"
	"hitori/sqlstore"
	"hitori/sqlstore/storetest"
)

// A web import: stored, previewed, its mapping corrected, confirmed.
func TestLedgerRun(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		svc := New(db.Assets())
		ctx := context.Background()
		r, err := svc.StartRun(ctx, "messy.xlsx", readTestdata(t, "it_asset_ledger_messy.xlsx"), "", 0)
		if err != nil {
			t.Fatal(err)
		}
		run := func() (*hitori.LedgerRun, *RunReport) {
			t.Helper()
			if err := svc.LedgerImportJob(ctx, RunJob(r)); err != nil {
				t.Fatal(err)
			}
			got, err := db.Assets().LedgerRun(ctx, r.ID)
			if err != nil {
				t.Fatal(err)
			}
			rep, err := ParseRunReport(got)
			if err != nil || rep == nil || got.State != hitori.LedgerRunDone {
				t.Fatalf("state %s error %q report %v", got.State, got.Error, err)
			}
			return got, rep
		}
		r, rep := run()
		if !rep.DryRun || rep.Created != 40 || len(rep.Rows) != 40 || rep.Licenses != 15 || len(rep.Sheets) != 2 || rep.Sheets[0].Columns[5].Field != "serial" {
			t.Fatalf("preview %+v", rep)
		}
		if err := svc.QueueRun(ctx, r, ledger.Mapping{"備考": ""}, true); err != nil {
			t.Fatal(err)
		}
		r, rep = run()
		if !rep.DryRun || rep.Rows[0].Number == "" || rep.Sheets[0].Columns[14].Field != "" {
			t.Fatalf("corrected preview %+v", rep.Sheets[0].Columns)
		}
		if err := svc.QueueRun(ctx, r, nil, false); err != nil {
			t.Fatal(err)
		}
		r, rep = run()
		if rep.DryRun || rep.Created != 40 {
			t.Fatalf("import %+v", rep)
		}
		if err := svc.QueueRun(ctx, r, nil, false); hitori.ErrorCode(err) != hitori.ECONFLICT {
			t.Errorf("a done import queued again: %v", err)
		}
		// A broken file fails its run with the reason.
		bad, _ := svc.StartRun(ctx, "bad.xlsx", []byte("PK\x03\x04nonsense"), "", 0)
		if err := svc.RunLedger(ctx, bad.ID); err != nil {
			t.Fatal(err)
		}
		got, _ := db.Assets().LedgerRun(ctx, bad.ID)
		if got.State != hitori.LedgerRunFailed || got.Error != "ledger.error.format" {
			t.Errorf("bad file: %s %q", got.State, got.Error)
		}
	})
}
