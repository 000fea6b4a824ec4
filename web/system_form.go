package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"hitori"
)

// systemFormData is what system_form.html shows beside the typed values
// (page.Form): the choices of every picker and, for a stored system, its
// links and the link picker.
type systemFormData struct {
	System        *hitori.System // nil: a new system
	Kinds         []hitori.SystemKind
	Criticalities []hitori.Criticality
	Owners        []ownerChoice
	Vendors       []*hitori.Vendor
	Targets       []*hitori.System // what a relation may point at
	RelationKinds []hitori.RelationKind
	Relations     []relationRow
	Picker        *linkPicker
}

// ownerChoice is one option of the owner picker: "user:ID" or "person:ID".
type ownerChoice struct {
	Value, Label string
	Person       bool
}

// relationRow is one row of the relations table; empty rows add new ones.
type relationRow struct {
	Kind string
	To   string
}

// blankRelationRows is how many empty rows the form offers for new relations.
const blankRelationRows = 2

// systemChoices fills the pickers (owners, vendors, relation targets).
func (s *Server) systemChoices(r *http.Request, d *systemFormData) error {
	ctx := r.Context()
	users, _, err := s.stores.Users.FindUsers(ctx, hitori.UserFilter{Limit: 500})
	if err != nil {
		return err
	}
	for _, u := range users {
		if !u.Disabled {
			d.Owners = append(d.Owners, ownerChoice{Value: "user:" + idText(u.ID), Label: firstNonEmpty(u.Name, u.Email)})
		}
	}
	if s.asset != nil {
		people, _, err := s.asset.People(ctx, hitori.PersonFilter{Limit: 1000})
		if err != nil {
			return err
		}
		for _, p := range people {
			d.Owners = append(d.Owners, ownerChoice{Value: "person:" + idText(p.ID), Label: p.Name, Person: true})
		}
	}
	h := s.handover()
	if d.Vendors, _, err = h.Vendors(ctx, hitori.VendorFilter{Limit: 500}); err != nil {
		return err
	}
	all, _, err := h.Systems(ctx, hitori.SystemFilter{Limit: 500})
	if err != nil {
		return err
	}
	for _, sys := range all {
		if d.System == nil || sys.ID != d.System.ID {
			d.Targets = append(d.Targets, sys)
		}
	}
	d.Kinds, d.Criticalities, d.RelationKinds = hitori.SystemKinds, hitori.Criticalities, hitori.RelationKinds
	return nil
}

func firstNonEmpty(vs ...string) string {
	for _, v := range vs {
		if strings.TrimSpace(v) != "" {
			return v
		}
	}
	return ""
}

// systemFormValues fills the form from a stored system.
func systemFormValues(sys *hitori.System) url.Values {
	v := url.Values{"name": {sys.Name}, "kind": {string(sys.Kind)}, "criticality": {string(sys.Criticality)}, "notes": {sys.Notes}}
	switch {
	case sys.OwnerUserID != 0:
		v.Set("owner", "user:"+idText(sys.OwnerUserID))
	case sys.OwnerPersonID != 0:
		v.Set("owner", "person:"+idText(sys.OwnerPersonID))
	}
	if sys.VendorID != 0 {
		v.Set("vendor_id", idText(sys.VendorID))
	}
	for _, rel := range sys.Relations {
		v.Add("rel_kind", string(rel.Kind))
		v.Add("rel_to", idText(rel.To))
	}
	return v
}

// relationRows pairs the form's rel_kind and rel_to lists and adds blank rows.
func relationRows(f url.Values) []relationRow {
	kinds, tos := f["rel_kind"], f["rel_to"]
	var rows []relationRow
	for i, to := range tos {
		if to == "" || to == "0" {
			continue
		}
		k := ""
		if i < len(kinds) {
			k = kinds[i]
		}
		rows = append(rows, relationRow{Kind: k, To: to})
	}
	for range blankRelationRows {
		rows = append(rows, relationRow{Kind: string(hitori.RelDependsOn)})
	}
	return rows
}

// systemFromForm reads the form; what it cannot read comes back as field
// errors beside the system.
func systemFromForm(f url.Values) (*hitori.System, map[string]string) {
	fields := map[string]string{}
	sys := &hitori.System{Name: f.Get("name"), Kind: hitori.SystemKind(f.Get("kind")),
		Criticality: hitori.Criticality(f.Get("criticality")), Notes: f.Get("notes")}
	if o := f.Get("owner"); o != "" {
		kind, id, _ := strings.Cut(o, ":")
		n, err := strconv.ParseInt(id, 10, 64)
		switch {
		case err != nil || n < 1:
			fields["owner"] = "handover.error.owner"
		case kind == "user":
			sys.OwnerUserID = n
		case kind == "person":
			sys.OwnerPersonID = n
		default:
			fields["owner"] = "handover.error.owner"
		}
	}
	if v := f.Get("vendor_id"); v != "" {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil || n < 0 {
			fields["vendor_id"] = "handover.error.reference"
		}
		sys.VendorID = n
	}
	kinds := f["rel_kind"]
	for i, to := range f["rel_to"] {
		if to == "" || to == "0" {
			continue
		}
		n, err := strconv.ParseInt(to, 10, 64)
		if err != nil || i >= len(kinds) {
			fields["relations"] = "handover.error.relation"
			continue
		}
		sys.Relations = append(sys.Relations, hitori.SystemRelation{To: n, Kind: hitori.RelationKind(kinds[i])})
	}
	return sys, fields
}

// mergeFields adds the validation errors of err to fields (those already
// there win: they say why a value could not even be read).
func mergeFields(fields map[string]string, err error) {
	e, ok := hitori.AsError(err)
	if !ok {
		return
	}
	for k, v := range e.Fields {
		if _, seen := fields[k]; !seen {
			fields[k] = v
		}
	}
}

// idText writes an id in decimal.
func idText(n int64) string { return strconv.FormatInt(n, 10) }
