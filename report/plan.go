package report

import (
	"context"
	"sort"
	"time"

	"hitori"
)

// PlanRow is an asset due for replacement in the plan's year, and why.
type PlanRow struct {
	Asset   hitori.ReplacementCandidate
	Due     hitori.Date // the earliest reason's day (may be before the year: overdue)
	Reason  string      // "lease", "os", "life"
	CostYen int64       // configured replacement cost of the type, else its price
}

// Plan is the replacement and budget plan of the next fiscal year.
type Plan struct {
	From, To     hitori.Date
	Rows         []PlanRow
	ByMonth      []Minutes // "YYYY-MM" → yen (Minutes reused as key/amount)
	ByDepartment []Minutes
	TotalYen     int64
}

// ReplacementPlan lists the assets whose lease ends, whose OS loses
// support, or whose service life (acquired + the type's life years) runs
// out by the end of the next fiscal year, with their cost, summed by
// month (overdue ones in the year's first month) and department.
func (s *Service) ReplacementPlan(ctx context.Context) (*Plan, error) {
	if err := s.check(ctx); err != nil {
		return nil, err
	}
	st, err := s.LoadSettings(ctx)
	if err != nil {
		return nil, err
	}
	from, to := FiscalYear(s.Now().In(s.Location), st.FiscalYearStart)
	assets, err := s.Store.ReplacementCandidates(ctx)
	if err != nil {
		return nil, err
	}
	p := &Plan{From: from, To: to}
	month, dept := map[string]int{}, map[string]int{}
	for _, a := range assets {
		due, reason := replacementDue(a, st)
		if due == "" || due > to {
			continue
		}
		cost := st.ReplacementYen[a.Type]
		if cost == 0 && a.PriceYen != nil {
			cost = *a.PriceYen
		}
		p.Rows = append(p.Rows, PlanRow{Asset: a, Due: due, Reason: reason, CostYen: cost})
		m := string(max(due, from))[:7]
		month[m] += int(cost)
		dept[a.Department] += int(cost)
		p.TotalYen += cost
	}
	sort.SliceStable(p.Rows, func(i, j int) bool { return p.Rows[i].Due < p.Rows[j].Due })
	for d := from; d <= to; {
		t, _ := d.Time(time.UTC)
		k := string(d)[:7]
		p.ByMonth = append(p.ByMonth, Minutes{k, month[k]})
		d = hitori.DateOf(t.AddDate(0, 1, 0))
	}
	p.ByDepartment = mostFirst(dept)
	return p, nil
}

// replacementDue is the earliest of the lease end, the OS's end of
// support and the end of the type's service life.
func replacementDue(a hitori.ReplacementCandidate, st Settings) (hitori.Date, string) {
	var due hitori.Date
	var reason string
	consider := func(d hitori.Date, why string) {
		if d != "" && (due == "" || d < due) {
			due, reason = d, why
		}
	}
	consider(a.LeaseUntil, "lease")
	consider(OSSupportEnds(a.OSName, a.OSVersion), "os")
	if years := st.LifeYears[a.Type]; years > 0 {
		if t, ok := a.AcquiredOn.Time(time.UTC); ok {
			consider(hitori.DateOf(t.AddDate(years, 0, 0)), "life")
		}
	}
	return due, reason
}
