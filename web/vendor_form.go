package web

import (
	"net/http"
	"net/url"
	"strconv"

	"hitori"
)

// blankContactRows is how many empty contact rows the vendor form offers;
// "add a row" posts the form back with one more, without saving.
const blankContactRows = 1

// vendorFormData is what vendor_form.html shows beside the typed values.
type vendorFormData struct {
	Vendor   *hitori.Vendor // nil: a new vendor
	Contacts []hitori.VendorContact
}

// vendorFormValues fills the form from a stored vendor.
func vendorFormValues(v *hitori.Vendor) url.Values {
	f := url.Values{"name": {v.Name}, "handles": {v.Handles}, "phone": {v.Phone}, "email": {v.Email}, "portal": {v.Portal},
		"customer_no": {v.CustomerNo}, "escalation": {v.Escalation}, "how_to_open": {v.HowToOpen}, "notes": {v.Notes}}
	for _, c := range v.Contacts {
		f.Add("contact_name", c.Name)
		f.Add("contact_role", c.Role)
		f.Add("contact_phone", c.Phone)
		f.Add("contact_email", c.Email)
	}
	return f
}

// formContacts reads the contact rows; a row whose "remove" box is ticked
// (contact_remove=index) is left out.
func formContacts(f url.Values) []hitori.VendorContact {
	removed := map[string]bool{}
	for _, i := range f["contact_remove"] {
		removed[i] = true
	}
	at := func(name string, i int) string {
		if vs := f[name]; i < len(vs) {
			return vs[i]
		}
		return ""
	}
	var out []hitori.VendorContact
	for i := range f["contact_name"] {
		if removed[strconv.Itoa(i)] {
			continue
		}
		out = append(out, hitori.VendorContact{Name: at("contact_name", i), Role: at("contact_role", i),
			Phone: at("contact_phone", i), Email: at("contact_email", i)})
	}
	return out
}

// vendorFromForm reads the form.
func vendorFromForm(f url.Values) *hitori.Vendor {
	return &hitori.Vendor{Name: f.Get("name"), Handles: f.Get("handles"), Phone: f.Get("phone"), Email: f.Get("email"),
		Portal: f.Get("portal"), CustomerNo: f.Get("customer_no"), Escalation: f.Get("escalation"), HowToOpen: f.Get("how_to_open"),
		Notes: f.Get("notes"), Contacts: formContacts(f)}
}

// vendorFormPage builds the form of v (nil: new) from form values, with
// the contact rows typed so far and extra blank ones.
func (s *Server) vendorFormPage(r *http.Request, v *hitori.Vendor, form url.Values, blanks int) *page {
	d := &vendorFormData{Vendor: v}
	p := s.handoverPage(r, "handover.vendors.new", d)
	if v != nil {
		p.Title = p.T("handover.vendors.edit", v.Name)
	}
	p.Form = form
	d.Contacts = formContacts(form)
	for range blanks {
		d.Contacts = append(d.Contacts, hitori.VendorContact{})
	}
	return p
}

// vendorNew is GET /vendors/new.
func (s *Server) vendorNew(w http.ResponseWriter, r *http.Request) error {
	s.render(w, http.StatusOK, "vendor_form", s.vendorFormPage(r, nil, url.Values{}, blankContactRows+1))
	return nil
}

// vendorEdit is GET /vendors/{id}/edit.
func (s *Server) vendorEdit(w http.ResponseWriter, r *http.Request) error {
	v, err := s.pathVendor(r)
	if err != nil {
		return err
	}
	s.render(w, http.StatusOK, "vendor_form", s.vendorFormPage(r, v, vendorFormValues(v), blankContactRows))
	return nil
}

func (s *Server) pathVendor(r *http.Request) (*hitori.Vendor, error) {
	id, err := pathID(r)
	if err != nil {
		return nil, err
	}
	return s.handover().Vendor(r.Context(), id)
}

// vendorCreate is POST /vendors.
func (s *Server) vendorCreate(w http.ResponseWriter, r *http.Request) error {
	return s.vendorSave(w, r, nil)
}

// vendorUpdate is POST /vendors/{id}.
func (s *Server) vendorUpdate(w http.ResponseWriter, r *http.Request) error {
	old, err := s.pathVendor(r)
	if err != nil {
		return err
	}
	return s.vendorSave(w, r, old)
}

// vendorSave stores the form, or re-renders it: with one more contact row
// when "add a row" was pressed (200, nothing saved), with the field
// messages when something is wrong (422, nothing saved).
func (s *Server) vendorSave(w http.ResponseWriter, r *http.Request, old *hitori.Vendor) error {
	if err := r.ParseForm(); err != nil {
		return hitori.KeyError(hitori.EINVALID, "error.invalid")
	}
	if r.PostForm.Get("add_contact") != "" {
		s.render(w, http.StatusOK, "vendor_form", s.vendorFormPage(r, old, r.PostForm, 1))
		return nil
	}
	v := vendorFromForm(r.PostForm)
	if old != nil {
		v.ID = old.ID
	}
	err := s.handover().SaveVendor(r.Context(), v)
	if err == nil {
		http.Redirect(w, r, "/vendors/"+idText(v.ID)+"?flash=saved", http.StatusSeeOther)
		return nil
	}
	return s.formError(w, "vendor_form", s.vendorFormPage(r, old, r.PostForm, 0), err)
}

// vendorDeleteConfirm is GET /vendors/{id}/delete: refused up front while
// contracts name the vendor.
func (s *Server) vendorDeleteConfirm(w http.ResponseWriter, r *http.Request) error {
	v, err := s.pathVendor(r)
	if err != nil {
		return err
	}
	d := deleteConfirm{Name: v.Name, Action: "/vendors/" + idText(v.ID) + "/delete", Back: "/vendors/" + idText(v.ID),
		Detail: "handover.delete.vendor_detail"}
	if v.Contracts > 0 {
		d.Blocked = "handover.error.vendor_has_contracts"
	}
	s.renderDeleteConfirm(w, r, d)
	return nil
}

// vendorDelete is POST /vendors/{id}/delete; 409 while contracts name it.
func (s *Server) vendorDelete(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	if err := s.handover().DeleteVendor(r.Context(), id); err != nil {
		return err
	}
	http.Redirect(w, r, "/vendors?flash=deleted", http.StatusSeeOther)
	return nil
}
