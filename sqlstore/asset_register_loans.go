package sqlstore

import (
	"context"
	"database/sql"
	"fmt"

	"hitori"
)

// CheckOutAsset lends an asset to a person until due: status on_loan, the
// person as its user, one check_out history entry. Only an asset in stock
// or in use can be lent; an asset already on loan must come back first.
func (s *Assets) CheckOutAsset(ctx context.Context, id, personID int64, due hitori.Date, note string) error {
	if due == "" || !due.Valid() {
		return hitori.FieldError("loan_due", "asset.error.date")
	}
	if personID == 0 {
		return hitori.FieldError("person_id", "asset.error.loan_person")
	}
	return s.db.write(ctx, func(tx *sql.Tx) error {
		old, err := loadAsset(ctx, tx, id, true)
		if err != nil {
			return err
		}
		if old.Status != hitori.AssetInStock && old.Status != hitori.AssetInUse {
			return hitori.KeyError(hitori.ECONFLICT, "asset.error.not_lendable")
		}
		next := *old
		next.Status, next.PersonID, next.LoanDue = hitori.AssetOnLoan, personID, due
		if err := checkAssetRefs(ctx, tx, &next); err != nil {
			return err
		}
		_, err = updateAsset(ctx, tx, old, &next, s.db.now(), assetActor(ctx), hitori.AssetCheckOut, note)
		return err
	})
}

// CheckInAsset takes a lent asset back into stock (at location, when
// given): no user, no due date, one check_in history entry.
func (s *Assets) CheckInAsset(ctx context.Context, id int64, location, note string) error {
	return s.db.write(ctx, func(tx *sql.Tx) error {
		old, err := loadAsset(ctx, tx, id, true)
		if err != nil {
			return err
		}
		if old.Status != hitori.AssetOnLoan {
			return hitori.KeyError(hitori.ECONFLICT, "asset.error.not_on_loan")
		}
		next := *old
		next.Status, next.PersonID, next.LoanDue = hitori.AssetInStock, 0, ""
		if location != "" {
			next.Location = location
		}
		_, err = updateAsset(ctx, tx, old, &next, s.db.now(), assetActor(ctx), hitori.AssetCheckIn, note)
		return err
	})
}

// OverdueLoans lists assets on loan whose due date is before today,
// longest overdue first.
func (s *Assets) OverdueLoans(ctx context.Context, today hitori.Date) ([]*hitori.Asset, error) {
	rows, err := s.db.r.QueryContext(ctx, `SELECT `+assetColumns+assetFrom+`
		WHERE a.status = $1 AND a.loan_due <> '' AND a.loan_due < $2 ORDER BY a.loan_due, a.id LIMIT 500`,
		string(hitori.AssetOnLoan), string(today))
	if err != nil {
		return nil, fmt.Errorf("sqlstore: overdue loans: %w", err)
	}
	return scanAssets(rows)
}

// scanAssets reads every row of rows (and closes it).
func scanAssets(rows *sql.Rows) ([]*hitori.Asset, error) {
	defer rows.Close()
	out := []*hitori.Asset{}
	for rows.Next() {
		a, err := scanAsset(rows)
		if err != nil {
			return nil, fmt.Errorf("sqlstore: scan asset: %w", err)
		}
		out = append(out, a)
	}
	return out, rows.Err()
}
