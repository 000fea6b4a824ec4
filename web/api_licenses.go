package web

import (
	"net/http"
	"slices"
	"strconv"

	"hitori"
)

// licenseJSON is one license in GET /api/v1/licenses; absent values are
// null, dates YYYY-MM-DD, money integer yen.
type licenseJSON struct {
	ID            int64   `json:"id"`
	Title         string  `json:"title"`
	TitleKey      string  `json:"title_key"`
	Publisher     *string `json:"publisher"`
	Kind          string  `json:"kind"`
	Seats         int     `json:"seats"`
	TitleSeats    int     `json:"title_seats"`
	Installed     int     `json:"installed"`
	OverInstalled bool    `json:"over_installed"`
	UnusedSeats   int     `json:"unused_seats"`
	Expiring      bool    `json:"expiring"`
	RenewalOn     *string `json:"renewal_on"`
	CostYen       *int64  `json:"cost_yen"`
	Period        *string `json:"period"`
	Vendor        *string `json:"vendor"`
	HasKey        bool    `json:"has_key"`
	UpdatedAt     string  `json:"updated_at"`
}

// licenseListJSON is the body of GET /api/v1/licenses.
type licenseListJSON struct {
	Licenses []licenseJSON `json:"licenses"`
	Total    int           `json:"total"`
}

// apiLicenses is GET /api/v1/licenses?q=&sort=&order=&offset=&limit=:
// licenses with their title's compliance. Keys are never in the API.
func (s *Server) apiLicenses(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	f := hitori.LicenseFilter{Query: q.Get("q"), Sort: q.Get("sort"), Desc: q.Get("order") == "desc", Limit: 100}
	if f.Sort != "" && !slices.Contains(licenseSorts, f.Sort) {
		return hitori.FieldError("sort", "license.error.sort")
	}
	for name, dst := range map[string]*int{"offset": &f.Offset, "limit": &f.Limit} {
		if v := q.Get(name); v != "" {
			n, err := strconv.Atoi(v)
			if err != nil || n < 0 || n > 100_000 || (name == "limit" && (n < 1 || n > 500)) {
				return hitori.FieldError(name, "error.invalid")
			}
			*dst = n
		}
	}
	list, total, err := s.licenses().FindLicenses(r.Context(), f)
	if err != nil {
		return err
	}
	alerts := s.expiryAlerts()
	steps, err := alerts.Steps(r.Context())
	if err != nil {
		return err
	}
	today := alerts.Today()
	out := licenseListJSON{Licenses: make([]licenseJSON, 0, len(list)), Total: total}
	for _, l := range list {
		j := licenseJSON{ID: l.ID, Title: l.Title, TitleKey: l.TitleKey, Publisher: nullText(l.Publisher), Kind: string(l.Kind),
			Seats: l.Seats, TitleSeats: l.TitleSeats, Installed: l.Installed, OverInstalled: l.Over(), UnusedSeats: l.Unused(),
			Expiring: l.ExpiresWithin(today, steps[0]), RenewalOn: nullText(string(l.RenewalOn)), CostYen: l.CostYen,
			Period: nullText(string(l.Period)), Vendor: nullText(l.Vendor), HasKey: l.HasKey,
			UpdatedAt: l.UpdatedAt.UTC().Format("2006-01-02T15:04:05Z")}
		out.Licenses = append(out.Licenses, j)
	}
	writeJSON(w, http.StatusOK, out)
	return nil
}
