package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"hitori"
	"hitori/report"
)

// reportSettings is GET /reports/settings: the figures reports cannot
// measure, and who gets the monthly report by mail.
func (s *Server) reportSettings(w http.ResponseWriter, r *http.Request) error {
	st, err := s.report.LoadSettings(r.Context())
	if err != nil {
		return err
	}
	p, err := s.reportSettingsPage(r, st)
	if err != nil {
		return err
	}
	if r.URL.Query().Get("flash") == "saved" {
		p.Flash = p.T("report.settings.saved")
	}
	s.render(w, http.StatusOK, "report_settings", p)
	return nil
}

func (s *Server) reportSettingsPage(r *http.Request, st report.Settings) (*page, error) {
	p := s.newPage(r, reportNav)
	p.Title = p.T("report.settings.title")
	readers, _, err := s.stores.Users.FindUsers(r.Context(), hitori.UserFilter{Roles: []hitori.Role{hitori.RoleAdmin, hitori.RoleViewer}, Limit: 500})
	if err != nil {
		return nil, err
	}
	f := url.Values{}
	f.Set("hourly_cost_yen", strconv.FormatInt(st.HourlyCostYen, 10))
	f.Set("minutes_per_deflection", strconv.Itoa(st.MinutesPerDeflection))
	f.Set("fiscal_year_start", strconv.Itoa(st.FiscalYearStart))
	for _, t := range hitori.AssetTypes {
		f.Set("life_years_"+string(t), strconv.Itoa(st.LifeYears[t]))
		f.Set("replacement_yen_"+string(t), strconv.FormatInt(st.ReplacementYen[t], 10))
	}
	for _, id := range st.MonthlyTo {
		f.Add("monthly_to", strconv.FormatInt(id, 10))
	}
	p.Form = f
	p.Data = map[string]any{"Types": hitori.AssetTypes, "Readers": reportReaders(readers, st.MonthlyTo)}
	return p, nil
}

// reportReader is one user the monthly report may be mailed to.
type reportReader struct {
	ID      int64
	Label   string
	Role    hitori.Role
	Checked bool
}

func reportReaders(users []*hitori.User, chosen []int64) []reportReader {
	var out []reportReader
	for _, u := range users {
		if u.Disabled {
			continue
		}
		r := reportReader{ID: u.ID, Label: u.Email, Role: u.Role}
		if u.Name != "" {
			r.Label = u.Name + " <" + u.Email + ">"
		}
		for _, id := range chosen {
			r.Checked = r.Checked || id == u.ID
		}
		out = append(out, r)
	}
	return out
}

// reportSettingsSave is POST /reports/settings.
func (s *Server) reportSettingsSave(w http.ResponseWriter, r *http.Request) error {
	f := r.PostForm
	st := report.DefaultSettings()
	bad := map[string]string{}
	intOf := func(k string) int64 {
		n, err := strconv.ParseInt(strings.TrimSpace(strings.ReplaceAll(f.Get(k), ",", "")), 10, 64)
		if err != nil {
			bad[k] = "report.error.number"
		}
		return n
	}
	st.HourlyCostYen = intOf("hourly_cost_yen")
	st.MinutesPerDeflection = int(intOf("minutes_per_deflection"))
	st.FiscalYearStart = int(intOf("fiscal_year_start"))
	for _, t := range hitori.AssetTypes {
		st.LifeYears[t] = int(intOf("life_years_" + string(t)))
		st.ReplacementYen[t] = intOf("replacement_yen_" + string(t))
	}
	for _, v := range f["monthly_to"] {
		if id, err := strconv.ParseInt(v, 10, 64); err == nil {
			st.MonthlyTo = append(st.MonthlyTo, id)
		}
	}
	var err error
	if len(bad) > 0 {
		err = &hitori.Error{Code: hitori.EINVALID, Message: "invalid report settings", Key: "error.fields", Fields: bad}
	} else {
		err = s.report.SaveSettings(r.Context(), st)
	}
	if err != nil {
		p, perr := s.reportSettingsPage(r, st)
		if perr != nil {
			return perr
		}
		p.Form = f
		return s.formError(w, "report_settings", p, err)
	}
	s.audit(r, hitori.UserFromContext(r.Context()), report.AuditSettings, report.TargetSettings, "")
	http.Redirect(w, r, "/reports/settings?flash=saved", http.StatusSeeOther)
	return nil
}
