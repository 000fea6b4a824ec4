package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"hitori"
)

// assetFormData is what asset_form.html shows.
type assetFormData struct {
	Asset   *hitori.Asset // nil: a new asset
	Choices *assetChoices
	Fields  []*hitori.AssetFieldDef // the custom fields of the form's type
	Extra   []string                // custom values stored under names not defined (kept as they are)
}

// assetFormValues fills a form from a stored asset.
func assetFormValues(a *hitori.Asset) url.Values {
	v := url.Values{}
	for _, f := range hitori.AssetFields {
		v.Set(f, a.AssetField(f))
	}
	for k, x := range a.Custom {
		v.Set("custom."+k, x)
	}
	return v
}

// assetFromForm writes the posted fields onto a; custom fields are read
// for the names defined for the posted type and the names a already has.
func assetFromForm(r *http.Request, a *hitori.Asset, defs []*hitori.AssetFieldDef) error {
	f := r.PostForm
	text := func(name string) string { return strings.TrimSpace(f.Get(name)) }
	a.Number, a.Type, a.Maker, a.Model, a.Serial = text("number"), hitori.AssetType(text("type")), text("maker"), text("model"), text("serial")
	if st := text("status"); st != "" {
		a.Status = hitori.AssetStatus(st)
	}
	a.Location, a.Vendor, a.Notes = text("location"), text("vendor"), strings.TrimSpace(f.Get("notes"))
	a.AcquiredOn, a.WarrantyUntil, a.LeaseUntil = hitori.Date(text("acquired_on")), hitori.Date(text("warranty_until")), hitori.Date(text("lease_until"))
	for _, ref := range []struct {
		name string
		id   *int64
	}{{"person_id", &a.PersonID}, {"department_id", &a.DepartmentID}} {
		*ref.id = 0
		if v := text(ref.name); v != "" {
			n, err := strconv.ParseInt(v, 10, 64)
			if err != nil || n < 0 {
				return hitori.FieldError(ref.name, "asset.error.unknown_ref")
			}
			*ref.id = n
		}
	}
	price, err := parseYen(text("price_yen"))
	if err != nil {
		return err
	}
	a.PriceYen = price
	names := map[string]bool{}
	for _, d := range defs {
		names[d.Name] = true
	}
	for k := range a.Custom {
		names[k] = true
	}
	custom := map[string]string{}
	for k := range names {
		if v, ok := f["custom."+k]; ok {
			custom[k] = strings.TrimSpace(v[0])
		} else if old, ok := a.Custom[k]; ok {
			custom[k] = old
		}
	}
	a.Custom = custom
	return nil
}

// parseYen reads an amount as people type it: "128000", "128,000",
// "¥128,000", "128,000円", full-width digits; "" is unknown.
func parseYen(s string) (*int64, error) {
	s = strings.Map(func(r rune) rune {
		switch {
		case r >= '０' && r <= '９':
			return '0' + (r - '０')
		case r == ',' || r == '，' || r == '¥' || r == '￥' || r == '円' || r == ' ' || r == '　':
			return -1
		}
		return r
	}, s)
	if s == "" {
		return nil, nil
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n < 0 || n > 1e13 {
		return nil, hitori.FieldError("price_yen", "asset.error.price")
	}
	return &n, nil
}

// assetFormPage renders the new/edit form with status.
func (s *Server) assetFormPage(w http.ResponseWriter, r *http.Request, p *page, a *hitori.Asset, typ hitori.AssetType, status int) error {
	choices, err := s.assetChoicesFor(r)
	if err != nil {
		return err
	}
	if !typ.Valid() {
		typ = hitori.AssetPC
	}
	defs, err := s.asset.FieldDefs(r.Context(), typ)
	if err != nil {
		return err
	}
	d := &assetFormData{Asset: a, Choices: choices, Fields: defs}
	if a != nil {
		defined := map[string]bool{}
		for _, f := range defs {
			defined[f.Name] = true
		}
		for k := range a.Custom {
			if !defined[k] {
				d.Extra = append(d.Extra, k)
			}
		}
	}
	p.Data = d
	s.render(w, status, "asset_form", p)
	return nil
}

// assetNew is GET /assets/new[?type=]: the empty form.
func (s *Server) assetNew(w http.ResponseWriter, r *http.Request) error {
	p := s.newPage(r, assetNav)
	p.Title = p.T("asset.new")
	typ := hitori.AssetType(r.URL.Query().Get("type"))
	if !typ.Valid() {
		typ = hitori.AssetPC
	}
	p.Form = url.Values{"type": {string(typ)}, "status": {string(hitori.AssetInUse)}}
	return s.assetFormPage(w, r, p, nil, typ, http.StatusOK)
}

// assetCreate is POST /assets: 303 to the new asset, or the form again
// with 422 and the field's message.
func (s *Server) assetCreate(w http.ResponseWriter, r *http.Request) error {
	p := s.newPage(r, assetNav)
	p.Title = p.T("asset.new")
	p.Form = r.PostForm
	typ := hitori.AssetType(r.PostFormValue("type"))
	defs, err := s.asset.FieldDefs(r.Context(), typ)
	if err != nil && typ.Valid() {
		return err
	}
	a := &hitori.Asset{}
	if err = assetFromForm(r, a, defs); err == nil {
		err = s.asset.Create(r.Context(), a)
	}
	if err != nil {
		return s.assetFormError(w, r, p, nil, typ, err)
	}
	http.Redirect(w, r, workFlashURL(assetPageURL(a.ID), "created"), http.StatusSeeOther)
	return nil
}

// assetFormError shows a validation error on the form, or returns err.
func (s *Server) assetFormError(w http.ResponseWriter, r *http.Request, p *page, a *hitori.Asset, typ hitori.AssetType, err error) error {
	if !assetFieldErrors(p, err, false) {
		return err
	}
	for f, msg := range p.Errors {
		if name, ok := strings.CutPrefix(f, "custom."); ok { // the field may not be on this type's form
			p.Errors["custom"] = name + ": " + msg
		}
	}
	return s.assetFormPage(w, r, p, a, typ, statusOf(hitori.ErrorCode(err)))
}

// assetEdit is GET /assets/{id}/edit.
func (s *Server) assetEdit(w http.ResponseWriter, r *http.Request) error {
	a, err := s.assetAt(r)
	if err != nil {
		return err
	}
	p := s.newPage(r, assetNav)
	p.Title = p.T("asset.edit.title", assetName(p, a))
	p.Form = assetFormValues(a)
	return s.assetFormPage(w, r, p, a, a.Type, http.StatusOK)
}

// assetUpdate is POST /assets/{id}: the edit form saved in one
// transaction against the asset as stored.
func (s *Server) assetUpdate(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	ctx := r.Context()
	a, err := s.asset.Asset(ctx, id)
	if err != nil {
		return err
	}
	p := s.newPage(r, assetNav)
	p.Title = p.T("asset.edit.title", assetName(p, a))
	p.Form = r.PostForm
	typ := hitori.AssetType(r.PostFormValue("type"))
	defs, err := s.asset.FieldDefs(ctx, typ)
	if err != nil && typ.Valid() {
		return err
	}
	changes, err := s.asset.Update(ctx, id, "", func(stored *hitori.Asset) error {
		status := stored.Status // loans and lifecycle have their own buttons
		if err := assetFromForm(r, stored, defs); err != nil {
			return err
		}
		if r.PostFormValue("status") == "" {
			stored.Status = status
		}
		return nil
	})
	if err != nil {
		return s.assetFormError(w, r, p, a, typ, err)
	}
	flash := "saved"
	if len(changes) == 0 {
		flash = "unchanged"
	}
	http.Redirect(w, r, workFlashURL(assetPageURL(id), flash), http.StatusSeeOther)
	return nil
}

// assetName is how pages name an asset: its number, else its host name
// (what tells apart the PCs inventory added, which have no number and
// often one maker and model), else maker and model.
func assetName(p *page, a *hitori.Asset) string {
	if a.Number != "" {
		return a.Number
	}
	if a.Hostname != "" {
		return a.Hostname
	}
	if n := strings.TrimSpace(a.Maker + " " + a.Model); n != "" {
		return n
	}
	return p.T("asset.no_number")
}

// AssetName is assetName for templates.
func (p *page) AssetName(a *hitori.Asset) string { return assetName(p, a) }
