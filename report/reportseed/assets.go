package reportseed

import (
	"context"
	"fmt"

	"hitori"
)

// AssetsExpect is what the assets and licenses of the data set make of
// the plan, the renewals and the cost picture, worked out by hand for
// Now (fiscal years from April: the next one is 2027-04-01 – 2028-03-31;
// the default service lives and replacement costs).
type AssetsExpect struct {
	// PlanRows are the plan's assets, by due date: number, due, reason, yen.
	PlanRows     []PlanRow
	PlanTotal    int64
	PlanByMonth  map[string]int64 // only the months with a cost
	PlanByDept   map[string]int64
	Unsupported  []string // numbers of assets on an OS past support
	Renewals     []string // "kind date name" of asset and license dates in the 90 days from Now
	SubsYen      int64    // licenses' yearly cost
	PurchasesNov int64    // assets bought in November 2026
}

// PlanRow is one row of the replacement plan as expected.
type PlanRow struct {
	Number string
	Due    hitori.Date
	Reason string
	Yen    int64
}

func yen(v int64) *int64 { return &v }

// assets writes two departments, ten assets (one retired) and three
// licenses.
func assets(ctx context.Context, s *Seeder, e *Expect) error {
	dept := map[string]int64{}
	for _, name := range []string{"総務部", "営業部"} {
		d := &hitori.Department{Name: name}
		if err := s.Assets.CreateDepartment(ctx, d); err != nil {
			return fmt.Errorf("reportseed: department: %w", err)
		}
		dept[name] = d.ID
	}
	list := []hitori.Asset{
		{Number: "PC-001", Type: hitori.AssetPC, Maker: "NEC", Model: "Mate", DepartmentID: dept["営業部"], AcquiredOn: "2022-06-15", PriceYen: yen(180000), OSName: "Windows 11 Pro"},
		{Number: "PC-002", Type: hitori.AssetPC, Maker: "富士通", Model: "ESPRIMO", DepartmentID: dept["総務部"], AcquiredOn: "2024-01-10", PriceYen: yen(160000), WarrantyUntil: "2027-01-20", OSName: "Windows 10 Pro", OSVersion: "22H2"},
		{Number: "SRV-001", Type: hitori.AssetServer, Maker: "Dell", Model: "PowerEdge T150", DepartmentID: dept["総務部"], AcquiredOn: "2021-09-01", PriceYen: yen(1200000), OSName: "Windows Server 2016 Standard"},
		{Number: "NW-001", Type: hitori.AssetNetwork, Maker: "ヤマハ", Model: "RTX1300", DepartmentID: dept["営業部"], AcquiredOn: "2023-12-01", LeaseUntil: "2027-11-30"},
		{Number: "PR-001", Type: hitori.AssetPrinter, Maker: "キヤノン", Model: "iR-ADV", DepartmentID: dept["営業部"], AcquiredOn: "2024-05-01", PriceYen: yen(300000), WarrantyUntil: "2027-02-25"},
		{Number: "PC-003", Type: hitori.AssetPC, Maker: "NEC", Model: "Mate", DepartmentID: dept["総務部"], AcquiredOn: "2023-04-10", PriceYen: yen(150000)},
		{Number: "PC-004", Type: hitori.AssetPC, Maker: "NEC", Model: "VersaPro", AcquiredOn: "2023-03-31", PriceYen: yen(150000)},
		{Number: "PC-005", Type: hitori.AssetPC, Maker: "NEC", Model: "Mate", DepartmentID: dept["総務部"], AcquiredOn: "2015-01-01", OSName: "Windows 7", Status: hitori.AssetRetired},
		{Number: "OT-001", Type: hitori.AssetOther, Maker: "パナソニック", Model: "電話主装置", DepartmentID: dept["総務部"], AcquiredOn: "2025-01-01", PriceYen: yen(50000), LeaseUntil: "2027-08-31"},
		{Number: "PC-006", Type: hitori.AssetPC, Maker: "Lenovo", Model: "ThinkPad", DepartmentID: dept["営業部"], AcquiredOn: "2026-11-05", PriceYen: yen(98000), Vendor: "ヨドバシカメラ", WarrantyUntil: "2029-11-05"},
	}
	for i := range list {
		a := list[i]
		if a.Status == "" {
			a.Status = hitori.AssetInUse
		}
		a.Source = "manual"
		if err := s.Assets.CreateAsset(ctx, &a); err != nil {
			return fmt.Errorf("reportseed: asset %s: %w", a.Number, err)
		}
	}
	lic := []struct {
		l   hitori.License
		key string
	}{
		{hitori.License{Title: "Microsoft 365 Business Standard", Kind: hitori.LicenseSubscription, Seats: 10, Period: hitori.PeriodMonthly,
			RenewalOn: "2027-01-05", CostYen: yen(15000), Vendor: "日本マイクロソフト"}, "microsoft 365 business standard"},
		{hitori.License{Title: "ウイルスバスター ビジネス", Kind: hitori.LicenseSubscription, Seats: 10, Period: hitori.PeriodYearly,
			RenewalOn: "2027-02-20", CostYen: yen(66000), Vendor: "トレンドマイクロ"}, "ウイルスバスター ビジネス"},
		{hitori.License{Title: "一太郎", Kind: hitori.LicensePerpetual, Seats: 2, CostYen: yen(30000), Vendor: "ジャストシステム"}, "一太郎"},
	}
	for i := range lic {
		l := lic[i].l
		if err := s.Assets.CreateLicense(ctx, &l, lic[i].key, ""); err != nil {
			return fmt.Errorf("reportseed: license %s: %w", l.Title, err)
		}
	}
	e.Assets = &AssetsExpect{
		PlanRows: []PlanRow{
			{"PC-002", "2025-10-14", "os", 150000},
			{"SRV-001", "2027-01-12", "os", 800000},
			{"PC-001", "2027-06-15", "life", 150000},
			{"OT-001", "2027-08-31", "lease", 50000},
			{"NW-001", "2027-11-30", "lease", 100000},
			{"PC-004", "2028-03-31", "life", 150000},
		},
		PlanTotal:    1400000,
		PlanByMonth:  map[string]int64{"2027-04": 950000, "2027-06": 150000, "2027-08": 50000, "2027-11": 100000, "2028-03": 150000},
		PlanByDept:   map[string]int64{"総務部": 1000000, "営業部": 250000, "": 150000},
		Unsupported:  []string{"PC-002"},
		Renewals:     []string{"renewal 2027-01-05 Microsoft 365 Business Standard", "warranty 2027-01-20 PC-002 富士通 ESPRIMO", "renewal 2027-02-20 ウイルスバスター ビジネス", "warranty 2027-02-25 PR-001 キヤノン iR-ADV"},
		SubsYen:      12*15000 + 66000,
		PurchasesNov: 98000,
	}
	return nil
}
