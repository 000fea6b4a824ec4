package reportseed

import (
	"context"
	"fmt"
	"time"

	"hitori"
)

// HandoverExpect is what the register, contracts, duties and
// deflections of the data set make of November 2026 and of Now.
type HandoverExpect struct {
	// ContractYen are the yearly costs of the contracts in force in
	// November, by title; ContractVendor their vendors.
	ContractYen    map[string]int64
	ContractVendor map[string]string
	// ContractRenewals are "kind date title" of contract dates in the 90
	// days from Now.
	ContractRenewals []string
	// DutiesToday and DutiesMissed are "title date" of the occurrences due
	// today and past due undone at Now.
	DutiesToday, DutiesMissed []string
	// Systems are the register's systems (readiness has gaps for each).
	Systems []string
}

// handover writes two vendors, two systems, three contracts (one ended in
// September) and, with Duties, two duties with occurrences around Now.
func handover(ctx context.Context, s *Seeder, e *Expect) error {
	h := &HandoverExpect{ContractYen: map[string]int64{}, ContractVendor: map[string]string{}}
	e.Handover = h
	if s.Handover != nil {
		if err := contracts(ctx, s, h); err != nil {
			return err
		}
	}
	if s.Duties != nil {
		return duties(ctx, s, e)
	}
	return nil
}

func contracts(ctx context.Context, s *Seeder, h *HandoverExpect) error {
	s.SetNow(At(2026, 4, 1, 10, 0, 0))
	minato := &hitori.Vendor{Name: "みなと保守サービス", Handles: "UTM の保守"}
	cloud := &hitori.Vendor{Name: "クラウドバックアップ株式会社", Handles: "オフサイトバックアップ"}
	for _, v := range []*hitori.Vendor{minato, cloud} {
		if err := s.Handover.CreateVendor(ctx, v); err != nil {
			return fmt.Errorf("reportseed: vendor: %w", err)
		}
	}
	utm := &hitori.System{Name: "UTM", Kind: hitori.SystemFirewall, Criticality: hitori.CriticalHigh, VendorID: minato.ID}
	acct := &hitori.System{Name: "会計システム", Kind: hitori.SystemSaaS, Criticality: hitori.CriticalMedium}
	for _, sys := range []*hitori.System{utm, acct} {
		if err := s.Handover.CreateSystem(ctx, sys); err != nil {
			return fmt.Errorf("reportseed: system: %w", err)
		}
		h.Systems = append(h.Systems, sys.Name)
	}
	list := []*hitori.Contract{
		{VendorID: minato.ID, Title: "UTM 保守契約", StartsOn: "2026-04-01", EndsOn: "2027-03-31", AutoRenew: true,
			Notice: 1, NoticeUnit: hitori.NoticeMonths, AnnualYen: yen(120000), SystemIDs: []int64{utm.ID}},
		{VendorID: cloud.ID, Title: "クラウドバックアップ", StartsOn: "2025-01-01", MonthlyYen: yen(5000)},
		{VendorID: minato.ID, Title: "旧コピー機リース", StartsOn: "2021-10-01", EndsOn: "2026-09-30", AnnualYen: yen(90000)},
	}
	for _, c := range list {
		if err := s.Handover.CreateContract(ctx, c); err != nil {
			return fmt.Errorf("reportseed: contract %s: %w", c.Title, err)
		}
	}
	h.ContractYen["UTM 保守契約"], h.ContractVendor["UTM 保守契約"] = 120000, minato.Name
	h.ContractYen["クラウドバックアップ"], h.ContractVendor["クラウドバックアップ"] = 60000, cloud.Name
	h.ContractRenewals = []string{"decision 2027-02-28 UTM 保守契約"}
	return nil
}

// duties writes a daily backup check whose occurrences of 8, 9 and 10
// December are open, done and open (so one missed and one due today), and
// a monthly patch duty whose 1 December occurrence was resolved on the
// board. Each occurrence's task is an item opened on its day.
func duties(ctx context.Context, s *Seeder, e *Expect) error {
	staff, err := s.staffContext(ctx)
	if err != nil {
		return err
	}
	s.SetNow(At(2026, 11, 30, 10, 0, 0))
	backup := &hitori.Duty{Title: "バックアップの確認", Checklist: []string{"ジョブの結果を確認"},
		Schedule: hitori.DutySchedule{Freq: hitori.DutyDaily}, StartsOn: "2026-12-01"}
	patch := &hitori.Duty{Title: "月次パッチ適用", Schedule: hitori.DutySchedule{Freq: hitori.DutyMonthly, Monthly: hitori.MonthlyDay, Day: 1,
		Holiday: hitori.HolidayNext}, StartsOn: "2026-12-01"}
	for _, d := range []*hitori.Duty{backup, patch} {
		if err := s.Duties.CreateDuty(staff, d); err != nil {
			return fmt.Errorf("reportseed: duty %s: %w", d.Title, err)
		}
	}
	occ := func(d *hitori.Duty, on hitori.Date, done, resolved bool) error {
		t, _ := on.Time(jst)
		at := t.Add(6 * time.Hour)
		s.SetNow(at)
		it := &hitori.Item{Type: hitori.TypeTask, Title: d.Title + " " + string(on), Kind: hitori.KindMaintenance}
		if err := s.Items.CreateItem(ctx, it); err != nil {
			return fmt.Errorf("reportseed: duty task: %w", err)
		}
		e.Opened[day(at)]++
		o := &hitori.DutyOccurrence{DutyID: d.ID, NominalOn: on, DueOn: on, ItemID: it.ID}
		if _, err := s.Duties.AddOccurrence(staff, o); err != nil {
			return fmt.Errorf("reportseed: occurrence: %w", err)
		}
		switch {
		case done:
			if _, err := s.Duties.CompleteOccurrence(staff, o.ID, []hitori.DutyCheck{{Label: "ジョブの結果を確認", Done: true}}, "正常"); err != nil {
				return fmt.Errorf("reportseed: complete occurrence: %w", err)
			}
			fallthrough
		case resolved:
			st := hitori.StatusResolved
			s.SetNow(at.Add(time.Hour))
			if _, err := s.Items.UpdateItem(staff, it.ID, hitori.ItemUpdate{Status: &st}); err != nil {
				return fmt.Errorf("reportseed: resolve duty task: %w", err)
			}
			e.Resolved[day(at)]++
		default:
			e.Open++
			e.OpenCreated = append(e.OpenCreated, at)
		}
		return nil
	}
	for _, o := range []struct {
		d              *hitori.Duty
		on             hitori.Date
		done, resolved bool
	}{
		{patch, "2026-12-01", false, true},
		{backup, "2026-12-08", false, false},
		{backup, "2026-12-09", true, false},
		{backup, "2026-12-10", false, false},
	} {
		if err := occ(o.d, o.on, o.done, o.resolved); err != nil {
			return err
		}
	}
	e.Handover.DutiesToday = []string{"バックアップの確認 2026-12-10"}
	e.Handover.DutiesMissed = []string{"バックアップの確認 2026-12-08"}
	return nil
}

// deflections records five "this solved it" on an article: three in
// November (one on each edge of the month in Japan) and two in December.
func deflections(ctx context.Context, s *Seeder, e *Expect) error {
	s.SetNow(At(2026, 10, 1, 9, 0, 0))
	a := &hitori.Article{Title: "パスワードを忘れたとき", Body: "リセットの手順", Kind: hitori.KindFAQ, Visibility: hitori.VisibleEveryone}
	if err := s.Articles.CreateArticle(ctx, a); err != nil {
		return fmt.Errorf("reportseed: article: %w", err)
	}
	for _, at := range []time.Time{At(2026, 10, 31, 23, 59, 59), At(2026, 11, 1, 0, 0, 0), At(2026, 11, 15, 12, 0, 0),
		At(2026, 11, 30, 23, 59, 59), At(2026, 12, 1, 0, 0, 0)} {
		s.SetNow(at)
		if err := s.Articles.RecordDeflection(ctx, a.ID, a.Slug, "パスワード"); err != nil {
			return fmt.Errorf("reportseed: deflection: %w", err)
		}
		e.Deflected[day(at)]++
	}
	return nil
}

// All writes the whole data set: Items, then what each store given adds
// (assets and licenses, monitors with roll-ups and an incident, the
// handover register, duties, deflections).
func All(ctx context.Context, s Seeder) (*Expect, error) {
	if _, err := s.staffContext(ctx); err != nil { // once, before Items copies s
		return nil, err
	}
	e, err := Items(ctx, s)
	if err != nil {
		return nil, err
	}
	if s.Assets != nil {
		if err := assets(ctx, &s, e); err != nil {
			return nil, err
		}
	}
	if s.Monitors != nil {
		if err := monitors(ctx, &s, e); err != nil {
			return nil, err
		}
	}
	if s.Articles != nil {
		if err := deflections(ctx, &s, e); err != nil {
			return nil, err
		}
	}
	if err := handover(ctx, &s, e); err != nil {
		return nil, err
	}
	s.SetNow(Now)
	return e, nil
}
