package report

import (
	"context"
	"crypto/sha256"
	_ "embed"
	"encoding/base64"
	"html/template"
	"io"
	"sort"
	"time"

	"hitori"
)

// Monthly is the management report of one month (経営層向け月次報告).
type Monthly struct {
	Month     string // YYYY-MM
	Span      Span
	Generated time.Time
	Lang      string
	Zone      *time.Location // the installation's, for the times shown
	Time      *TimeFigures
	Service   *ServiceFigures
	Summary   []string // plain sentences, no jargon
	Sections  []Section
	// Outages are the monitors' incidents during the month (what stopped,
	// for how long, who answered, the time spent); Incidents the incident
	// work opened in the month that no outage became.
	Outages   []Outage
	Incidents []hitori.ItemFact
	Renewals  []hitori.LifecycleDate
	RenewYen  int64                         // what the renewals and contract decisions ahead cost
	Unsupport []hitori.ReplacementCandidate // assets on an OS past its support
	Readiness *hitori.Readiness             // nil: the handover area is not wired
	Costs     []CostLine
	CostYen   int64 // per year
	// ByCategory and ByVendor sum Costs, most first.
	ByCategory []YenSum
	ByVendor   []YenSum
}

// YenSum is an amount of yen under a key.
type YenSum struct {
	Key string
	Yen int64
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
	m := &Monthly{Month: month, Span: span, Generated: s.Now(), Lang: lang, Zone: s.Location}
	if m.Time, err = s.Time(ctx, span); err != nil {
		return nil, err
	}
	if m.Service, err = s.Service(ctx, span); err != nil {
		return nil, err
	}
	m.Outages = m.Service.Outages
	if m.Incidents, err = s.incidentWork(ctx, span, m.Outages); err != nil {
		return nil, err
	}
	if m.Renewals, err = s.renewals(ctx, s.today(), RenewalDays); err != nil {
		return nil, err
	}
	for _, r := range m.Renewals {
		if (r.Kind == "renewal" || r.Kind == "decision") && r.CostYen != nil {
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
	if m.Readiness, err = s.readiness(ctx); err != nil {
		return nil, err
	}
	if m.Costs, err = s.costs(ctx, assets, span); err != nil {
		return nil, err
	}
	cat, vendor := map[string]int64{}, map[string]int64{}
	for _, c := range m.Costs {
		m.CostYen += c.YenYear
		cat[c.Category] += c.YenYear
		vendor[c.Vendor] += c.YenYear
	}
	m.ByCategory, m.ByVendor = mostYen(cat), mostYen(vendor)
	m.Sections = append(TimeSections(m.Time, t)[:2], ServiceSections(m.Service, t)...)
	m.Summary = summary(m, t)
	return m, nil
}

// incidentWork lists the incident items opened in span that none of the
// outages became (those are in the outages' table already).
func (s *Service) incidentWork(ctx context.Context, span Span, outages []Outage) ([]hitori.ItemFact, error) {
	from, to := span.Bounds(s.Location)
	facts, err := s.Store.ItemFacts(ctx, from, to)
	if err != nil {
		return nil, err
	}
	linked := map[int64]bool{}
	for _, o := range outages {
		linked[o.ItemID] = true
	}
	var out []hitori.ItemFact
	for _, f := range facts {
		if f.Kind == hitori.KindIncident && !linked[f.ID] && !f.CreatedAt.Before(from) && f.CreatedAt.Before(to) {
			out = append(out, f)
		}
	}
	return out, nil
}

// mostYen sorts sums, most first, then by key.
func mostYen(m map[string]int64) []YenSum {
	out := make([]YenSum, 0, len(m))
	for k, v := range m {
		out = append(out, YenSum{k, v})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Yen != out[j].Yen {
			return out[i].Yen > out[j].Yen
		}
		return out[i].Key < out[j].Key
	})
	return out
}

// costs is the yearly IT cost picture: subscriptions (licenses with a
// period, annualised), the month's purchases, and the contracts in force
// in the month.
func (s *Service) costs(ctx context.Context, assets []hitori.ReplacementCandidate, span Span) ([]CostLine, error) {
	subs, err := s.Store.Subscriptions(ctx)
	if err != nil {
		return nil, err
	}
	var out []CostLine
	for _, l := range subs {
		switch l.Period {
		case hitori.PeriodMonthly:
			out = append(out, CostLine{Kind: "subscription", Name: l.Title, Category: "report.cost.cat.software", Vendor: l.Vendor, YenYear: 12 * l.CostYen})
		case hitori.PeriodYearly:
			out = append(out, CostLine{Kind: "subscription", Name: l.Title, Category: "report.cost.cat.software", Vendor: l.Vendor, YenYear: l.CostYen})
		}
	}
	for _, a := range assets {
		if a.PriceYen != nil && a.AcquiredOn >= span.From && a.AcquiredOn <= span.To {
			out = append(out, CostLine{Kind: "purchase", Name: joinWords(a.Number, a.Model), Category: "asset.type." + string(a.Type),
				Vendor: a.Vendor, YenYear: *a.PriceYen})
		}
	}
	contracts, err := s.Store.ContractCosts(ctx, span.From, span.To)
	if err != nil {
		return nil, err
	}
	for _, c := range contracts {
		cat := "report.cost.cat.contract"
		if c.SystemKind != "" {
			cat = "handover.kind." + string(c.SystemKind)
		}
		out = append(out, CostLine{Kind: "contract", Name: c.Title, Category: cat, Vendor: c.Vendor, YenYear: c.YenYear})
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
		t("report.monthly.s_outages", len(m.Outages), HoursOf(m.Service.DownTotal())),
		t("report.monthly.s_costs", Num(float64(m.CostYen))),
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
	"num":     func(v int64) string { return Num(float64(v)) },
	"hours":   Hours,
	"hoursOf": HoursOf,
	"itemKey": hitori.ItemKey,
	"when":    when,
	"css":     func() template.CSS { return template.CSS(monthlyCSS) },
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
	return monthlyTmpl.Execute(w, map[string]any{"M": m, "T": t, "Note": note})
}

// when writes an instant (time.Time or *time.Time) as a day and time in loc.
func when(v any, loc *time.Location) string {
	switch t := v.(type) {
	case time.Time:
		return t.In(loc).Format("01-02 15:04")
	case *time.Time:
		if t != nil {
			return t.In(loc).Format("01-02 15:04")
		}
	}
	return ""
}
