package web

import (
	"net/http"
	"strconv"
	"strings"

	"hitori"
	"hitori/report"
)

// reportROI is GET /reports/roi: the calculator. Its inputs are query
// parameters, so working it out writes nothing (a viewer may use it) and
// the result's URL can be pasted into a 稟議.
func (s *Server) reportROI(w http.ResponseWriter, r *http.Request) error {
	p := s.newPage(r, reportNav)
	p.Title = p.T("report.roi.title")
	q := r.URL.Query()
	p.Form = q
	d := map[string]any{"Kinds": hitori.WorkKinds}
	in, err := roiInput(q)
	if err == nil {
		var res *report.ROIResult
		if res, err = s.report.ROI(r.Context(), in); err == nil {
			d["R"] = res
		}
	}
	p.Data = d
	if err != nil {
		return s.formError(w, "report_roi", p, err)
	}
	s.render(w, http.StatusOK, "report_roi", p)
	return nil
}

// roiInput reads the calculator's fields; empty numbers are zero.
func roiInput(q map[string][]string) (report.ROIInput, error) {
	get := func(k string) string {
		if v := q[k]; len(v) > 0 {
			return strings.TrimSpace(strings.ReplaceAll(v[0], ",", ""))
		}
		return ""
	}
	in := report.ROIInput{Name: get("name"), Kind: hitori.WorkKind(get("kind"))}
	fields := map[string]string{}
	num := func(k string, dst *int64) {
		if v := get(k); v != "" {
			n, err := strconv.ParseInt(v, 10, 64)
			if err != nil {
				fields[k] = "report.error.number"
			}
			*dst = n
		}
	}
	flt := func(k string, dst *float64) {
		if v := get(k); v != "" {
			n, err := strconv.ParseFloat(v, 64)
			if err != nil {
				fields[k] = "report.error.number"
			}
			*dst = n
		}
	}
	num("initial_yen", &in.InitialYen)
	num("yearly_yen", &in.YearlyYen)
	flt("saved_percent", &in.SavedPercent)
	flt("hours_per_month", &in.HoursPerMonth)
	if len(fields) > 0 {
		return in, &hitori.Error{Code: hitori.EINVALID, Message: "invalid ROI input", Key: "error.fields", Fields: fields}
	}
	return in, nil
}

// reportPlan is GET /reports/plan: the next fiscal year's replacement
// plan (?format=xlsx or csv: as a file).
func (s *Server) reportPlan(w http.ResponseWriter, r *http.Request) error {
	plan, err := s.report.ReplacementPlan(r.Context())
	if err != nil {
		return err
	}
	p := s.newPage(r, reportNav)
	p.Title = p.T("report.plan.title")
	rows, month, dept := report.PlanTables(plan, p.T)
	if f := r.URL.Query().Get("format"); f != "" {
		name, t := "hitori-replacement-plan-"+string(plan.From)[:4], rows
		switch r.URL.Query().Get("table") {
		case "month":
			name, t = name+"-by-month", month.Table
		case "department":
			name, t = name+"-by-department", dept.Table
		}
		return writeReportTable(w, f, name, p.T("report.plan.title"), t)
	}
	secs := []report.Section{month, dept}
	p.Data = map[string]any{"Plan": plan, "Rows": rows, "Sections": sectionViews(p, secs, "")}
	s.render(w, http.StatusOK, "report_plan", p)
	return nil
}
