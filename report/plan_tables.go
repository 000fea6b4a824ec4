package report

// PlanTables are the plan's rows as a table (the Excel export) and its
// sums by month and department as sections.
func PlanTables(p *Plan, t T) (rows Table, byMonth, byDept Section) {
	rows.Headers = []string{t("report.col.asset"), t("report.col.model"), t("report.col.department"), t("report.col.due"),
		t("report.col.reason"), t("report.col.yen")}
	for _, r := range p.Rows {
		rows.Rows = append(rows.Rows, []Cell{TextCell(r.Asset.Number), TextCell(r.Asset.Model), TextCell(r.Asset.Department),
			TextCell(string(r.Due)), TextCell(t("report.plan.reason." + r.Reason)), NumCell(r.CostYen)})
	}
	yen := func(id, title, header string, sums []Minutes, label func(string) string) Section {
		s := Section{ID: id, Title: title, Kind: "bar", Chart: Chart{Desc: title, Unit: t("report.unit.yen")},
			Table: Table{Headers: []string{header, t("report.col.yen")}}}
		var v []float64
		for _, m := range sums {
			s.Chart.Labels = append(s.Chart.Labels, label(m.Key))
			v = append(v, float64(m.Minutes))
			s.Table.Rows = append(s.Table.Rows, []Cell{TextCell(label(m.Key)), NumCell(int64(m.Minutes))})
		}
		s.Chart.Series = []Series{{Name: title, Values: v}}
		return s
	}
	orNone := func(k string) string {
		if k == "" {
			return t("report.none")
		}
		return k
	}
	byMonth = yen("plan-month", t("report.plan.by_month"), t("report.col.month"), p.ByMonth, func(k string) string { return k })
	byDept = yen("plan-department", t("report.plan.by_department"), t("report.col.department"), p.ByDepartment, orNone)
	return rows, byMonth, byDept
}
