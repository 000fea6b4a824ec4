package asset

import (
	"context"
	"strings"

	"hitori"
)

// Custom fields: an administrator defines them per asset type; a person
// fills them in. Values already stored under a name that is no longer
// defined (a ledger import's extra column, a deleted field) are kept, but
// no new name can be added by hand.

// FieldDefs lists the custom fields of type t ("": every type).
func (s *Service) FieldDefs(ctx context.Context, t hitori.AssetType) ([]*hitori.AssetFieldDef, error) {
	if err := staffOnly(ctx); err != nil {
		return nil, err
	}
	return s.Store.AssetFieldDefs(ctx, t)
}

// SaveFieldDef creates or renames a custom field; administrators only.
func (s *Service) SaveFieldDef(ctx context.Context, d *hitori.AssetFieldDef) error {
	if err := adminOnly(ctx); err != nil {
		return err
	}
	return s.Store.SaveAssetFieldDef(ctx, d)
}

// DeleteFieldDef removes a custom field's definition; administrators only.
func (s *Service) DeleteFieldDef(ctx context.Context, id int64) error {
	if err := adminOnly(ctx); err != nil {
		return err
	}
	return s.Store.DeleteAssetFieldDef(ctx, id)
}

// customNames maps each type to its defined field names.
func (s *Service) customNames(ctx context.Context) (map[hitori.AssetType]map[string]bool, error) {
	defs, err := s.Store.AssetFieldDefs(ctx, "")
	if err != nil {
		return nil, err
	}
	out := map[hitori.AssetType]map[string]bool{}
	for _, d := range defs {
		if out[d.Type] == nil {
			out[d.Type] = map[string]bool{}
		}
		out[d.Type][d.Name] = true
	}
	return out, nil
}

func (s *Service) checkCustom(ctx context.Context, old, a *hitori.Asset) error {
	if len(a.Custom) == 0 {
		return nil
	}
	defs, err := s.customNames(ctx)
	if err != nil {
		return err
	}
	return checkCustomAgainst(defs, old, a)
}

// checkCustomAgainst refuses a custom value that is new or changed under
// a name not defined for the asset's type; empty values are dropped.
func checkCustomAgainst(defs map[hitori.AssetType]map[string]bool, old, a *hitori.Asset) error {
	for k, v := range a.Custom {
		if strings.TrimSpace(v) == "" {
			delete(a.Custom, k)
			continue
		}
		if old != nil && old.Custom[k] == v {
			continue
		}
		typ := a.Type
		if typ == "" {
			typ = hitori.AssetOther
		}
		if !defs[typ][k] {
			return hitori.FieldError("custom."+k, "asset.error.custom_unknown")
		}
	}
	return nil
}
