package handover

import (
	"context"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"hitori"
)

// ExpiryCertificate is a TLS certificate's expiry as a tls monitor last
// saw it.
const ExpiryCertificate hitori.ExpiryKind = "certificate"

// RenewalKinds lists what the renewal calendar shows, in filter order.
var RenewalKinds = []hitori.ExpiryKind{hitori.ExpiryDecision, hitori.ExpiryContractEnd, hitori.ExpiryRenewal,
	hitori.ExpiryWarranty, hitori.ExpiryLease, ExpiryCertificate}

// Renewal is one date of the renewal calendar and the page about it.
type Renewal struct {
	Kind  hitori.ExpiryKind
	RefID int64
	Label string
	On    hitori.Date
	URL   string // path of the page about it
}

// UID is the renewal's stable iCalendar UID part: the same thing on the
// same date is the same event in every export.
func (r *Renewal) UID() string {
	return string(r.Kind) + "-" + strconv.FormatInt(r.RefID, 10) + "-" + string(r.On)
}

// RenewalFilter selects the calendar's dates.
type RenewalFilter struct {
	From, Until hitori.Date         // inclusive; "" From: today, "" Until: a year after From
	Kinds       []hitori.ExpiryKind // empty: all
	Query       string              // substring of the label
}

// Renewals lists contracts' decision and end dates, license renewals,
// warranty and lease ends and certificate expiries in f's range, by date.
func (s *Service) Renewals(ctx context.Context, f RenewalFilter) ([]*Renewal, error) {
	if err := staffOnly(ctx); err != nil {
		return nil, err
	}
	if f.From == "" || !f.From.Valid() {
		f.From = s.Today()
	}
	if f.Until == "" || !f.Until.Valid() || f.Until < f.From {
		f.Until = addDays(f.From, 366)
	}
	want := func(k hitori.ExpiryKind) bool { return len(f.Kinds) == 0 || slices.Contains(f.Kinds, k) }
	var out []*Renewal
	add := func(list []*hitori.Expiry) {
		for _, e := range list {
			if want(e.Kind) {
				out = append(out, &Renewal{Kind: e.Kind, RefID: e.RefID, Label: e.Label, On: e.On, URL: renewalURL(e.Kind, e.RefID)})
			}
		}
	}
	dates, err := s.Store.FindContractDates(ctx, f.From, f.Until)
	if err != nil {
		return nil, err
	}
	add(dates)
	if s.Expiries != nil {
		exps, err := s.Expiries.FindExpiries(ctx, f.From, f.Until)
		if err != nil {
			return nil, err
		}
		add(exps)
	}
	if s.Monitors != nil && want(ExpiryCertificate) {
		certs, err := s.certificates(ctx)
		if err != nil {
			return nil, err
		}
		for _, c := range certs {
			if c.On >= f.From && c.On <= f.Until {
				out = append(out, c)
			}
		}
	}
	if q := strings.ToLower(strings.TrimSpace(f.Query)); q != "" {
		out = slices.DeleteFunc(out, func(r *Renewal) bool { return !strings.Contains(strings.ToLower(r.Label), q) })
	}
	slices.SortStableFunc(out, func(a, b *Renewal) int {
		return strings.Compare(string(a.On)+string(a.Kind)+a.Label, string(b.On)+string(b.Kind)+b.Label)
	})
	return out, nil
}

// certificates reads the tls monitors' last results.
func (s *Service) certificates(ctx context.Context) ([]*Renewal, error) {
	var out []*Renewal
	for offset := 0; ; offset += 500 {
		page, total, err := s.Monitors.FindMonitors(ctx, hitori.MonitorFilter{Offset: offset, Limit: 500})
		if err != nil {
			return nil, err
		}
		for _, m := range page {
			if m.Monitor.Type != hitori.MonitorTLS || m.State.Last == nil {
				continue
			}
			if on, ok := CertificateExpiry(m.State.Last.Message, m.State.Last.At.In(s.location())); ok {
				out = append(out, &Renewal{Kind: ExpiryCertificate, RefID: m.Monitor.ID,
					Label: m.Monitor.Name + " (" + m.Monitor.Target + ")", On: on, URL: renewalURL(ExpiryCertificate, m.Monitor.ID)})
			}
		}
		if offset+len(page) >= total || len(page) == 0 {
			return out, nil
		}
	}
}

var (
	certDate = regexp.MustCompile(`\((\d{4}-\d{2}-\d{2})\)`)
	certDays = regexp.MustCompile(`^(\d{1,5}) days left`)
)

// CertificateExpiry reads the expiry date out of a tls monitor's result
// message ("certificate expires in 9 days (2027-01-31)" when failing,
// "85 days left" when fine, counted from the check at at).
func CertificateExpiry(msg string, at time.Time) (hitori.Date, bool) {
	if m := certDate.FindStringSubmatch(msg); m != nil && hitori.Date(m[1]).Valid() {
		return hitori.Date(m[1]), true
	}
	if m := certDays.FindStringSubmatch(msg); m != nil {
		n, err := strconv.Atoi(m[1])
		if err == nil && !at.IsZero() {
			return hitori.DateOf(at.AddDate(0, 0, n)), true
		}
	}
	return "", false
}

// renewalURL is the page about a renewal's thing.
func renewalURL(k hitori.ExpiryKind, id int64) string {
	n := strconv.FormatInt(id, 10)
	switch k {
	case hitori.ExpiryDecision, hitori.ExpiryContractEnd:
		return "/contracts/" + n
	case hitori.ExpiryRenewal:
		return "/licenses/" + n
	case hitori.ExpiryWarranty, hitori.ExpiryLease:
		return "/assets/" + n
	case ExpiryCertificate:
		return "/monitors/" + n
	}
	return ""
}
