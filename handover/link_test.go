package handover_test

import (
	"context"
	"testing"

	"hitori"
	"hitori/handover"
	"hitori/sqlstore"
	"hitori/sqlstore/storetest"
)

// TestLinkSystem links and unlinks through the service: a second link of
// the same thing is no change, the system's other fields and relations
// survive, and unlinking what is not linked is ENOTFOUND.
func TestLinkSystem(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		svc := handover.New(db.Handover())
		base := &hitori.System{Name: "基盤", Criticality: hitori.CriticalHigh}
		if err := svc.SaveSystem(ctx, base); err != nil {
			t.Fatal(err)
		}
		sys := &hitori.System{Name: "NAS", Notes: "メモ", Criticality: hitori.CriticalLow,
			Relations: []hitori.SystemRelation{{To: base.ID, Kind: hitori.RelRunsOn}}}
		if err := svc.SaveSystem(ctx, sys); err != nil {
			t.Fatal(err)
		}
		link := hitori.SystemLink{Kind: hitori.LinkMonitor, Ref: "42"}
		for range 2 {
			if err := svc.LinkSystem(ctx, sys.ID, link); err != nil {
				t.Fatal(err)
			}
		}
		got, err := svc.System(ctx, sys.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(got.Links) != 1 || got.Notes != "メモ" || got.Criticality != hitori.CriticalLow || len(got.Relations) != 1 {
			t.Fatalf("after linking: %+v", got)
		}
		if err := svc.UnlinkSystem(ctx, sys.ID, link); err != nil {
			t.Fatal(err)
		}
		if err := svc.UnlinkSystem(ctx, sys.ID, link); hitori.ErrorCode(err) != hitori.ENOTFOUND {
			t.Errorf("unlink twice: %v, want ENOTFOUND", err)
		}
		if err := svc.LinkSystem(ctx, 999999, link); hitori.ErrorCode(err) != hitori.ENOTFOUND {
			t.Errorf("link to no system: %v, want ENOTFOUND", err)
		}
	})
}
