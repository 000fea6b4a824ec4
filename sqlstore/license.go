package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"
	"time"

	"hitori"
)

var _ hitori.LicenseStore = (*Assets)(nil)

// licenseColumns is what scanLicense reads, in order. The title's seats
// and installations are counted per title, so every license of a title
// shows the title's compliance.
const licenseColumns = `l.id, l.title_id, t.name, t.publisher, t.title_key, l.kind, l.seats, l.period, l.renewal_on,
	l.cost_yen, l.vendor, l.notes, l.license_key <> '', l.created_at, l.updated_at,
	(SELECT COALESCE(SUM(o.seats), 0) FROM licenses o WHERE o.title_id = l.title_id),
	(SELECT COUNT(*) FROM licenses o WHERE o.title_id = l.title_id),
	COALESCE((SELECT c.assets FROM software_title_installs c WHERE c.title_key = t.title_key), 0)`

const licenseFrom = ` FROM licenses l JOIN software_titles t ON t.id = l.title_id`

func scanLicense(row scanner) (*hitori.License, error) {
	l := &hitori.License{}
	var kind, period, renewal string
	var cost sql.NullInt64
	var seats, n, installed int64
	if err := row.Scan(&l.ID, &l.TitleID, &l.Title, &l.Publisher, &l.TitleKey, &kind, &l.Seats, &period, &renewal,
		&cost, &l.Vendor, &l.Notes, &l.HasKey, &l.CreatedAt, &l.UpdatedAt, &seats, &n, &installed); err != nil {
		return nil, err
	}
	l.Kind, l.Period, l.RenewalOn = hitori.LicenseKind(kind), hitori.LicensePeriod(period), hitori.Date(renewal)
	if cost.Valid {
		l.CostYen = &cost.Int64
	}
	l.TitleSeats, l.TitleLicenses, l.Installed = int(seats), int(n), int(installed)
	l.CreatedAt, l.UpdatedAt = l.CreatedAt.UTC(), l.UpdatedAt.UTC()
	return l, nil
}

// licenseOrder maps LicenseFilter.Sort onto SQL; licenses without a
// renewal date sort after those with one either way.
var licenseOrder = map[string]string{
	"":          "LOWER(t.name) %s, l.id",
	"title":     "LOWER(t.name) %s, l.id",
	"renewal":   "CASE WHEN l.renewal_on = '' THEN 1 ELSE 0 END, l.renewal_on %s, l.id",
	"installed": "18 %s, l.id", // the installation count, by its position in licenseColumns
	"seats":     "l.seats %s, l.id",
	"updated":   "l.updated_at %s, l.id",
}

// FindLicenses returns one page of licenses matching f, and how many match.
func (s *Assets) FindLicenses(ctx context.Context, f hitori.LicenseFilter) ([]*hitori.License, int, error) {
	if _, err := staffActor(ctx); err != nil {
		return nil, 0, err
	}
	order, ok := licenseOrder[f.Sort]
	if !ok {
		return nil, 0, hitori.FieldError("sort", "license.error.sort")
	}
	dir := "ASC"
	if f.Desc {
		dir = "DESC"
	}
	if f.Limit <= 0 || f.Limit > 500 {
		f.Limit = 50
	}
	where, args := "", []any{}
	if q := strings.TrimSpace(f.Query); q != "" {
		args = append(args, "%"+escapeLike(strings.ToLower(q))+"%")
		where = ` WHERE LOWER(t.name) LIKE $1 ESCAPE '\' OR LOWER(t.publisher) LIKE $1 ESCAPE '\' OR LOWER(l.vendor) LIKE $1 ESCAPE '\' OR t.title_key LIKE $1 ESCAPE '\'`
	}
	var total int
	if err := s.db.r.QueryRowContext(ctx, `SELECT COUNT(*)`+licenseFrom+where, args...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("sqlstore: count licenses: %w", err)
	}
	n := len(args)
	q := `SELECT ` + licenseColumns + licenseFrom + where + ` ORDER BY ` + fmt.Sprintf(order, dir) +
		fmt.Sprintf(` LIMIT $%d OFFSET $%d`, n+1, n+2)
	rows, err := s.db.r.QueryContext(ctx, q, append(args, f.Limit, max(f.Offset, 0))...)
	if err != nil {
		return nil, 0, fmt.Errorf("sqlstore: find licenses: %w", err)
	}
	defer rows.Close()
	var out []*hitori.License
	for rows.Next() {
		l, err := scanLicense(rows)
		if err != nil {
			return nil, 0, err
		}
		out = append(out, l)
	}
	return out, total, rows.Err()
}

// FindLicense returns one license.
func (s *Assets) FindLicense(ctx context.Context, id int64) (*hitori.License, error) {
	if _, err := staffActor(ctx); err != nil {
		return nil, err
	}
	l, err := scanLicense(s.db.r.QueryRowContext(ctx, `SELECT `+licenseColumns+licenseFrom+` WHERE l.id = $1`, id))
	if err != nil {
		return nil, notFound(err, "license")
	}
	return l, nil
}

// licenseWriter checks who may write a license: staff, and an
// administrator when a key is set.
func licenseWriter(ctx context.Context, settingKey bool) (*hitori.User, error) {
	u, err := staffActor(ctx)
	if err != nil {
		return nil, err
	}
	if settingKey && u != nil && u.Role != hitori.RoleAdmin {
		return nil, hitori.FieldError("license_key", "license.error.key_admin")
	}
	return u, nil
}

// validLicense checks l and the key and title key that come with it.
func validLicense(l *hitori.License, titleKey string, key *string) error {
	if err := l.Validate(); err != nil {
		return err
	}
	if titleKey == "" || len(titleKey) > 4*hitori.LicenseTextMax {
		return hitori.FieldError("title", "license.error.title_required")
	}
	if key != nil && (len(*key) > hitori.LicenseKeyMax || strings.ContainsRune(*key, 0)) {
		return hitori.FieldError("license_key", "license.error.too_long")
	}
	return nil
}

// CreateLicense stores a new license under its title.
func (s *Assets) CreateLicense(ctx context.Context, l *hitori.License, titleKey, key string) error {
	key = strings.TrimSpace(key)
	if _, err := licenseWriter(ctx, key != ""); err != nil {
		return err
	}
	if err := validLicense(l, titleKey, &key); err != nil {
		return err
	}
	now := s.db.now()
	return s.db.write(ctx, func(tx *sql.Tx) error {
		titleID, err := putTitle(ctx, tx, l, titleKey, newTitleCounter(s.db.Dialect))
		if err != nil {
			return err
		}
		err = tx.QueryRowContext(ctx, `INSERT INTO licenses (title_id, kind, seats, period, renewal_on, cost_yen, vendor,
			notes, license_key, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10) RETURNING id`,
			titleID, string(l.Kind), l.Seats, string(l.Period), string(l.RenewalOn), idArg(l.CostYen), l.Vendor, l.Notes,
			key, now).Scan(&l.ID)
		if err != nil {
			return fmt.Errorf("sqlstore: create license: %w", err)
		}
		l.TitleID, l.TitleKey, l.HasKey, l.CreatedAt, l.UpdatedAt = titleID, titleKey, key != "", now, now
		return nil
	})
}

// putTitle finds or creates the title of l by its key; the name and
// publisher as last written win, a blank publisher keeps the stored one.
// Its installations are counted from then on (titleCounter).
func putTitle(ctx context.Context, tx *sql.Tx, l *hitori.License, titleKey string, counter *titleCounter) (int64, error) {
	var id int64
	err := tx.QueryRowContext(ctx, `INSERT INTO software_titles (name, publisher, title_key) VALUES ($1, $2, $3)
		ON CONFLICT (title_key) DO UPDATE SET name = excluded.name,
			publisher = CASE WHEN excluded.publisher <> '' THEN excluded.publisher ELSE software_titles.publisher END
		RETURNING id`, l.Title, l.Publisher, titleKey).Scan(&id)
	if err != nil {
		return 0, fmt.Errorf("sqlstore: software title: %w", err)
	}
	return id, counter.countTitle(ctx, tx, titleKey)
}

// dropOrphanTitle deletes a title no license refers to any more.
func dropOrphanTitle(ctx context.Context, tx *sql.Tx, titleID int64) error {
	_, err := tx.ExecContext(ctx, `DELETE FROM software_titles WHERE id = $1
		AND NOT EXISTS (SELECT 1 FROM licenses WHERE title_id = $1)`, titleID)
	return err
}

// UpdateLicense changes a license; key nil keeps the stored key.
func (s *Assets) UpdateLicense(ctx context.Context, l *hitori.License, titleKey string, key *string) error {
	if key != nil {
		k := strings.TrimSpace(*key)
		key = &k
	}
	if _, err := licenseWriter(ctx, key != nil); err != nil {
		return err
	}
	if err := validLicense(l, titleKey, key); err != nil {
		return err
	}
	now := s.db.now()
	return s.db.write(ctx, func(tx *sql.Tx) error {
		var oldTitle int64
		if err := tx.QueryRowContext(ctx, `SELECT title_id FROM licenses WHERE id = $1`, l.ID).Scan(&oldTitle); err != nil {
			return notFound(err, "license")
		}
		titleID, err := putTitle(ctx, tx, l, titleKey, newTitleCounter(s.db.Dialect))
		if err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `UPDATE licenses SET title_id = $1, kind = $2, seats = $3, period = $4, renewal_on = $5,
			cost_yen = $6, vendor = $7, notes = $8, updated_at = $9 WHERE id = $10`,
			titleID, string(l.Kind), l.Seats, string(l.Period), string(l.RenewalOn), idArg(l.CostYen), l.Vendor, l.Notes, now, l.ID)
		if err != nil {
			return fmt.Errorf("sqlstore: update license %d: %w", l.ID, err)
		}
		if key != nil {
			if _, err := tx.ExecContext(ctx, `UPDATE licenses SET license_key = $1 WHERE id = $2`, *key, l.ID); err != nil {
				return fmt.Errorf("sqlstore: license key %d: %w", l.ID, err)
			}
		}
		if oldTitle != titleID {
			if err := dropOrphanTitle(ctx, tx, oldTitle); err != nil {
				return fmt.Errorf("sqlstore: drop title %d: %w", oldTitle, err)
			}
		}
		l.TitleID, l.TitleKey, l.UpdatedAt = titleID, titleKey, now
		return nil
	})
}

// DeleteLicense removes a license, its title when it was the last, and
// the alerts remembered for it; the deletion is audited.
func (s *Assets) DeleteLicense(ctx context.Context, id int64) error {
	u, err := licenseWriter(ctx, false)
	if err != nil {
		return err
	}
	return s.db.write(ctx, func(tx *sql.Tx) error {
		var titleID int64
		var name string
		err := tx.QueryRowContext(ctx, `SELECT l.title_id, t.name`+licenseFrom+` WHERE l.id = $1`, id).Scan(&titleID, &name)
		if err != nil {
			return notFound(err, "license")
		}
		for _, q := range []string{`DELETE FROM licenses WHERE id = $1`, `DELETE FROM asset_alerts WHERE kind = 'renewal' AND ref_id = $1`} {
			if _, err := tx.ExecContext(ctx, q, id); err != nil {
				return fmt.Errorf("sqlstore: delete license %d: %w", id, err)
			}
		}
		if err := dropOrphanTitle(ctx, tx, titleID); err != nil {
			return fmt.Errorf("sqlstore: drop title %d: %w", titleID, err)
		}
		return auditTx(ctx, tx, s.db.now(), u, hitori.AuditLicenseDelete, licenseTarget(id), "", name)
	})
}

// LicenseKey returns a license's key to an administrator and records that
// they saw it, in one transaction: no key is shown unaudited.
func (s *Assets) LicenseKey(ctx context.Context, id int64, ip string) (string, error) {
	u, err := staffActor(ctx)
	if err != nil {
		return "", err
	}
	if u != nil && u.Role != hitori.RoleAdmin {
		return "", hitori.KeyError(hitori.EFORBIDDEN, "error.forbidden")
	}
	var key string
	err = s.db.write(ctx, func(tx *sql.Tx) error {
		var name string
		err := tx.QueryRowContext(ctx, `SELECT l.license_key, t.name`+licenseFrom+` WHERE l.id = $1`, id).Scan(&key, &name)
		if err != nil {
			return notFound(err, "license")
		}
		return auditTx(ctx, tx, s.db.now(), u, hitori.AuditLicenseKey, licenseTarget(id), ip, name)
	})
	return key, err
}

// auditTx appends an audit event inside the caller's transaction.
func auditTx(ctx context.Context, tx *sql.Tx, now time.Time, u *hitori.User, action, target, ip, detail string) error {
	var id *int64
	email := hitori.ActorCLI
	if u != nil {
		id, email = &u.ID, u.Email
	}
	_, err := tx.ExecContext(ctx, `INSERT INTO audit_events (at, actor_id, actor_email, action, target, ip, detail)
		VALUES ($1, $2, $3, $4, $5, $6, $7)`, now, id, truncate(email, 254), action, target, truncate(ip, 64), truncate(detail, 2000))
	if err != nil {
		return fmt.Errorf("sqlstore: audit %s: %w", action, err)
	}
	return nil
}

// licenseTarget names a license in the audit log.
func licenseTarget(id int64) string {
	return hitori.AuditCode(hitori.TargetLicense, strconv.FormatInt(id, 10))
}
