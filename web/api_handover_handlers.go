package web

import (
	"net/http"
	"net/url"
	"strconv"

	"hitori"
)

// handoverAPIRoutes are the register's JSON API for outside tools: bearer
// tokens of staff, like the other APIs.
func (s *Server) handoverAPIRoutes() []route {
	return []route{
		{"GET /api/v1/systems", staff, s.apiSystems, true},
		{"POST /api/v1/systems", staff, s.apiSystemCreate, true},
		{"GET /api/v1/systems/{id}", staff, s.apiSystem, true},
		{"GET /api/v1/vendors", staff, s.apiVendors, true},
		{"POST /api/v1/vendors", staff, s.apiVendorCreate, true},
		{"GET /api/v1/vendors/{id}", staff, s.apiVendor, true},
		{"GET /api/v1/contracts", staff, s.apiContracts, true},
		{"POST /api/v1/contracts", staff, s.apiContractCreate, true},
		{"GET /api/v1/contracts/{id}", staff, s.apiContract, true},
	}
}

// apiPage reads ?page= and ?limit= (≤ 500, default 50) into an offset.
func apiPage(q url.Values) (page, offset, limit int, err error) {
	if page, err = itemIntParam(q.Get("page"), "page", 1, 1_000_000, 1); err != nil {
		return
	}
	if limit, err = itemIntParam(q.Get("limit"), "limit", 1, 500, 50); err != nil {
		return
	}
	return page, (page - 1) * limit, limit, nil
}

// apiQueryID reads an optional id filter such as ?vendor_id=.
func apiQueryID(q url.Values, name string) (int64, error) {
	v := q.Get(name)
	if v == "" {
		return 0, nil
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil || n < 1 {
		return 0, hitori.FieldError(name, "error.invalid")
	}
	return n, nil
}

// apiDesc reads ?desc=1 or ?desc=true.
func apiDesc(q url.Values) bool { return q.Get("desc") == "1" || q.Get("desc") == "true" }

// apiCreated answers a POST with 201, the Location and the stored object.
func apiCreated(w http.ResponseWriter, location string, v any) {
	w.Header().Set("Location", location)
	writeJSON(w, http.StatusCreated, v)
}

// apiSystems is GET /api/v1/systems?q=&kind=&criticality=&vendor_id=&sort=&desc=&page=&limit=.
func (s *Server) apiSystems(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	page, offset, limit, err := apiPage(q)
	if err != nil {
		return err
	}
	vendor, err := apiQueryID(q, "vendor_id")
	if err != nil {
		return err
	}
	list, total, err := s.handover().Systems(r.Context(), hitori.SystemFilter{Query: q.Get("q"), Kind: hitori.SystemKind(q.Get("kind")),
		Criticality: hitori.Criticality(q.Get("criticality")), VendorID: vendor, Sort: q.Get("sort"), Desc: apiDesc(q), Offset: offset, Limit: limit})
	if err != nil {
		return err
	}
	out := make([]systemJSON, 0, len(list))
	for _, sys := range list {
		out = append(out, toSystemJSON(sys))
	}
	writeJSON(w, http.StatusOK, map[string]any{"systems": out, "total": total, "page": page, "limit": limit})
	return nil
}

// apiSystem is GET /api/v1/systems/{id}: with links, relations and contracts.
func (s *Server) apiSystem(w http.ResponseWriter, r *http.Request) error {
	sys, err := s.pathSystem(r)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, toSystemJSON(sys))
	return nil
}

// apiSystemCreate is POST /api/v1/systems → 201 and the system.
func (s *Server) apiSystemCreate(w http.ResponseWriter, r *http.Request) error {
	var in systemInJSON
	if err := decodeItemJSON(w, r, &in); err != nil {
		return err
	}
	h := s.handover()
	sys := in.system()
	if err := h.SaveSystem(r.Context(), sys); err != nil {
		return err
	}
	stored, err := h.System(r.Context(), sys.ID)
	if err != nil {
		return err
	}
	apiCreated(w, "/api/v1/systems/"+idText(sys.ID), toSystemJSON(stored))
	return nil
}

// apiVendors is GET /api/v1/vendors?q=&sort=&desc=&page=&limit=.
func (s *Server) apiVendors(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	page, offset, limit, err := apiPage(q)
	if err != nil {
		return err
	}
	list, total, err := s.handover().Vendors(r.Context(), hitori.VendorFilter{Query: q.Get("q"), Sort: q.Get("sort"), Desc: apiDesc(q),
		Offset: offset, Limit: limit})
	if err != nil {
		return err
	}
	out := make([]vendorJSON, 0, len(list))
	for _, v := range list {
		// The list carries the contacts too: a phone book is what outside
		// tools want, and vendors are tens, not thousands.
		full, err := s.handover().Vendor(r.Context(), v.ID)
		if err != nil {
			return err
		}
		out = append(out, toVendorJSON(full))
	}
	writeJSON(w, http.StatusOK, map[string]any{"vendors": out, "total": total, "page": page, "limit": limit})
	return nil
}

// apiVendor is GET /api/v1/vendors/{id}: with its named contacts.
func (s *Server) apiVendor(w http.ResponseWriter, r *http.Request) error {
	v, err := s.pathVendor(r)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, toVendorJSON(v))
	return nil
}

// apiVendorCreate is POST /api/v1/vendors → 201 and the vendor.
func (s *Server) apiVendorCreate(w http.ResponseWriter, r *http.Request) error {
	var in vendorInJSON
	if err := decodeItemJSON(w, r, &in); err != nil {
		return err
	}
	h := s.handover()
	v := in.vendor()
	if err := h.SaveVendor(r.Context(), v); err != nil {
		return err
	}
	stored, err := h.Vendor(r.Context(), v.ID)
	if err != nil {
		return err
	}
	apiCreated(w, "/api/v1/vendors/"+idText(v.ID), toVendorJSON(stored))
	return nil
}

// apiContracts is GET /api/v1/contracts?q=&vendor_id=&system_id=&sort=&desc=&page=&limit=.
func (s *Server) apiContracts(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	page, offset, limit, err := apiPage(q)
	if err != nil {
		return err
	}
	f := hitori.ContractFilter{Query: q.Get("q"), Sort: q.Get("sort"), Desc: apiDesc(q), Offset: offset, Limit: limit}
	if f.VendorID, err = apiQueryID(q, "vendor_id"); err != nil {
		return err
	}
	if f.SystemID, err = apiQueryID(q, "system_id"); err != nil {
		return err
	}
	list, total, err := s.handover().Contracts(r.Context(), f)
	if err != nil {
		return err
	}
	out := make([]contractJSON, 0, len(list))
	for _, c := range list {
		out = append(out, toContractJSON(c))
	}
	writeJSON(w, http.StatusOK, map[string]any{"contracts": out, "total": total, "page": page, "limit": limit})
	return nil
}

// apiContract is GET /api/v1/contracts/{id}: with the decision date and documents.
func (s *Server) apiContract(w http.ResponseWriter, r *http.Request) error {
	c, err := s.pathContract(r)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, toContractJSON(c))
	return nil
}

// apiContractCreate is POST /api/v1/contracts → 201 and the contract.
func (s *Server) apiContractCreate(w http.ResponseWriter, r *http.Request) error {
	var in contractInJSON
	if err := decodeItemJSON(w, r, &in); err != nil {
		return err
	}
	h := s.handover()
	c := in.contract()
	if err := h.SaveContract(r.Context(), c); err != nil {
		return err
	}
	stored, err := h.Contract(r.Context(), c.ID)
	if err != nil {
		return err
	}
	apiCreated(w, "/api/v1/contracts/"+idText(c.ID), toContractJSON(stored))
	return nil
}
