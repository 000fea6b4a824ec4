package asset

import (
	"context"

	"hitori"
)

// Physical inventory (棚卸し): staff open a round, walk the office with a
// phone, open each label's URL and confirm the asset where it stands.

// Stocktake returns the open round with its progress, or ENOTFOUND.
func (s *Service) Stocktake(ctx context.Context) (*hitori.Stocktake, error) {
	if err := staffOnly(ctx); err != nil {
		return nil, err
	}
	return s.Store.CurrentStocktake(ctx)
}

// StartStocktake opens a round (one at a time).
func (s *Service) StartStocktake(ctx context.Context, note string) (*hitori.Stocktake, error) {
	if err := staffOnly(ctx); err != nil {
		return nil, err
	}
	return s.Store.StartStocktake(ctx, note)
}

// FinishStocktake closes the round.
func (s *Service) FinishStocktake(ctx context.Context, id int64) error {
	if err := staffOnly(ctx); err != nil {
		return err
	}
	return s.Store.FinishStocktake(ctx, id)
}

// ConfirmSeen records an asset as seen in the open round, at the location
// and with the user confirmed (changed on the spot when they differ).
func (s *Service) ConfirmSeen(ctx context.Context, assetID int64, c hitori.StocktakeConfirm) (*hitori.Stocktake, error) {
	if err := staffOnly(ctx); err != nil {
		return nil, err
	}
	if err := hitori.CheckText("location", c.Location); err != nil {
		return nil, err
	}
	round, err := s.Store.CurrentStocktake(ctx)
	if hitori.ErrorCode(err) == hitori.ENOTFOUND {
		return nil, hitori.KeyError(hitori.ECONFLICT, "asset.error.stocktake_closed")
	}
	if err != nil {
		return nil, err
	}
	if err := s.Store.ConfirmStocktake(ctx, round.ID, assetID, c); err != nil {
		return nil, err
	}
	return s.Store.CurrentStocktake(ctx)
}

// SeenInRound reports whether an asset was seen in the open round; false
// when no round is open.
func (s *Service) SeenInRound(ctx context.Context, round *hitori.Stocktake, assetID int64) (bool, error) {
	if err := staffOnly(ctx); err != nil {
		return false, err
	}
	if round == nil {
		return false, nil
	}
	return s.Store.StocktakeSeen(ctx, round.ID, assetID)
}

// Unseen lists what the round still expects to see.
func (s *Service) Unseen(ctx context.Context, round *hitori.Stocktake, limit int) ([]*hitori.Asset, error) {
	if err := staffOnly(ctx); err != nil {
		return nil, err
	}
	return s.Store.StocktakeUnseen(ctx, round.ID, limit)
}
