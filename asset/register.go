package asset

import (
	"context"
	"time"

	"hitori"
)

// The register's rules: who may read and change assets, and what a
// change must respect beyond Asset.Validate. Each method is one store
// transaction; the store records the context's user as the actor.

// tokyo is the zone dates (due dates, "today") are counted in.
var tokyo = func() *time.Location {
	if l, err := time.LoadLocation("Asia/Tokyo"); err == nil {
		return l
	}
	return time.FixedZone("JST", 9*3600)
}()

// Today is the service clock's date in Japan.
func (s *Service) Today() hitori.Date { return hitori.DateOf(s.now().In(tokyo)) }

// staffOnly admits the system (no user: imports, jobs) and active staff;
// requesters and viewers never see the register.
func staffOnly(ctx context.Context) error {
	u := hitori.UserFromContext(ctx)
	if u == nil {
		return nil
	}
	if u.Disabled || !u.Role.IsStaff() {
		return hitori.KeyError(hitori.EFORBIDDEN, "error.forbidden")
	}
	return nil
}

// adminOnly admits the system and administrators: deleting assets and
// defining custom fields change what everyone else works with.
func adminOnly(ctx context.Context) error {
	u := hitori.UserFromContext(ctx)
	if u == nil {
		return nil
	}
	if u.Disabled || u.Role != hitori.RoleAdmin {
		return hitori.KeyError(hitori.EFORBIDDEN, "error.forbidden")
	}
	return nil
}

// Asset reads one asset.
func (s *Service) Asset(ctx context.Context, id int64) (*hitori.Asset, error) {
	if err := staffOnly(ctx); err != nil {
		return nil, err
	}
	return s.Store.FindAsset(ctx, id)
}

// Assets lists one page of assets and the total.
func (s *Service) Assets(ctx context.Context, f hitori.AssetFilter) ([]*hitori.Asset, int, error) {
	if err := staffOnly(ctx); err != nil {
		return nil, 0, err
	}
	return s.Store.FindAssets(ctx, f)
}

// History lists an asset's history, newest first.
func (s *Service) History(ctx context.Context, id int64) ([]*hitori.AssetEvent, error) {
	if err := staffOnly(ctx); err != nil {
		return nil, err
	}
	return s.Store.AssetHistory(ctx, id, 0)
}

// Software lists what inventory saw installed on an asset.
func (s *Service) Software(ctx context.Context, id int64) ([]hitori.AssetSoftwareEntry, error) {
	if err := staffOnly(ctx); err != nil {
		return nil, err
	}
	return s.Store.AssetSoftware(ctx, id)
}

// Create adds an asset entered by hand.
func (s *Service) Create(ctx context.Context, a *hitori.Asset) error {
	if err := staffOnly(ctx); err != nil {
		return err
	}
	if err := s.checkCustom(ctx, nil, a); err != nil {
		return err
	}
	if a.Status == hitori.AssetOnLoan {
		return hitori.FieldError("status", "asset.error.loan_by_checkout")
	}
	a.LoanDue = ""
	if a.Source == "" {
		a.Source = "manual"
	}
	return s.Store.CreateAsset(ctx, a)
}

// Update applies change to the asset as stored, in one transaction, and
// returns what changed. Loans move only through CheckOut and CheckIn, so
// an edit may not put an asset on loan or take it off.
func (s *Service) Update(ctx context.Context, id int64, note string, change func(a *hitori.Asset) error) ([]hitori.FieldChange, error) {
	if err := staffOnly(ctx); err != nil {
		return nil, err
	}
	defs, err := s.customNames(ctx)
	if err != nil {
		return nil, err
	}
	return s.Store.UpdateAsset(ctx, id, note, func(a *hitori.Asset) error {
		old := *a
		old.Custom = hitori.CopyCustom(a.Custom)
		if err := change(a); err != nil {
			return err
		}
		if (old.Status == hitori.AssetOnLoan) != (a.Status == hitori.AssetOnLoan) {
			return hitori.FieldError("status", "asset.error.loan_by_checkout")
		}
		if a.Status != hitori.AssetOnLoan {
			a.LoanDue = ""
		}
		return checkCustomAgainst(defs, &old, a)
	})
}

// SetStatus moves an asset along its lifecycle (在庫 → 使用中 → 修理中 →
// 廃棄予定 → 廃棄済, in any order but through loans).
func (s *Service) SetStatus(ctx context.Context, id int64, status hitori.AssetStatus, note string) error {
	if !status.Valid() {
		return hitori.FieldError("status", "asset.error.status")
	}
	_, err := s.Update(ctx, id, note, func(a *hitori.Asset) error {
		a.Status = status
		return nil
	})
	return err
}

// Delete removes an asset and its history; administrators only. The
// caller records the deletion in the audit log with the returned asset.
func (s *Service) Delete(ctx context.Context, id int64) (*hitori.Asset, error) {
	if err := adminOnly(ctx); err != nil {
		return nil, err
	}
	return s.Store.DeleteAsset(ctx, id)
}

// CheckOut lends an asset to a person until due, which may not be past.
func (s *Service) CheckOut(ctx context.Context, id, personID int64, due hitori.Date, note string) error {
	if err := staffOnly(ctx); err != nil {
		return err
	}
	if err := hitori.CheckText("note", note); err != nil {
		return err
	}
	if due != "" && due.Valid() && due < s.Today() {
		return hitori.FieldError("loan_due", "asset.error.due_past")
	}
	return s.Store.CheckOutAsset(ctx, id, personID, due, note)
}

// CheckIn takes a lent asset back into stock, at location when given.
func (s *Service) CheckIn(ctx context.Context, id int64, location, note string) error {
	if err := staffOnly(ctx); err != nil {
		return err
	}
	if err := hitori.CheckTexts("location", location, "note", note); err != nil {
		return err
	}
	return s.Store.CheckInAsset(ctx, id, location, note)
}

// OverdueLoans lists lent assets past their due date (Japan's today).
func (s *Service) OverdueLoans(ctx context.Context) ([]*hitori.Asset, error) {
	if err := staffOnly(ctx); err != nil {
		return nil, err
	}
	return s.Store.OverdueLoans(ctx, s.Today())
}
