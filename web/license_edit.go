package web

import (
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"

	"golang.org/x/text/width"

	"hitori"
)

// licenseFormData is what license_form.html shows.
type licenseFormData struct {
	License *hitori.License // nil: a new license
	Kinds   []hitori.LicenseKind
	Periods []hitori.LicensePeriod
	IsAdmin bool
	Key     string // the key, once an administrator asked to see it
	Shown   bool   // Key was asked for (it may be empty)
}

// Excess is how many installations the title has beyond its seats.
func (d *licenseFormData) Excess() int {
	if d.License == nil {
		return 0
	}
	return d.License.Installed - d.License.TitleSeats
}

func (s *Server) licenseFormPage(r *http.Request, l *hitori.License) *page {
	p := s.newPage(r, licenseNav)
	p.Data = &licenseFormData{License: l, Kinds: hitori.LicenseKinds, Periods: []hitori.LicensePeriod{hitori.PeriodMonthly, hitori.PeriodYearly},
		IsAdmin: p.User != nil && p.User.Role == hitori.RoleAdmin}
	if l == nil {
		p.Title = p.T("license.new.title")
		p.Form = url.Values{"kind": {string(hitori.LicensePerpetual)}}
	} else {
		p.Title = l.Title
		p.Form = licenseFormValues(l)
	}
	return p
}

// licenseFormValues fills the form from a stored license.
func licenseFormValues(l *hitori.License) url.Values {
	v := url.Values{"title": {l.Title}, "publisher": {l.Publisher}, "kind": {string(l.Kind)}, "seats": {strconv.Itoa(l.Seats)},
		"period": {string(l.Period)}, "renewal_on": {string(l.RenewalOn)}, "vendor": {l.Vendor}, "notes": {l.Notes}}
	if l.CostYen != nil {
		v.Set("cost_yen", strconv.FormatInt(*l.CostYen, 10))
	}
	return v
}

// licenseNew is GET /licenses/new.
func (s *Server) licenseNew(w http.ResponseWriter, r *http.Request) error {
	s.render(w, http.StatusOK, "license_form", s.licenseFormPage(r, nil))
	return nil
}

// licenseEdit is GET /licenses/{id}: the license's form with its
// title's compliance.
func (s *Server) licenseEdit(w http.ResponseWriter, r *http.Request) error {
	id, err := licenseID(r)
	if err != nil {
		return err
	}
	l, err := s.licenses().FindLicense(r.Context(), id)
	if err != nil {
		return err
	}
	p := s.licenseFormPage(r, l)
	licenseFlash(p, r)
	s.render(w, http.StatusOK, "license_form", p)
	return nil
}

// licenseCreate is POST /licenses.
func (s *Server) licenseCreate(w http.ResponseWriter, r *http.Request) error {
	return s.licenseSave(w, r, nil)
}

// licenseUpdate is POST /licenses/{id}.
func (s *Server) licenseUpdate(w http.ResponseWriter, r *http.Request) error {
	id, err := licenseID(r)
	if err != nil {
		return err
	}
	old, err := s.licenses().FindLicense(r.Context(), id)
	if err != nil {
		return err
	}
	return s.licenseSave(w, r, old)
}

// licenseSave checks the form, reporting every bad field at once with the
// typed values kept, then creates or updates the license.
func (s *Server) licenseSave(w http.ResponseWriter, r *http.Request, old *hitori.License) error {
	if err := r.ParseForm(); err != nil {
		return hitori.KeyError(hitori.EINVALID, "error.invalid")
	}
	f := r.PostForm
	l, fields := licenseFromForm(f)
	if err := l.Validate(); err != nil {
		if e, ok := hitori.AsError(err); ok {
			for k, v := range e.Fields {
				if _, seen := fields[k]; !seen {
					fields[k] = v
				}
			}
		}
	}
	isAdmin := identityFrom(r).user != nil && identityFrom(r).user.Role == hitori.RoleAdmin
	var key *string
	if isAdmin {
		if k := strings.TrimSpace(f.Get("license_key")); k != "" || f.Get("clear_key") != "" || old == nil {
			key = &k
		}
	}
	if len(fields) == 0 {
		var err error
		if old == nil {
			k := ""
			if key != nil {
				k = *key
			}
			err = s.licenses().CreateLicense(r.Context(), l, k)
		} else {
			l.ID = old.ID
			err = s.licenses().UpdateLicense(r.Context(), l, key)
		}
		if err == nil {
			http.Redirect(w, r, licenseURL(l.ID)+"?flash=saved", http.StatusSeeOther)
			return nil
		}
		e, ok := hitori.AsError(err)
		if !ok || e.Code != hitori.EINVALID {
			return err
		}
		fields = e.Fields
	}
	p := s.licenseFormPage(r, old)
	p.Form = f
	p.Form.Del("license_key") // a key typed is not sent back into the page
	return s.formError(w, "license_form", p, &hitori.Error{Code: hitori.EINVALID, Key: "error.fields", Message: "error.fields", Fields: fields})
}

// licenseFromForm reads the form; fields it cannot read come back as
// field errors beside the license.
func licenseFromForm(f url.Values) (*hitori.License, map[string]string) {
	fields := map[string]string{}
	l := &hitori.License{Title: f.Get("title"), Publisher: f.Get("publisher"), Kind: hitori.LicenseKind(f.Get("kind")),
		Period: hitori.LicensePeriod(f.Get("period")), Vendor: f.Get("vendor"), Notes: f.Get("notes")}
	if v := strings.TrimSpace(width.Fold.String(f.Get("seats"))); v != "" {
		n, err := strconv.Atoi(strings.ReplaceAll(v, ",", ""))
		if err != nil {
			fields["seats"] = "license.error.seats"
		}
		l.Seats = n
	}
	if v := f.Get("cost_yen"); strings.TrimSpace(v) != "" {
		n, err := parseYen(v)
		if err != nil {
			fields["cost_yen"] = "license.error.cost"
		}
		l.CostYen = n
	}
	d, ok := parseFormDate(f.Get("renewal_on"))
	if !ok {
		fields["renewal_on"] = "license.error.date"
	}
	l.RenewalOn = d
	return l, fields
}

var slashDate = regexp.MustCompile(`^(\d{4})[/.-](\d{1,2})[/.-](\d{1,2})$`)

// parseFormDate reads "2027-04-01" (a date input) or "2027/4/1"; "" is no
// date.
func parseFormDate(s string) (hitori.Date, bool) {
	s = strings.TrimSpace(width.Fold.String(s))
	if s == "" {
		return "", true
	}
	m := slashDate.FindStringSubmatch(s)
	if m == nil {
		return "", false
	}
	pad := func(v string) string {
		if len(v) == 1 {
			return "0" + v
		}
		return v
	}
	d := hitori.Date(m[1] + "-" + pad(m[2]) + "-" + pad(m[3]))
	return d, d.Valid()
}

// licenseDeleteConfirm is GET /licenses/{id}/delete: what will go, and a
// button to confirm.
func (s *Server) licenseDeleteConfirm(w http.ResponseWriter, r *http.Request) error {
	id, err := licenseID(r)
	if err != nil {
		return err
	}
	l, err := s.licenses().FindLicense(r.Context(), id)
	if err != nil {
		return err
	}
	p := s.newPage(r, licenseNav)
	p.Title = p.T("license.delete.title")
	p.Data = l
	s.render(w, http.StatusOK, "license_delete", p)
	return nil
}

// licenseDelete is POST /licenses/{id}/delete (audited by the store).
func (s *Server) licenseDelete(w http.ResponseWriter, r *http.Request) error {
	id, err := licenseID(r)
	if err != nil {
		return err
	}
	if err := s.licenses().DeleteLicense(r.Context(), id); err != nil {
		return err
	}
	http.Redirect(w, r, "/licenses?flash=deleted", http.StatusSeeOther)
	return nil
}

// licenseKey is POST /licenses/{id}/key: an administrator sees the key on
// the license's page; the store audits the viewing. A POST, so a link
// preview or a prefetch never reveals (and logs) a key.
func (s *Server) licenseKey(w http.ResponseWriter, r *http.Request) error {
	id, err := licenseID(r)
	if err != nil {
		return err
	}
	l, err := s.licenses().FindLicense(r.Context(), id)
	if err != nil {
		return err
	}
	key, err := s.licenses().LicenseKey(r.Context(), id, clientIP(r))
	if err != nil {
		return err
	}
	p := s.licenseFormPage(r, l)
	d := p.Data.(*licenseFormData)
	d.Key, d.Shown = key, true
	s.render(w, http.StatusOK, "license_form", p)
	return nil
}
