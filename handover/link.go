package handover

import (
	"context"
	"slices"

	"hitori"
)

// LinkSystem adds one link (a runbook, a vault entry, an asset or a
// monitor) to a system; linking what is already linked changes nothing.
// The system is read and rewritten by the store's one update, so its other
// fields, links and relations stay as they were.
func (s *Service) LinkSystem(ctx context.Context, id int64, l hitori.SystemLink) error {
	_, err := s.editLinks(ctx, id, func(sys *hitori.System) bool {
		if slices.ContainsFunc(sys.Links, func(x hitori.SystemLink) bool { return x.Kind == l.Kind && x.Ref == l.Ref }) {
			return false
		}
		sys.Links = append(sys.Links, hitori.SystemLink{Kind: l.Kind, Ref: l.Ref})
		return true
	})
	return err
}

// UnlinkSystem removes one link from a system; a link that is not there
// is ENOTFOUND.
func (s *Service) UnlinkSystem(ctx context.Context, id int64, l hitori.SystemLink) error {
	changed, err := s.editLinks(ctx, id, func(sys *hitori.System) bool {
		before := len(sys.Links)
		sys.Links = slices.DeleteFunc(sys.Links, func(x hitori.SystemLink) bool { return x.Kind == l.Kind && x.Ref == l.Ref })
		return len(sys.Links) != before
	})
	if err == nil && !changed {
		return hitori.KeyError(hitori.ENOTFOUND, "error.not_found")
	}
	return err
}

// editLinks reads system id, lets edit change its links and, when it says
// it did, stores the system.
func (s *Service) editLinks(ctx context.Context, id int64, edit func(*hitori.System) bool) (bool, error) {
	if err := staffOnly(ctx); err != nil {
		return false, err
	}
	sys, err := s.Store.FindSystem(ctx, id)
	if err != nil {
		return false, err
	}
	if !edit(sys) {
		return false, nil
	}
	return true, s.Store.UpdateSystem(ctx, sys)
}
