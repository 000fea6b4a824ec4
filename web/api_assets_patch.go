package web

import (
	"encoding/json"
	"net/http"
	"slices"

	"hitori"
)

// apiAssetPatch is PATCH /api/v1/assets/{id}: a JSON merge patch (RFC
// 7396) of the asset's fields. Only the names sent change; null clears a
// field (type and status cannot be cleared); "custom" merges by name,
// null removing one. The whole patch is applied in one transaction
// against the asset as stored, or not at all.
func (s *Server) apiAssetPatch(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	if _, err := s.asset.Asset(r.Context(), id); err != nil { // 404/403 before the body is read
		return err
	}
	var raw map[string]json.RawMessage
	if err := decodeItemJSON(w, r, &raw); err != nil {
		return err
	}
	apply, err := assetPatchFrom(raw)
	if err != nil {
		return err
	}
	if _, err := s.asset.Update(r.Context(), id, "", apply); err != nil {
		return err
	}
	out, err := s.assetDetail(r, id)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, out)
	return nil
}

// assetPatchText are the text fields a patch may set, by JSON name.
var assetPatchText = map[string]func(a *hitori.Asset) *string{
	"number":   func(a *hitori.Asset) *string { return &a.Number },
	"maker":    func(a *hitori.Asset) *string { return &a.Maker },
	"model":    func(a *hitori.Asset) *string { return &a.Model },
	"serial":   func(a *hitori.Asset) *string { return &a.Serial },
	"location": func(a *hitori.Asset) *string { return &a.Location },
	"vendor":   func(a *hitori.Asset) *string { return &a.Vendor },
	"notes":    func(a *hitori.Asset) *string { return &a.Notes },
}

// assetPatchDates are the date fields a patch may set.
var assetPatchDates = map[string]func(a *hitori.Asset) *hitori.Date{
	"acquired_on":    func(a *hitori.Asset) *hitori.Date { return &a.AcquiredOn },
	"warranty_until": func(a *hitori.Asset) *hitori.Date { return &a.WarrantyUntil },
	"lease_until":    func(a *hitori.Asset) *hitori.Date { return &a.LeaseUntil },
}

// assetPatchFrom checks a patch's names and types up front and returns
// the change to apply; a problem names its field (422).
func assetPatchFrom(raw map[string]json.RawMessage) (func(a *hitori.Asset) error, error) {
	names := make([]string, 0, len(raw))
	for k := range raw {
		names = append(names, k)
	}
	slices.Sort(names) // report the same field first every time
	var steps []func(a *hitori.Asset)
	for _, k := range names {
		v := raw[k]
		null := string(v) == "null"
		bad := hitori.FieldError(k, "error.invalid")
		switch {
		case assetPatchText[k] != nil || assetPatchDates[k] != nil:
			var s string
			if !null && json.Unmarshal(v, &s) != nil {
				return nil, bad
			}
			if field := assetPatchText[k]; field != nil {
				steps = append(steps, func(a *hitori.Asset) { *field(a) = s })
			} else {
				field := assetPatchDates[k]
				steps = append(steps, func(a *hitori.Asset) { *field(a) = hitori.Date(s) })
			}
		case k == "type" || k == "status":
			var s string
			if null || json.Unmarshal(v, &s) != nil {
				return nil, bad
			}
			if k == "type" {
				steps = append(steps, func(a *hitori.Asset) { a.Type = hitori.AssetType(s) })
			} else {
				steps = append(steps, func(a *hitori.Asset) { a.Status = hitori.AssetStatus(s) })
			}
		case k == "person_id" || k == "department_id" || k == "price_yen":
			var n *int64
			if json.Unmarshal(v, &n) != nil || (n != nil && *n < 0) || (n != nil && *n == 0 && k != "price_yen") {
				return nil, bad
			}
			switch k {
			case "person_id":
				steps = append(steps, func(a *hitori.Asset) { a.PersonID = derefID(n) })
			case "department_id":
				steps = append(steps, func(a *hitori.Asset) { a.DepartmentID = derefID(n) })
			default:
				steps = append(steps, func(a *hitori.Asset) { a.PriceYen = n })
			}
		case k == "custom":
			var m map[string]*string
			if null || json.Unmarshal(v, &m) != nil {
				return nil, bad
			}
			steps = append(steps, func(a *hitori.Asset) { mergeCustom(a, m) })
		default:
			return nil, hitori.FieldError(k, "error.item_unknown_field")
		}
	}
	return func(a *hitori.Asset) error {
		for _, step := range steps {
			step(a)
		}
		return nil
	}, nil
}

func derefID(p *int64) int64 {
	if p == nil {
		return 0
	}
	return *p
}

// mergeCustom applies a merge patch to custom fields: a value sets, null removes.
func mergeCustom(a *hitori.Asset, m map[string]*string) {
	if a.Custom == nil {
		a.Custom = map[string]string{}
	}
	for k, v := range m {
		if v == nil {
			delete(a.Custom, k)
		} else {
			a.Custom[k] = *v
		}
	}
}
