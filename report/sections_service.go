package report

import (
	"math"
	"time"
)

// ServiceSections are the service page's figures, in its order.
func ServiceSections(f *ServiceFigures, t T) []Section {
	flow := Section{ID: "flow", Title: t("report.service.flow"), Kind: "bar",
		Chart: Chart{Desc: t("report.service.flow_desc"), Unit: t("report.unit.items"),
			Labels: []string{t("report.service.opened"), t("report.service.resolved"), t("report.service.prev_opened"), t("report.service.prev_resolved")}},
		Table: Table{Headers: []string{t("report.col.what"), t("report.col.count")}}}
	vals := []int{f.Opened, f.Resolved, f.PrevOpened, f.PrevResolved}
	var fv []float64
	for i, v := range vals {
		fv = append(fv, float64(v))
		flow.Table.Rows = append(flow.Table.Rows, []Cell{TextCell(flow.Chart.Labels[i]), NumCell(int64(v))})
	}
	flow.Chart.Series = []Series{{Name: flow.Title, Values: fv}}

	times := Section{ID: "times", Title: t("report.service.times"), Kind: "bar",
		Chart: Chart{Desc: t("report.service.times_desc"), Unit: t("report.unit.hours")},
		Table: Table{Headers: []string{t("report.col.what"), t("report.col.count"), t("report.col.median_h"), t("report.col.p90_h"), t("report.col.met_sla")}}}
	for _, d := range []struct {
		key string
		d   Durations
	}{{"report.service.first_response", f.FirstResponse}, {"report.service.resolution", f.Resolution}} {
		times.Chart.Labels = append(times.Chart.Labels, t(d.key)+" "+t("report.col.median"), t(d.key)+" "+t("report.col.p90"))
		fv = nil
		times.Table.Rows = append(times.Table.Rows, []Cell{TextCell(t(d.key)), NumCell(int64(d.d.Count)),
			TextCell(HoursOf(d.d.Median)), TextCell(HoursOf(d.d.P90)), TextCell(t("report.met_of", d.d.Met, d.d.Target))})
	}
	times.Chart.Series = []Series{{Name: times.Title, Values: []float64{hoursF(f.FirstResponse.Median), hoursF(f.FirstResponse.P90),
		hoursF(f.Resolution.Median), hoursF(f.Resolution.P90)}}}

	backlog := Section{ID: "backlog", Title: t("report.service.backlog"), Kind: "bar",
		Chart: Chart{Desc: t("report.service.backlog_desc"), Unit: t("report.unit.items")},
		Table: Table{Headers: []string{t("report.col.age"), t("report.col.count")}}}
	fv = nil
	for _, b := range f.BacklogAges {
		backlog.Chart.Labels = append(backlog.Chart.Labels, t("report.age."+b.Key))
		fv = append(fv, float64(b.Count))
		backlog.Table.Rows = append(backlog.Table.Rows, []Cell{TextCell(t("report.age." + b.Key)), NumCell(int64(b.Count))})
	}
	backlog.Chart.Series = []Series{{Name: backlog.Title, Values: fv}}

	avail := Section{ID: "availability", Title: t("report.service.availability"), Kind: "bar",
		Chart: Chart{Desc: t("report.service.availability_desc"), Unit: "%"},
		Table: Table{Headers: []string{t("report.col.monitor"), t("report.col.checks"), t("report.col.percent"), t("report.col.outages"), t("report.col.down_h")}}}
	fv = nil
	for _, a := range f.Availability {
		avail.Chart.Labels = append(avail.Chart.Labels, a.Name)
		pct := t("report.no_checks")
		v := 0.0
		if a.Percent >= 0 {
			v = math.Floor(a.Percent*100) / 100
			pct = Num2(v)
		}
		fv = append(fv, v)
		avail.Table.Rows = append(avail.Table.Rows, []Cell{TextCell(a.Name), NumCell(int64(a.Checks)), TextCell(pct),
			NumCell(int64(a.Outages)), TextCell(HoursOf(a.Down))})
	}
	avail.Chart.Series = []Series{{Name: avail.Title, Values: fv}}
	return []Section{flow, times, backlog, avail}
}

// HoursOf writes a duration as hours with one decimal.
func HoursOf(d time.Duration) string { return Num(hoursF(d)) }

func hoursF(d time.Duration) float64 { return math.Round(d.Hours()*10) / 10 }

// Num2 writes a percentage with two decimals.
func Num2(v float64) string {
	s := Num(math.Floor(v))
	frac := int(math.Round((v - math.Floor(v)) * 100))
	if frac >= 100 {
		return Num(math.Floor(v)+1) + ".00"
	}
	return s + "." + string(rune('0'+frac/10)) + string(rune('0'+frac%10))
}
