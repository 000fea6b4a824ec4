package report

import (
	"html/template"
	"strconv"
)

// T translates a catalogue key (the web layer's catalogues).
type T func(key string, args ...any) string

// Cell is one table cell: text, or a whole number (minutes, yen, counts)
// that spreadsheets keep as a number.
type Cell struct {
	Text string
	Num  *int64
}

// TextCell and NumCell build cells.
func TextCell(s string) Cell { return Cell{Text: s} }

// NumCell is a number cell.
func NumCell(n int64) Cell { return Cell{Num: &n} }

// String is the cell as text.
func (c Cell) String() string {
	if c.Num != nil {
		return group(strconv.FormatInt(*c.Num, 10))
	}
	return c.Text
}

// Table is the figures behind a chart, shown beside it and downloadable.
type Table struct {
	Headers []string
	Rows    [][]Cell
}

// Section is one figure of a report: a chart and its table.
type Section struct {
	ID    string // for the export link and the chart's ids
	Title string
	Kind  string // "bar", "stacked", "line", "donut"
	Chart Chart
	Table Table
}

// SVG draws the section's chart.
func (s Section) SVG() template.HTML {
	s.Chart.ID, s.Chart.Title = "chart-"+s.ID, s.Title
	switch s.Kind {
	case "stacked":
		return StackedBar(s.Chart)
	case "line":
		return Line(s.Chart)
	case "donut":
		return Donut(s.Chart)
	}
	return Bar(s.Chart)
}

// minutesSection is a bar or donut of shares with a two-column table.
func minutesSection(id, title, kind, desc, keyHeader string, t T, shares []Minutes, label func(string) string) Section {
	s := Section{ID: id, Title: title, Kind: kind, Chart: Chart{Desc: desc, Unit: t("report.unit.minutes")},
		Table: Table{Headers: []string{keyHeader, t("report.col.minutes"), t("report.col.hours")}}}
	vals := make([]float64, 0, len(shares))
	for _, m := range shares {
		l := label(m.Key)
		s.Chart.Labels = append(s.Chart.Labels, l)
		vals = append(vals, float64(m.Minutes))
		s.Table.Rows = append(s.Table.Rows, []Cell{TextCell(l), NumCell(int64(m.Minutes)), TextCell(Hours(m.Minutes))})
	}
	s.Chart.Series = []Series{{Name: title, Values: vals}}
	return s
}

// Hours writes minutes as hours with one decimal.
func Hours(minutes int) string { return Num(float64(minutes*10/60) / 10) }

// TimeSections are the workload page's figures, in its order.
func TimeSections(f *TimeFigures, t T) []Section {
	orNone := func(s string) string {
		if s == "" {
			return t("report.none")
		}
		return s
	}
	kind := func(k string) string { return t("work.kind." + k) }
	out := []Section{
		minutesSection("category", t("report.time.by_category"), "bar", t("report.time.by_category_desc"), t("report.col.category"), t, f.ByCategory, orNone),
		minutesSection("kind", t("report.time.by_kind"), "donut", t("report.time.by_kind_desc"), t("report.col.kind"), t, f.ByKind, kind),
		minutesSection("department", t("report.time.by_department"), "bar", t("report.time.by_department_desc"), t("report.col.department"), t, f.ByDepartment, orNone),
	}
	var quads []Minutes
	for q := 1; q <= 4; q++ {
		quads = append(quads, Minutes{strconv.Itoa(q), f.ByQuadrant[q]})
	}
	out = append(out, minutesSection("quadrant", t("report.time.by_quadrant"), "donut", t("report.time.by_quadrant_desc"), t("report.col.quadrant"), t, quads,
		func(k string) string { return t("report.quadrant." + k) }))
	week := minutesSection("week", t("report.time.per_week"), "line", t("report.time.per_week_desc"), t("report.col.week"), t, f.PerWeek, func(k string) string { return k[5:] })
	out = append(out, week)
	out = append(out, minutesSection("month", t("report.time.per_month"), "bar", t("report.time.per_month_desc"), t("report.col.month"), t, f.PerMonth, func(k string) string { return k }))
	inter := Section{ID: "interruptions", Title: t("report.time.interruptions"), Kind: "stacked",
		Chart: Chart{Desc: t("report.time.interruptions_desc"), Unit: t("report.unit.minutes")},
		Table: Table{Headers: []string{t("report.col.day"), t("report.col.count"), t("report.col.minutes")}}}
	var mins []float64
	for _, d := range f.Interruption {
		inter.Chart.Labels = append(inter.Chart.Labels, string(d.Day)[5:])
		mins = append(mins, float64(d.Minutes))
		inter.Table.Rows = append(inter.Table.Rows, []Cell{TextCell(string(d.Day)), NumCell(int64(d.Count)), NumCell(int64(d.Minutes))})
	}
	inter.Chart.Series = []Series{{Name: t("report.col.minutes"), Values: mins}}
	return append(out, inter)
}
