package report_test

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"hitori"
	"hitori/handover"
	"hitori/report"
	"hitori/report/reportseed"
	"hitori/sqlstore"
	"hitori/work"
)

// wired gives the service the areas app.Build gives it: the SLA risk of
// the work area and the handover register's readiness.
func wired(db *sqlstore.DB, svc *report.Service) {
	svc.Risk = work.New(db.Items(), db.Settings()).Risk
	h := handover.New(db.Handover())
	h.Now = svc.Now
	svc.Readiness = h.Readiness
}

func echo(key string, args ...any) string { return key + fmt.Sprint(args...) }

func checkMonthlyKnownAnswers(t *testing.T, db *sqlstore.DB, svc *report.Service, exp *reportseed.Expect) {
	wired(db, svc)
	viewer := hitori.NewContextWithUser(context.Background(), &hitori.User{ID: 999, Role: hitori.RoleViewer})
	m, err := svc.Monthly(viewer, "2026-11", "ja", echo)
	if err != nil {
		t.Fatal(err)
	}
	mon := exp.Monitors
	if len(m.Outages) != 1 {
		t.Fatalf("outages %+v, want the UTM's", m.Outages)
	}
	o := m.Outages[0]
	if o.Title != "UTM" || !o.OpenedAt.Equal(mon.OutageOpened) || o.ResolvedAt == nil || !o.ResolvedAt.Equal(mon.OutageResolved) ||
		o.Down != 12*time.Hour || o.AckedBy != mon.OutageAckedBy || o.ItemID == 0 || o.ItemMinutes != 45 || o.ItemStatus != hitori.StatusResolved {
		t.Errorf("outage %+v", o)
	}
	if len(m.Incidents) != 0 {
		t.Errorf("incident work %+v: the outage's item is in the outages' table", m.Incidents)
	}
	h := exp.Handover
	wantCat := map[string]int64{"report.cost.cat.software": exp.Assets.SubsYen, "asset.type.pc": exp.Assets.PurchasesNov,
		"handover.kind.firewall": h.ContractYen["UTM 保守契約"], "report.cost.cat.contract": h.ContractYen["クラウドバックアップ"]}
	wantVendor := map[string]int64{"日本マイクロソフト": 180000, "トレンドマイクロ": 66000, "ヨドバシカメラ": 98000,
		"みなと保守サービス": 120000, "クラウドバックアップ株式会社": 60000}
	var total int64
	for _, v := range wantCat {
		total += v
	}
	if m.CostYen != total || total != 524000 {
		t.Errorf("yearly cost %d, want %d (524,000)", m.CostYen, total)
	}
	checkYen(t, "category", m.ByCategory, wantCat)
	checkYen(t, "vendor", m.ByVendor, wantVendor)
	var renew []string
	for _, r := range m.Renewals {
		renew = append(renew, r.Kind+" "+string(r.On)+" "+r.Name)
	}
	wantRenew := append(append([]string{}, exp.Assets.Renewals...), h.ContractRenewals...)
	if strings.Join(sorted(renew), "|") != strings.Join(sorted(wantRenew), "|") {
		t.Errorf("renewals\n%v\nwant\n%v", renew, wantRenew)
	}
	// License renewals (15,000 a month, 66,000 a year) and the UTM
	// contract's decision (120,000 a year).
	if m.RenewYen != 201000 {
		t.Errorf("renewal cost %d, want 201000", m.RenewYen)
	}
	if len(m.Unsupport) != 1 || m.Unsupport[0].Number != exp.Assets.Unsupported[0] {
		t.Errorf("unsupported %+v", m.Unsupport)
	}
	if m.Readiness == nil || len(m.Readiness.Gaps) == 0 {
		t.Fatalf("readiness %+v: the register's systems lack runbooks and more", m.Readiness)
	}
	var buf bytes.Buffer
	if err := m.WriteHTML(&buf, echo, ""); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`data-testid="monthly-outages"`, "UTM", "11-10 09:00", "11-10 21:00", mon.OutageAckedBy,
		"524,000", "クラウドバックアップ株式会社", `data-testid="monthly-gaps"`, "会計システム"} {
		if !strings.Contains(buf.String(), want) {
			t.Errorf("the report lacks %q", want)
		}
	}
}

func checkDashboardKnownAnswers(t *testing.T, db *sqlstore.DB, svc *report.Service, exp *reportseed.Expect) {
	wired(db, svc)
	viewer := hitori.NewContextWithUser(context.Background(), &hitori.User{ID: 999, Role: hitori.RoleViewer})
	d, err := svc.Dashboard(viewer)
	if err != nil {
		t.Fatal(err)
	}
	open := 0
	for _, n := range d.Quadrants {
		open += n
	}
	if open != exp.Open {
		t.Errorf("open items %d, want %d", open, exp.Open)
	}
	if len(d.AtRisk) != exp.OpenTicketsWithTarget {
		t.Errorf("at risk %d, want every open ticket (%d): all are past their targets", len(d.AtRisk), exp.OpenTicketsWithTarget)
	}
	if len(d.Down) != 1 || d.Down[0].Name != exp.Monitors.Down[0] {
		t.Errorf("down %+v, want %v", d.Down, exp.Monitors.Down)
	}
	occ := func(list []*hitori.DutyOccurrence) (out []string) {
		for _, o := range list {
			out = append(out, o.DutyTitle+" "+string(o.DueOn))
		}
		return out
	}
	if got := occ(d.Duties); strings.Join(got, "|") != strings.Join(exp.Handover.DutiesToday, "|") {
		t.Errorf("today's duties %v, want %v", got, exp.Handover.DutiesToday)
	}
	if got := occ(d.Missed); strings.Join(got, "|") != strings.Join(exp.Handover.DutiesMissed, "|") {
		t.Errorf("missed duties %v, want %v", got, exp.Handover.DutiesMissed)
	}
	if len(d.Renewals) != len(exp.Assets.Renewals)+len(exp.Handover.ContractRenewals) {
		t.Errorf("renewals %+v", d.Renewals)
	}
	if d.Readiness == nil {
		t.Fatal("no readiness")
	}
	systems := map[string]bool{}
	for _, g := range d.Readiness.Gaps {
		systems[g.System] = true
	}
	for _, s := range exp.Handover.Systems {
		if !systems[s] {
			t.Errorf("no readiness gap for %s: %+v", s, d.Readiness.Gaps)
		}
	}
	if !systems[""] { // no emergency kit issued: the vault's gap
		t.Errorf("no vault kit gap: %+v", d.Readiness.Gaps)
	}
}

func checkYen(t *testing.T, what string, got []report.YenSum, want map[string]int64) {
	t.Helper()
	if len(got) != len(want) {
		t.Errorf("%s: %v, want %v", what, got, want)
	}
	for i, g := range got {
		if want[g.Key] != g.Yen {
			t.Errorf("%s %q: %d yen, want %d", what, g.Key, g.Yen, want[g.Key])
		}
		if i > 0 && got[i-1].Yen < g.Yen {
			t.Errorf("%s: not most first: %v", what, got)
		}
	}
}

func sorted(s []string) []string {
	out := append([]string(nil), s...)
	for i := range out {
		for j := i + 1; j < len(out); j++ {
			if out[j] < out[i] {
				out[i], out[j] = out[j], out[i]
			}
		}
	}
	return out
}
