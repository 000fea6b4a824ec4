package web

import (
	"net/http"
	"strconv"
	"strings"

	"hitori"
)

// Custom fields per asset type, defined by administrators.

// assetFields is GET /assets/fields.
func (s *Server) assetFields(w http.ResponseWriter, r *http.Request) error {
	p := s.newPage(r, assetNav)
	assetFlash(p, r)
	return s.assetFieldsPage(w, r, p, http.StatusOK)
}

func (s *Server) assetFieldsPage(w http.ResponseWriter, r *http.Request, p *page, status int) error {
	p.Title = p.T("asset.fields.title")
	defs, err := s.asset.FieldDefs(r.Context(), "")
	if err != nil {
		return err
	}
	p.Data = map[string]any{"Fields": defs, "Types": hitori.AssetTypes}
	s.render(w, status, "asset_fields", p)
	return nil
}

// assetFieldSave is POST /assets/fields: type, name, position.
func (s *Server) assetFieldSave(w http.ResponseWriter, r *http.Request) error {
	pos, _ := strconv.Atoi(strings.TrimSpace(r.PostFormValue("position")))
	d := &hitori.AssetFieldDef{Type: hitori.AssetType(r.PostFormValue("type")), Name: r.PostFormValue("name"), Position: pos}
	err := s.asset.SaveFieldDef(r.Context(), d)
	if err == nil {
		http.Redirect(w, r, workFlashURL("/assets/fields", "saved"), http.StatusSeeOther)
		return nil
	}
	e, ok := hitori.AsError(err)
	if !ok || e.Code != hitori.EINVALID {
		return err
	}
	p := s.newPage(r, assetNav)
	p.Form = r.PostForm
	for f, k := range e.Fields {
		p.Errors[f] = p.T(k)
	}
	return s.assetFieldsPage(w, r, p, http.StatusUnprocessableEntity)
}

// assetFieldDelete is POST /assets/fields/{id}/delete.
func (s *Server) assetFieldDelete(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	if err := s.asset.DeleteFieldDef(r.Context(), id); err != nil {
		return err
	}
	http.Redirect(w, r, workFlashURL("/assets/fields", "deleted_field"), http.StatusSeeOther)
	return nil
}
