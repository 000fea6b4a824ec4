package web

import (
	"net/http"
	"slices"
	"strconv"
	"strings"

	"hitori"
)

const licensesPerPage = 50

// licenseSorts are the list's sort orders, in the menu's order.
var licenseSorts = []string{"title", "renewal", "installed", "seats", "updated"}

// licenseListData is what license_list.html shows.
type licenseListData struct {
	Licenses []*hitori.License
	Query    string
	Sort     string
	Desc     bool
	Sorts    []string
	Today    hitori.Date
	Soon     int // days ahead a renewal counts as expiring: the largest alert step
	Pager    pager
}

// Expiring reports whether l renews within the list's window.
func (d *licenseListData) Expiring(l *hitori.License) bool { return l.ExpiresWithin(d.Today, d.Soon) }

// licenseList is GET /licenses: every license with its title's seats,
// installations and flags (over-installed, unused seats, expiring), with
// search, sort and pages.
func (s *Server) licenseList(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	d := &licenseListData{Query: strings.TrimSpace(q.Get("q")), Sort: q.Get("sort"), Desc: q.Get("order") == "desc", Sorts: licenseSorts}
	if !slices.Contains(licenseSorts, d.Sort) {
		d.Sort = "title"
	}
	pg := pageNumber(q.Get("page"))
	list, total, err := s.licenses().FindLicenses(r.Context(), hitori.LicenseFilter{Query: d.Query, Sort: d.Sort, Desc: d.Desc,
		Offset: (pg - 1) * licensesPerPage, Limit: licensesPerPage})
	if err != nil {
		return err
	}
	alerts := s.expiryAlerts()
	steps, err := alerts.Steps(r.Context())
	if err != nil {
		return err
	}
	d.Licenses, d.Today, d.Soon = list, alerts.Today(), steps[0]
	d.Pager = newPager(r, pg, licensesPerPage, total)
	p := s.newPage(r, licenseNav)
	p.Title = p.T("license.list.title")
	p.Data = d
	licenseFlash(p, r)
	s.render(w, http.StatusOK, "license_list", p)
	return nil
}

// Excess is how many installations l's title has beyond its seats.
func (d *licenseListData) Excess(l *hitori.License) int { return l.Installed - l.TitleSeats }

// Yen writes an amount with thousands separators ("12,800"), "—" when unknown.
func (d *licenseListData) Yen(p *int64) string { return formatYen(p) }

func formatYen(p *int64) string {
	if p == nil {
		return "—"
	}
	s := strconv.FormatInt(*p, 10)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
