package report

import (
	"context"
	"crypto/sha256"
	_ "embed"
	"encoding/base64"
	"html/template"
	"io"
	"time"

	"hitori"
)

// Monthly is the management report of one month (経営層向け月次報告).
type Monthly struct {
	Month     string // YYYY-MM
	Span      Span
	Generated time.Time
	Lang      string
	Time      *TimeFigures
	Service   *ServiceFigures
	Summary   []string // plain sentences, no jargon
	Sections  []Section
	Incidents []hitori.ItemFact // incident items opened in the month
	Renewals  []hitori.LifecycleDate
	RenewYen  int64
	Unsupport []hitori.ReplacementCandidate // assets on an OS past its support
	Gaps      []Link
	HasGaps   bool
	Costs     []CostLine
	CostYen   int64 // per year
}

// Monthly gathers the month's report; t words it (ja or en).
func (s *Service) Monthly(ctx context.Context, month string, lang string, t T) (*Monthly, error) {
	if err := s.check(ctx); err != nil {
		return nil, err
	}
	span, err := MonthSpan(month, s.Location)
	if err != nil {
		return nil, err
	}
	m := &Monthly{Month: month, Span: span, Generated: s.Now(), Lang: lang}
	if m.Time, err = s.Time(ctx, span); err != nil {
		return nil, err
	}
	if m.Service, err = s.Service(ctx, span); err != nil {
		return nil, err
	}
	from, to := span.Bounds(s.Location)
	facts, err := s.Store.ItemFacts(ctx, from, to)
	if err != nil {
		return nil, err
	}
	for _, f := range facts {
		if f.Kind == hitori.KindIncident && !f.CreatedAt.Before(from) && f.CreatedAt.Before(to) {
			m.Incidents = append(m.Incidents, f)
		}
	}
	if m.Renewals, err = s.renewals(ctx, s.today(), RenewalDays); err != nil {
		return nil, err
	}
	for _, r := range m.Renewals {
		if r.Kind == "renewal" && r.CostYen != nil {
			m.RenewYen += *r.CostYen
		}
	}
	assets, err := s.Store.ReplacementCandidates(ctx)
	if err != nil {
		return nil, err
	}
	for _, a := range assets {
		if e := OSSupportEnds(a.OSName, a.OSVersion); e != "" && e < s.today() {
			m.Unsupport = append(m.Unsupport, a)
		}
	}
	if s.Readiness != nil {
		m.HasGaps = true
		if m.Gaps, err = s.Readiness.ReadinessGaps(ctx); err != nil {
			return nil, err
		}
	}
	if m.Costs, err = s.costs(ctx, assets, span); err != nil {
		return nil, err
	}
	for _, c := range m.Costs {
		m.CostYen += c.YenYear
	}
	m.Sections = append(TimeSections(m.Time, t)[:2], ServiceSections(m.Service, t)...)
	m.Summary = summary(m, t)
	return m, nil
}

// costs is the yearly IT cost picture: subscriptions (licenses with a
// period, annualised), the month's purchases, and contracts when wired.
func (s *Service) costs(ctx context.Context, assets []hitori.ReplacementCandidate, span Span) ([]CostLine, error) {
	subs, err := s.Store.Subscriptions(ctx)
	if err != nil {
		return nil, err
	}
	var out []CostLine
	for _, l := range subs {
		switch l.Period {
		case hitori.PeriodMonthly:
			out = append(out, CostLine{Kind: "subscription", Name: l.Title, Category: "software", Vendor: l.Vendor, YenYear: 12 * l.CostYen})
		case hitori.PeriodYearly:
			out = append(out, CostLine{Kind: "subscription", Name: l.Title, Category: "software", Vendor: l.Vendor, YenYear: l.CostYen})
		}
	}
	for _, a := range assets {
		if a.PriceYen != nil && a.AcquiredOn >= span.From && a.AcquiredOn <= span.To {
			out = append(out, CostLine{Kind: "purchase", Name: joinWords(a.Number, a.Model), Category: string(a.Type), YenYear: *a.PriceYen})
		}
	}
	if s.Contracts != nil {
		more, err := s.Contracts.ContractCosts(ctx)
		if err != nil {
			return nil, err
		}
		out = append(out, more...)
	}
	return out, nil
}

func joinWords(a, b string) string {
	if a == "" || b == "" {
		return a + b
	}
	return a + " " + b
}

// summary words the month for someone who does not work in IT.
func summary(m *Monthly, t T) []string {
	f, sv := m.Time, m.Service
	n, mins := f.InterruptionMinutes()
	out := []string{
		t("report.monthly.s_time", Hours(f.TotalMinutes), trend2(f.TotalMinutes, f.PreviousMinutes, t)),
		t("report.monthly.s_urgent", Num(math1(f.UrgentShare()))),
		t("report.monthly.s_interrupt", n, Hours(mins)),
		t("report.monthly.s_items", sv.Opened, sv.Resolved, sv.Backlog),
		t("report.monthly.s_response", HoursOf(sv.FirstResponse.Median), sv.FirstResponse.Met, sv.FirstResponse.Target),
		t("report.monthly.s_deflect", sv.Deflections, Hours(sv.DeflectedMinutes)),
		t("report.monthly.s_renew", len(m.Renewals), Num(float64(m.RenewYen))),
	}
	if len(m.Unsupport) > 0 {
		out = append(out, t("report.monthly.s_unsupported", len(m.Unsupport)))
	}
	return out
}

func math1(v float64) float64 { return float64(int(v*10+0.5)) / 10 }

// trend2 words the change against the previous period.
func trend2(now, prev int, t T) string {
	if prev == 0 {
		return t("report.monthly.no_prev")
	}
	return t("report.monthly.vs_prev", Num(math1(float64(now-prev)*100/float64(prev))))
}

//go:embed monthly.html
var monthlyHTML string

//go:embed monthly.css
var monthlyCSS string

var monthlyTmpl = template.Must(template.New("monthly").Funcs(template.FuncMap{
	"num":   func(v int64) string { return Num(float64(v)) },
	"hours": Hours,
	"css":   func() template.CSS { return template.CSS(monthlyCSS) },
}).Parse(monthlyHTML))

// StyleHash is the CSP source of the report's one style element, so the
// web app can serve it under its policy without 'unsafe-inline'.
func StyleHash() string {
	sum := sha256.Sum256([]byte(monthlyCSS))
	return "'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'"
}

// WriteHTML writes the report as one self-contained page: styles inline,
// charts as inline SVG, no scripts, fonts or images to fetch. It prints
// on A4.
func (m *Monthly) WriteHTML(w io.Writer, t T, note string) error {
	return monthlyTmpl.Execute(w, map[string]any{"M": m, "T": t, "Note": note, "Loc": m.Span})
}
