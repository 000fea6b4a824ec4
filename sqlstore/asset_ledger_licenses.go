package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"hitori"
)

// license imports one license row inside the import's transaction: the
// license of the same title (the one renewing on the same date first) is
// updated, or a new one created. A key is stored only for an
// administrator or the command line; a technician's import skips it.
func (imp *ledgerImport) license(ctx context.Context, in *hitori.LedgerLicense) error {
	out := hitori.LedgerOutcome{Sheet: in.Sheet, Row: in.Row, Number: in.License.Title}
	err := imp.applyLicense(ctx, in, &out)
	if err := rowError(err, &out); err != nil {
		return err
	}
	switch out.Action {
	case hitori.LedgerCreate:
		imp.res.LicensesCreated++
	case hitori.LedgerUpdate:
		imp.res.LicensesUpdated++
	case hitori.LedgerUnchanged:
		imp.res.LicensesSame++
	}
	imp.res.Licenses = append(imp.res.Licenses, out)
	return nil
}

func (imp *ledgerImport) applyLicense(ctx context.Context, in *hitori.LedgerLicense, out *hitori.LedgerOutcome) error {
	l, key := in.License, strings.TrimSpace(in.Key)
	if key != "" {
		if _, err := licenseWriter(ctx, true); err != nil {
			key = ""
			imp.res.KeysSkipped++
		}
	}
	if _, err := licenseWriter(ctx, false); err != nil {
		return err
	}
	if err := validLicense(l, in.TitleKey, &key); err != nil {
		return err
	}
	old, oldKey, err := imp.matchLicense(ctx, in.TitleKey, l.RenewalOn)
	if err != nil {
		return err
	}
	titleID, err := putTitle(ctx, imp.tx, l, in.TitleKey, imp.titles)
	if err != nil {
		return err
	}
	if old == nil {
		err := imp.tx.QueryRowContext(ctx, `INSERT INTO licenses (title_id, kind, seats, period, renewal_on, cost_yen, vendor,
			notes, license_key, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10) RETURNING id`,
			titleID, string(l.Kind), l.Seats, string(l.Period), string(l.RenewalOn), idArg(l.CostYen), l.Vendor, l.Notes,
			key, imp.now).Scan(&l.ID)
		if err != nil {
			return fmt.Errorf("sqlstore: import license: %w", err)
		}
		out.Action, out.AssetID = hitori.LedgerCreate, l.ID
		return nil
	}
	out.AssetID = old.ID
	if key == "" {
		key = oldKey // a ledger without the key keeps the stored one
	}
	changes := licenseChanges(old, l, oldKey != key)
	if len(changes) == 0 {
		out.Action = hitori.LedgerUnchanged
		return nil
	}
	_, err = imp.tx.ExecContext(ctx, `UPDATE licenses SET kind = $1, seats = $2, period = $3, renewal_on = $4, cost_yen = $5,
		vendor = $6, notes = $7, license_key = $8, updated_at = $9 WHERE id = $10`,
		string(l.Kind), l.Seats, string(l.Period), string(l.RenewalOn), idArg(l.CostYen), l.Vendor, l.Notes, key, imp.now, old.ID)
	if err != nil {
		return fmt.Errorf("sqlstore: import license %d: %w", old.ID, err)
	}
	out.Action, out.Changes = hitori.LedgerUpdate, changes
	return nil
}

// matchLicense finds the license of a title an imported row means, with
// its key: of several, the one renewing on the same date, then the oldest.
func (imp *ledgerImport) matchLicense(ctx context.Context, titleKey string, renewal hitori.Date) (*hitori.License, string, error) {
	l, err := scanLicense(imp.tx.QueryRowContext(ctx, `SELECT `+licenseColumns+licenseFrom+` WHERE t.title_key = $1
		ORDER BY CASE WHEN l.renewal_on = $2 THEN 0 ELSE 1 END, l.id LIMIT 1`, titleKey, string(renewal)))
	if err == sql.ErrNoRows {
		return nil, "", nil
	}
	if err != nil {
		return nil, "", fmt.Errorf("sqlstore: match license: %w", err)
	}
	var key string
	if err := imp.tx.QueryRowContext(ctx, `SELECT license_key FROM licenses WHERE id = $1`, l.ID).Scan(&key); err != nil {
		return nil, "", fmt.Errorf("sqlstore: match license: %w", err)
	}
	return l, key, nil
}

// licenseChanges lists what an import changes on a license (the key only
// as "changed", never its value).
func licenseChanges(old, l *hitori.License, keyChanged bool) []hitori.FieldChange {
	cost := func(p *int64) string {
		if p == nil {
			return ""
		}
		return fmt.Sprint(*p)
	}
	var out []hitori.FieldChange
	for _, f := range []struct{ name, o, n string }{
		{"title", old.Title, l.Title}, {"publisher", old.Publisher, l.Publisher}, {"kind", string(old.Kind), string(l.Kind)},
		{"seats", fmt.Sprint(old.Seats), fmt.Sprint(l.Seats)}, {"period", string(old.Period), string(l.Period)},
		{"renewal_on", string(old.RenewalOn), string(l.RenewalOn)}, {"cost_yen", cost(old.CostYen), cost(l.CostYen)},
		{"vendor", old.Vendor, l.Vendor}, {"notes", old.Notes, l.Notes},
	} {
		if f.o != f.n && !(f.name == "publisher" && f.n == "") {
			out = append(out, hitori.FieldChange{Field: f.name, Old: f.o, New: f.n})
		}
	}
	if keyChanged {
		out = append(out, hitori.FieldChange{Field: "license_key", Old: "…", New: "…"})
	}
	return out
}
