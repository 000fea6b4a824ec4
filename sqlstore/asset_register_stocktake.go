package sqlstore

import (
	"context"
	"database/sql"
	"fmt"

	"hitori"
)

// Physical inventory (棚卸し): a round is open until finished; every asset
// not retired is expected, and each is seen once per round.

// stocktakeExpected is the condition on assets a round expects to see.
const stocktakeExpected = `a.status <> 'retired'`

// StartStocktake opens a round; only one may be open at a time.
func (s *Assets) StartStocktake(ctx context.Context, note string) (*hitori.Stocktake, error) {
	if err := hitori.CheckText("note", note); err != nil {
		return nil, err
	}
	st := &hitori.Stocktake{StartedAt: s.db.now(), StartedBy: assetActor(ctx), Note: note}
	err := s.db.write(ctx, func(tx *sql.Tx) error {
		var open int
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM stocktakes WHERE finished_at IS NULL`).Scan(&open); err != nil {
			return fmt.Errorf("sqlstore: start stocktake: %w", err)
		}
		if open > 0 {
			return hitori.KeyError(hitori.ECONFLICT, "asset.error.stocktake_open")
		}
		err := tx.QueryRowContext(ctx, `INSERT INTO stocktakes (started_at, started_by, note) VALUES ($1, $2, $3) RETURNING id`,
			st.StartedAt, zeroNull(st.StartedBy), note).Scan(&st.ID)
		if isUniqueViolation(err) { // another process opened one meanwhile
			return hitori.KeyError(hitori.ECONFLICT, "asset.error.stocktake_open")
		}
		if err != nil {
			return fmt.Errorf("sqlstore: start stocktake: %w", err)
		}
		return stocktakeCounts(ctx, tx, st)
	})
	return st, err
}

// stocktakeCounts fills Seen and Total of a round.
func stocktakeCounts(ctx context.Context, q querier, st *hitori.Stocktake) error {
	err := q.QueryRowContext(ctx, `SELECT
		(SELECT COUNT(*) FROM stocktake_seen k JOIN assets a ON a.id = k.asset_id WHERE k.stocktake_id = $1 AND `+stocktakeExpected+`),
		(SELECT COUNT(*) FROM assets a WHERE `+stocktakeExpected+`)`, st.ID).Scan(&st.Seen, &st.Total)
	if err != nil {
		return fmt.Errorf("sqlstore: stocktake progress: %w", err)
	}
	return nil
}

// CurrentStocktake returns the open round with its progress, or ENOTFOUND.
func (s *Assets) CurrentStocktake(ctx context.Context) (*hitori.Stocktake, error) {
	st := &hitori.Stocktake{}
	var by sql.NullInt64
	err := s.db.r.QueryRowContext(ctx, `SELECT id, started_at, started_by, note FROM stocktakes WHERE finished_at IS NULL`).
		Scan(&st.ID, &st.StartedAt, &by, &st.Note)
	if err != nil {
		return nil, notFound(err, "stocktake")
	}
	st.StartedAt, st.StartedBy = st.StartedAt.UTC(), by.Int64
	return st, stocktakeCounts(ctx, s.db.r, st)
}

// FinishStocktake closes an open round.
func (s *Assets) FinishStocktake(ctx context.Context, id int64) error {
	return s.db.write(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE stocktakes SET finished_at = $1 WHERE id = $2 AND finished_at IS NULL`, s.db.now(), id)
		if err != nil {
			return fmt.Errorf("sqlstore: finish stocktake: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return notFound(sql.ErrNoRows, "stocktake")
		}
		return nil
	})
}

// ConfirmStocktake records that an asset was seen in the open round roundID
// where c says, with its user: location or user changed on the spot are
// written with the one stocktake history entry.
func (s *Assets) ConfirmStocktake(ctx context.Context, roundID, assetID int64, c hitori.StocktakeConfirm) error {
	return s.db.write(ctx, func(tx *sql.Tx) error {
		var open int
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM stocktakes WHERE id = $1 AND finished_at IS NULL`, roundID).Scan(&open); err != nil {
			return fmt.Errorf("sqlstore: confirm stocktake: %w", err)
		}
		if open == 0 {
			return hitori.KeyError(hitori.ECONFLICT, "asset.error.stocktake_closed")
		}
		old, err := loadAsset(ctx, tx, assetID, true)
		if err != nil {
			return err
		}
		next := *old
		next.Location, next.PersonID = c.Location, c.PersonID
		if err := checkAssetRefs(ctx, tx, &next); err != nil {
			return err
		}
		now, actor := s.db.now(), assetActor(ctx)
		changes, err := updateAsset(ctx, tx, old, &next, now, actor, hitori.AssetStocktake, "")
		if err != nil {
			return err
		}
		if changes == nil { // nothing changed: the sighting is still history
			if err := addAssetEvent(ctx, tx, &hitori.AssetEvent{AssetID: assetID, At: now, ActorID: actor, Kind: hitori.AssetStocktake}); err != nil {
				return err
			}
		}
		_, err = tx.ExecContext(ctx, `INSERT INTO stocktake_seen (stocktake_id, asset_id, at, actor_id) VALUES ($1, $2, $3, $4)
			ON CONFLICT (stocktake_id, asset_id) DO NOTHING`, roundID, assetID, now, zeroNull(actor))
		if err != nil {
			return fmt.Errorf("sqlstore: confirm stocktake: %w", err)
		}
		return nil
	})
}

// StocktakeSeen reports whether an asset was already seen in a round.
func (s *Assets) StocktakeSeen(ctx context.Context, roundID, assetID int64) (bool, error) {
	var n int
	err := s.db.r.QueryRowContext(ctx, `SELECT COUNT(*) FROM stocktake_seen WHERE stocktake_id = $1 AND asset_id = $2`, roundID, assetID).Scan(&n)
	if err != nil {
		return false, fmt.Errorf("sqlstore: stocktake seen: %w", err)
	}
	return n > 0, nil
}

// StocktakeUnseen lists the assets a round still expects, by location then
// number (the order someone walks the office in).
func (s *Assets) StocktakeUnseen(ctx context.Context, roundID int64, limit int) ([]*hitori.Asset, error) {
	_, limit = hitori.Page(0, limit, 200, 1000)
	rows, err := s.db.r.QueryContext(ctx, `SELECT `+assetColumns+assetFrom+` WHERE `+stocktakeExpected+`
		AND NOT EXISTS (SELECT 1 FROM stocktake_seen k WHERE k.stocktake_id = $1 AND k.asset_id = a.id)
		ORDER BY a.location, (a.number IS NULL), a.number, a.id LIMIT $2`, roundID, limit)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: stocktake unseen: %w", err)
	}
	return scanAssets(rows)
}
