package asset

import (
	"context"
	"regexp"
	"sort"
	"strings"
	"time"

	"hitori"
)

// Findings from inventory: what an administrator should look at on the
// devices agents report.

// Finding kinds (catalogue keys inventory.finding.KIND).
const (
	FindingUnsupportedOS = "unsupported_os"
	FindingLowDisk       = "low_disk"
	FindingStale         = "stale"
	FindingNotInLedger   = "not_in_ledger"
	FindingOverLicensed  = "over_licensed" // a software title on more assets than its seats (AssetID: the license)
)

// LowDiskPercent: a volume with less free space than this is a finding.
const LowDiskPercent = 10

// Finding is one thing to look at on one asset.
type Finding struct {
	Kind     string
	AssetID  int64
	Number   string // "" for devices not in the ledger
	Hostname string
	// What the finding is about: the OS and its end of support, the volume
	// and its free percent, the days since the last report.
	Subject string
	Since   hitori.Date // end of support, last report
	Value   int         // free percent, days without report
}

// osSupport is when an operating system's vendor support ended (or ends).
type osSupport struct {
	match *regexp.Regexp // on "name version", lower case
	ends  hitori.Date
}

// osSupportTable lists the releases still found in offices, with the end
// of their vendor support (security updates). Checked first to last.
var osSupportTable = []osSupport{
	{regexp.MustCompile(`windows (xp|vista)\b`), "2017-04-11"},
	{regexp.MustCompile(`windows 7\b`), "2020-01-14"},
	{regexp.MustCompile(`windows 8\.1\b`), "2023-01-10"},
	{regexp.MustCompile(`windows 8\b`), "2016-01-12"},
	{regexp.MustCompile(`windows 10\b`), "2025-10-14"},
	{regexp.MustCompile(`windows server 2008\b`), "2020-01-14"},
	{regexp.MustCompile(`windows server 2012\b`), "2023-10-10"},
	{regexp.MustCompile(`windows server 2016\b`), "2027-01-12"},
	{regexp.MustCompile(`(mac ?os|os x).*\b10\.\d+`), "2022-09-12"},
	{regexp.MustCompile(`(mac ?os|os x).*\b11\b`), "2023-09-26"},
	{regexp.MustCompile(`(mac ?os|os x).*\b12\b`), "2024-09-16"},
	{regexp.MustCompile(`(mac ?os|os x).*\b13\b`), "2025-09-15"},
	{regexp.MustCompile(`debian gnu/linux (8|9)\b`), "2022-06-30"},
	{regexp.MustCompile(`debian gnu/linux 10\b`), "2024-06-30"},
	{regexp.MustCompile(`debian gnu/linux 11\b`), "2026-08-31"},
	{regexp.MustCompile(`debian gnu/linux 12\b`), "2028-06-30"},
	{regexp.MustCompile(`ubuntu 18\.04`), "2023-05-31"},
	{regexp.MustCompile(`ubuntu 20\.04`), "2025-05-31"},
}

// SupportEnds returns when an operating system's support ends, and false
// when the table does not know it.
func SupportEnds(osName, osVersion string) (hitori.Date, bool) {
	s := strings.ToLower(osName + " " + osVersion)
	for _, o := range osSupportTable {
		if o.match.MatchString(s) {
			return o.ends, true
		}
	}
	return "", false
}

// InventoryFindings lists the findings on every inventoried asset as of
// now, by kind and then asset.
func (s *Service) InventoryFindings(ctx context.Context) ([]Finding, error) {
	st, err := s.InventorySettings(ctx)
	if err != nil {
		return nil, err
	}
	states, err := s.Store.InventoryStates(ctx, false)
	if err != nil {
		return nil, err
	}
	out := findings(states, s.now(), st.StaleDays)
	over, err := s.overLicensed(ctx)
	return append(out, over...), err
}

// overLicensed lists the titles installed on more assets than their
// licenses have seats (one finding per title, on its first license).
func (s *Service) overLicensed(ctx context.Context) ([]Finding, error) {
	var out []Finding
	seen := map[string]bool{}
	for offset := 0; ; offset += 500 {
		list, total, err := s.Store.FindLicenses(ctx, hitori.LicenseFilter{Sort: "title", Offset: offset, Limit: 500})
		if err != nil {
			return nil, err
		}
		for _, l := range list {
			if l.Over() && !seen[l.TitleKey] {
				seen[l.TitleKey] = true
				out = append(out, Finding{Kind: FindingOverLicensed, AssetID: l.ID, Subject: l.Title, Value: l.Installed - l.TitleSeats})
			}
		}
		if offset+500 >= total || len(list) == 0 {
			return out, nil
		}
	}
}

func findings(states []*hitori.InventoryState, now time.Time, staleDays int) []Finding {
	today := hitori.DateOf(now.UTC())
	var out []Finding
	for _, st := range states {
		a := st.Asset
		if a.Status == hitori.AssetRetired {
			continue
		}
		base := Finding{AssetID: a.ID, Number: a.Number, Hostname: a.Hostname}
		add := func(kind, subject string, since hitori.Date, value int) {
			f := base
			f.Kind, f.Subject, f.Since, f.Value = kind, subject, since, value
			out = append(out, f)
		}
		if ends, ok := SupportEnds(a.OSName, a.OSVersion); ok && ends < today {
			add(FindingUnsupportedOS, strings.TrimSpace(a.OSName+" "+a.OSVersion), ends, 0)
		}
		for _, v := range st.Detail.Volumes {
			if v.TotalMB >= 1024 && v.FreeMB*100 < v.TotalMB*LowDiskPercent {
				add(FindingLowDisk, v.Mount, "", int(v.FreeMB*100/v.TotalMB))
			}
		}
		if a.LastSeenAt != nil {
			days := int(now.Sub(*a.LastSeenAt).Hours() / 24)
			if days >= staleDays {
				add(FindingStale, "", hitori.DateOf(a.LastSeenAt.UTC()), days)
			}
		}
		if a.Number == "" && a.Source == "inventory" {
			add(FindingNotInLedger, "", "", 0)
		}
	}
	order := map[string]int{FindingUnsupportedOS: 0, FindingLowDisk: 1, FindingStale: 2, FindingNotInLedger: 3}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Kind != out[j].Kind {
			return order[out[i].Kind] < order[out[j].Kind]
		}
		return out[i].AssetID < out[j].AssetID
	})
	return out
}

// FindingKinds lists the kinds in display order.
var FindingKinds = []string{FindingUnsupportedOS, FindingLowDisk, FindingStale, FindingNotInLedger, FindingOverLicensed}
