package web

import (
	"net/http"
	"slices"
	"strings"

	"hitori"
)

var vendorSorts = []string{"name", "updated"}

type vendorListData struct {
	Vendors []*hitori.Vendor
	Query   string
	Sort    string
	Sorts   []string
	Pager   pager
}

// vendorList is GET /vendors: every vendor with search and pages.
func (s *Server) vendorList(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	d := &vendorListData{Query: strings.TrimSpace(q.Get("q")), Sort: q.Get("sort"), Sorts: vendorSorts}
	if !slices.Contains(vendorSorts, d.Sort) {
		d.Sort = "name"
	}
	pg := pageNumber(q.Get("page"))
	list, total, err := s.handover().Vendors(r.Context(), hitori.VendorFilter{Query: d.Query, Sort: d.Sort, Desc: d.Sort == "updated",
		Offset: (pg - 1) * systemsPerPage, Limit: systemsPerPage})
	if err != nil {
		return err
	}
	d.Vendors, d.Pager = list, newPager(r, pg, systemsPerPage, total)
	p := s.handoverPage(r, "handover.vendors.title", d)
	handoverFlash(p, r)
	s.render(w, http.StatusOK, "vendor_list", p)
	return nil
}

// vendorView is GET /vendors/{id}: the vendor card — how to reach them,
// whom to ask, how to open a case — with its systems and contracts.
func (s *Server) vendorView(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	h := s.handover()
	v, err := h.Vendor(r.Context(), id)
	if err != nil {
		return err
	}
	systems, _, err := h.Systems(r.Context(), hitori.SystemFilter{VendorID: id, Limit: 500})
	if err != nil {
		return err
	}
	contracts, _, err := h.Contracts(r.Context(), hitori.ContractFilter{VendorID: id, Limit: 500})
	if err != nil {
		return err
	}
	p := s.handoverPage(r, "handover.vendors.title", map[string]any{"Vendor": v, "Systems": systems, "Contracts": contracts})
	p.Title = v.Name
	handoverFlash(p, r)
	s.render(w, http.StatusOK, "vendor_view", p)
	return nil
}
