package web

import (
	"fmt"
	"net/http"
	"net/url"

	"hitori"
	"hitori/ledger"
	"hitori/report"
)

// reportSectionView is what the report_section template gets.
type reportSectionView struct {
	P *page
	S report.Section
	Q string // the page's span as a query, for the export links; "" hides them
}

// reportPageData is a report page with its span and sections.
type reportPageData struct {
	Span     report.Span
	Prev     report.Span
	Sections []reportSectionView
	Summary  []reportFact
}

// reportFact is one headline figure.
type reportFact struct {
	Label, Value, Note string
}

func spanQuery(sp report.Span) string {
	return url.Values{"from": {string(sp.From)}, "to": {string(sp.To)}}.Encode()
}

func sectionViews(p *page, secs []report.Section, q string) []reportSectionView {
	out := make([]reportSectionView, len(secs))
	for i, s := range secs {
		out[i] = reportSectionView{P: p, S: s, Q: q}
	}
	return out
}

// reportTime is GET /reports/time: where the time went.
func (s *Server) reportTime(w http.ResponseWriter, r *http.Request) error {
	span, err := s.reportSpan(r)
	if err != nil {
		return err
	}
	f, err := s.report.Time(r.Context(), span)
	if err != nil {
		return err
	}
	p := s.newPage(r, reportNav)
	p.Title = p.T("report.time.title")
	d := &reportPageData{Span: span, Prev: f.PreviousSpan}
	d.Summary = timeSummary(p.T, f)
	d.Sections = sectionViews(p, report.TimeSections(f, p.T), spanQuery(span))
	p.Data = d
	s.render(w, http.StatusOK, "report_time", p)
	return nil
}

// timeSummary are the workload page's headline figures.
func timeSummary(t report.T, f *report.TimeFigures) []reportFact {
	n, m := f.InterruptionMinutes()
	days := max(f.Span.Days(), 1)
	return []reportFact{
		{t("report.time.total"), report.Hours(f.TotalMinutes) + t("report.unit.hours"), t("report.trend", report.Hours(f.PreviousMinutes), trend(f.TotalMinutes, f.PreviousMinutes))},
		{t("report.time.urgent_share"), report.Num(round1(f.UrgentShare())) + "%", t("report.time.important_share", report.Num(round1(f.ImportantShare())))},
		{t("report.time.interruptions_per_day"), report.Num(round1(float64(n)/float64(days))) + t("report.unit.items"), t("report.time.interruption_cost", m)},
	}
}

func round1(v float64) float64 { return float64(int(v*10+0.5)) / 10 }

// trend words the change from prev to now as a signed percentage.
func trend(now, prev int) string {
	if prev == 0 {
		return "—"
	}
	pct := round1(float64(now-prev) * 100 / float64(prev))
	if pct > 0 {
		return "+" + report.Num(pct) + "%"
	}
	return report.Num(pct) + "%"
}

// reportService is GET /reports/service: how colleagues were served.
func (s *Server) reportService(w http.ResponseWriter, r *http.Request) error {
	span, err := s.reportSpan(r)
	if err != nil {
		return err
	}
	f, err := s.report.Service(r.Context(), span)
	if err != nil {
		return err
	}
	p := s.newPage(r, reportNav)
	p.Title = p.T("report.service.title")
	d := &reportPageData{Span: span, Prev: span.Previous()}
	d.Summary = []reportFact{
		{p.T("report.service.opened"), report.Num(float64(f.Opened)), p.T("report.trend", report.Num(float64(f.PrevOpened)), trend(f.Opened, f.PrevOpened))},
		{p.T("report.service.resolved"), report.Num(float64(f.Resolved)), p.T("report.trend", report.Num(float64(f.PrevResolved)), trend(f.Resolved, f.PrevResolved))},
		{p.T("report.service.backlog_now"), report.Num(float64(f.Backlog)), p.T("report.service.backlog_median", report.HoursOf(f.BacklogMedian))},
		{p.T("report.service.deflections"), report.Num(float64(f.Deflections)), p.T("report.service.deflected", report.Hours(f.DeflectedMinutes))},
	}
	d.Sections = sectionViews(p, report.ServiceSections(f, p.T), spanQuery(span))
	p.Data = d
	s.render(w, http.StatusOK, "report_service", p)
	return nil
}

// reportExport is GET /reports/export?from=&to=&table=ID&format=csv|xlsx:
// the table beside a chart as a file.
func (s *Server) reportExport(w http.ResponseWriter, r *http.Request) error {
	span, err := s.reportSpan(r)
	if err != nil {
		return err
	}
	p := s.newPage(r, reportNav)
	q := r.URL.Query()
	var secs []report.Section
	if f, err := s.report.Time(r.Context(), span); err != nil {
		return err
	} else {
		secs = report.TimeSections(f, p.T)
	}
	if f, err := s.report.Service(r.Context(), span); err != nil {
		return err
	} else {
		secs = append(secs, report.ServiceSections(f, p.T)...)
	}
	for _, sec := range secs {
		if sec.ID == q.Get("table") {
			name := fmt.Sprintf("hitori-%s-%s-%s", sec.ID, span.From, span.To)
			return writeReportTable(w, q.Get("format"), name, sec.Title, sec.Table)
		}
	}
	return hitori.KeyError(hitori.ENOTFOUND, "error.not_found")
}

// writeReportTable sends t as CSV (UTF-8 with a BOM, which Excel reads) or
// as an .xlsx sheet, through the ledger's writers.
func writeReportTable(w http.ResponseWriter, format, name, sheet string, t report.Table) error {
	lt := toLedgerTable(sheet, t)
	switch format {
	case "xlsx":
		w.Header().Set("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
		w.Header().Set("Content-Disposition", `attachment; filename="`+name+`.xlsx"`)
		return ledger.WriteXLSX(w, lt)
	case "csv", "":
		w.Header().Set("Content-Type", "text/csv; charset=utf-8")
		w.Header().Set("Content-Disposition", `attachment; filename="`+name+`.csv"`)
		return ledger.WriteCSV(w, lt, false)
	}
	return hitori.FieldError("format", "error.invalid")
}

// toLedgerTable converts a report table for the ledger's writers.
func toLedgerTable(sheet string, t report.Table) *ledger.Table {
	if r := []rune(sheet); len(r) > 31 { // Excel's limit on a sheet name
		sheet = string(r[:31])
	}
	lt := &ledger.Table{Sheet: sheet, Headers: t.Headers}
	for _, row := range t.Rows {
		var out []ledger.Value
		for _, c := range row {
			if c.Num != nil {
				out = append(out, ledger.NumValue(c.Num))
			} else {
				out = append(out, ledger.TextValue(c.Text))
			}
		}
		lt.Rows = append(lt.Rows, out)
	}
	return lt
}
