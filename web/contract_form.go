package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"hitori"
	"hitori/ledger"
)

// contractFormData is what contract_form.html shows beside the typed values.
type contractFormData struct {
	Contract *hitori.Contract // nil: a new contract
	Vendors  []*hitori.Vendor
	Systems  []*hitori.System
	Units    []hitori.NoticeUnit
	// Decision is the decision date of the values typed (or stored): end
	// minus notice; "" when there is no end date yet.
	Decision hitori.Date
}

// Covers reports whether the form ticks system id.
func (d *contractFormData) Covers(form url.Values, id int64) bool {
	for _, v := range form["system_ids"] {
		if v == idText(id) {
			return true
		}
	}
	return false
}

// contractFormValues fills the form from a stored contract.
func contractFormValues(c *hitori.Contract) url.Values {
	f := url.Values{"vendor_id": {idText(c.VendorID)}, "title": {c.Title}, "number": {c.Number}, "starts_on": {string(c.StartsOn)},
		"ends_on": {string(c.EndsOn)}, "notice": {strconv.Itoa(c.Notice)}, "notice_unit": {string(c.NoticeUnit)}, "notes": {c.Notes}}
	if c.AutoRenew {
		f.Set("auto_renew", "1")
	}
	for name, p := range map[string]*int64{"monthly_yen": c.MonthlyYen, "annual_yen": c.AnnualYen} {
		if p != nil {
			f.Set(name, strconv.FormatInt(*p, 10))
		}
	}
	for _, id := range c.SystemIDs {
		f.Add("system_ids", idText(id))
	}
	return f
}

// noticeSuffixes are what people type after the number of a notice period.
var noticeSuffixes = []string{"日前", "日", "か月前", "か月", "ヶ月", "カ月", "ケ月"}

// contractFromForm reads the form as people type it: amounts as
// "128000", "¥128,000", "128,000円" or in full-width digits, dates as
// 2027-03-31 or 2027/3/31; what cannot be read comes back as field errors.
func contractFromForm(f url.Values) (*hitori.Contract, map[string]string) {
	fields := map[string]string{}
	c := &hitori.Contract{Title: f.Get("title"), Number: f.Get("number"), AutoRenew: f.Get("auto_renew") != "",
		NoticeUnit: hitori.NoticeUnit(f.Get("notice_unit")), Notes: f.Get("notes")}
	if v := f.Get("vendor_id"); v != "" {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil || n < 1 {
			fields["vendor_id"] = "handover.error.vendor_required"
		}
		c.VendorID = n
	}
	for name, dst := range map[string]*hitori.Date{"starts_on": &c.StartsOn, "ends_on": &c.EndsOn} {
		d, ok := parseFormDate(f.Get(name))
		if !ok {
			fields[name] = "handover.error.date"
		}
		*dst = d
	}
	if v := ledger.Fold(f.Get("notice")); v != "" {
		for _, suf := range noticeSuffixes {
			v = strings.TrimSuffix(v, suf)
		}
		n, err := strconv.Atoi(strings.TrimSpace(v))
		if err != nil {
			fields["notice"] = "handover.error.notice"
		}
		c.Notice = n
	}
	for name, dst := range map[string]**int64{"monthly_yen": &c.MonthlyYen, "annual_yen": &c.AnnualYen} {
		yen, empty, ok := ledger.ParseYen(f.Get(name))
		switch {
		case !ok:
			fields[name] = "handover.error.cost"
		case !empty && strings.TrimSpace(f.Get(name)) != "":
			*dst = &yen
		}
	}
	for _, v := range f["system_ids"] {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil || n < 1 {
			fields["systems"] = "handover.error.reference"
			continue
		}
		c.SystemIDs = append(c.SystemIDs, n)
	}
	return c, fields
}

// contractFormPage builds the form of c (nil: new) around form.
func (s *Server) contractFormPage(r *http.Request, c *hitori.Contract, form url.Values) (*page, error) {
	h := s.handover()
	d := &contractFormData{Contract: c, Units: []hitori.NoticeUnit{hitori.NoticeDays, hitori.NoticeMonths}}
	var err error
	if d.Vendors, _, err = h.Vendors(r.Context(), hitori.VendorFilter{Limit: 500}); err != nil {
		return nil, err
	}
	if d.Systems, _, err = h.Systems(r.Context(), hitori.SystemFilter{Limit: 500}); err != nil {
		return nil, err
	}
	if typed, fields := contractFromForm(form); fields["ends_on"] == "" && fields["notice"] == "" {
		if typed.NoticeUnit == "" {
			typed.NoticeUnit = hitori.NoticeDays
		}
		d.Decision = typed.DecisionOn()
	}
	p := s.handoverPage(r, "handover.contracts.new", d)
	if c != nil {
		p.Title = p.T("handover.contracts.edit", c.Title)
	}
	p.Form = form
	return p, nil
}

// contractNew is GET /contracts/new[?system=ID][&vendor=ID]: a system's
// readiness gap links here with the system ticked and its vendor chosen.
func (s *Server) contractNew(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	form := url.Values{"notice_unit": {string(hitori.NoticeDays)}, "auto_renew": {"1"}}
	if v, err := strconv.ParseInt(q.Get("vendor"), 10, 64); err == nil && v > 0 {
		form.Set("vendor_id", idText(v))
	}
	if id, err := strconv.ParseInt(q.Get("system"), 10, 64); err == nil && id > 0 {
		sys, err := s.handover().System(r.Context(), id)
		if err != nil {
			return err
		}
		form.Set("system_ids", idText(sys.ID))
		if sys.VendorID != 0 && form.Get("vendor_id") == "" {
			form.Set("vendor_id", idText(sys.VendorID))
		}
	}
	p, err := s.contractFormPage(r, nil, form)
	if err != nil {
		return err
	}
	s.render(w, http.StatusOK, "contract_form", p)
	return nil
}

// contractEdit is GET /contracts/{id}/edit.
func (s *Server) contractEdit(w http.ResponseWriter, r *http.Request) error {
	c, err := s.pathContract(r)
	if err != nil {
		return err
	}
	p, err := s.contractFormPage(r, c, contractFormValues(c))
	if err != nil {
		return err
	}
	s.render(w, http.StatusOK, "contract_form", p)
	return nil
}

func (s *Server) pathContract(r *http.Request) (*hitori.Contract, error) {
	id, err := pathID(r)
	if err != nil {
		return nil, err
	}
	return s.handover().Contract(r.Context(), id)
}
