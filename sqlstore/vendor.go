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

const vendorColumns = `v.id, v.name, v.handles, v.phone, v.email, v.portal, v.customer_no, v.escalation, v.how_to_open,
	v.notes, v.created_at, v.updated_at,
	(SELECT COUNT(*) FROM systems s WHERE s.vendor_id = v.id),
	(SELECT COUNT(*) FROM contracts c WHERE c.vendor_id = v.id)`

func scanVendor(row scanner) (*hitori.Vendor, error) {
	v := &hitori.Vendor{}
	if err := row.Scan(&v.ID, &v.Name, &v.Handles, &v.Phone, &v.Email, &v.Portal, &v.CustomerNo, &v.Escalation,
		&v.HowToOpen, &v.Notes, &v.CreatedAt, &v.UpdatedAt, &v.Systems, &v.Contracts); err != nil {
		return nil, err
	}
	v.CreatedAt, v.UpdatedAt = v.CreatedAt.UTC(), v.UpdatedAt.UTC()
	return v, nil
}

var vendorOrder = map[string]string{
	"":        "LOWER(v.name) %s, v.id",
	"name":    "LOWER(v.name) %s, v.id",
	"updated": "v.updated_at %s, v.id",
}

// FindVendors returns one page of vendors matching f and how many match.
func (h *Handover) FindVendors(ctx context.Context, f hitori.VendorFilter) ([]*hitori.Vendor, int, error) {
	if _, err := staffActor(ctx); err != nil {
		return nil, 0, err
	}
	order, ok := vendorOrder[f.Sort]
	if !ok {
		return nil, 0, hitori.FieldError("sort", "handover.error.sort")
	}
	w := &sqlWhere{}
	if q := strings.TrimSpace(f.Query); q != "" {
		n := w.arg("%" + escapeLike(strings.ToLower(q)) + "%")
		w.add(fmt.Sprintf(`(LOWER(v.name) LIKE %s ESCAPE '\' OR LOWER(v.handles) LIKE %[1]s ESCAPE '\' OR LOWER(v.customer_no) LIKE %[1]s ESCAPE '\')`, n))
	}
	var total int
	if err := h.db.r.QueryRowContext(ctx, `SELECT COUNT(*) FROM vendors v`+w.sql(), w.args...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("sqlstore: count vendors: %w", err)
	}
	q := `SELECT ` + vendorColumns + ` FROM vendors v` + w.sql() + ` ORDER BY ` + fmt.Sprintf(order, sortDir(f.Desc)) + w.page(f.Offset, f.Limit)
	var out []*hitori.Vendor
	err := h.eachRow(ctx, q, w.args, func(rows *sql.Rows) error {
		v, err := scanVendor(rows)
		out = append(out, v)
		return err
	})
	if err != nil {
		return nil, 0, fmt.Errorf("sqlstore: find vendors: %w", err)
	}
	return out, total, nil
}

// FindVendor returns one vendor with its contacts.
func (h *Handover) FindVendor(ctx context.Context, id int64) (*hitori.Vendor, error) {
	if _, err := staffActor(ctx); err != nil {
		return nil, err
	}
	v, err := scanVendor(h.db.r.QueryRowContext(ctx, `SELECT `+vendorColumns+` FROM vendors v WHERE v.id = $1`, id))
	if err != nil {
		return nil, notFound(err, "vendor")
	}
	err = h.eachRow(ctx, `SELECT name, role, phone, email FROM vendor_contacts WHERE vendor_id = $1 ORDER BY position`,
		[]any{id}, func(rows *sql.Rows) error {
			var c hitori.VendorContact
			if err := rows.Scan(&c.Name, &c.Role, &c.Phone, &c.Email); err != nil {
				return err
			}
			v.Contacts = append(v.Contacts, c)
			return nil
		})
	if err != nil {
		return nil, fmt.Errorf("sqlstore: vendor contacts: %w", err)
	}
	return v, nil
}

func vendorTarget(id int64) string {
	return hitori.AuditCode(hitori.TargetVendor, strconv.FormatInt(id, 10))
}

// CreateVendor stores a new vendor and its contacts.
func (h *Handover) CreateVendor(ctx context.Context, v *hitori.Vendor) error {
	if err := validated(ctx, v); err != nil {
		return err
	}
	return h.change(ctx, hitori.AuditVendorCreate, func(tx *sql.Tx, now time.Time) (string, string, error) {
		err := tx.QueryRowContext(ctx, `INSERT INTO vendors (name, handles, phone, email, portal, customer_no, escalation,
			how_to_open, notes, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10) RETURNING id`,
			v.Name, v.Handles, v.Phone, v.Email, v.Portal, v.CustomerNo, v.Escalation, v.HowToOpen, v.Notes, now).Scan(&v.ID)
		if err != nil {
			return "", "", fmt.Errorf("sqlstore: create vendor: %w", err)
		}
		v.CreatedAt, v.UpdatedAt = now, now
		return vendorTarget(v.ID), v.Name, writeContacts(ctx, tx, v)
	})
}

// UpdateVendor replaces a vendor's fields and contacts.
func (h *Handover) UpdateVendor(ctx context.Context, v *hitori.Vendor) error {
	if err := validated(ctx, v); err != nil {
		return err
	}
	return h.change(ctx, hitori.AuditVendorUpdate, func(tx *sql.Tx, now time.Time) (string, string, error) {
		err := updateOne(ctx, tx, "vendor", `UPDATE vendors SET name = $1, handles = $2, phone = $3, email = $4, portal = $5,
			customer_no = $6, escalation = $7, how_to_open = $8, notes = $9, updated_at = $10 WHERE id = $11`,
			v.Name, v.Handles, v.Phone, v.Email, v.Portal, v.CustomerNo, v.Escalation, v.HowToOpen, v.Notes, now, v.ID)
		if err != nil {
			return "", "", err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM vendor_contacts WHERE vendor_id = $1`, v.ID); err != nil {
			return "", "", fmt.Errorf("sqlstore: update vendor %d: %w", v.ID, err)
		}
		v.UpdatedAt = now
		return vendorTarget(v.ID), v.Name, writeContacts(ctx, tx, v)
	})
}

func writeContacts(ctx context.Context, tx *sql.Tx, v *hitori.Vendor) error {
	for i, c := range v.Contacts {
		if _, err := tx.ExecContext(ctx, `INSERT INTO vendor_contacts (vendor_id, position, name, role, phone, email)
			VALUES ($1, $2, $3, $4, $5, $6)`, v.ID, i, c.Name, c.Role, c.Phone, c.Email); err != nil {
			return fmt.Errorf("sqlstore: vendor contact: %w", err)
		}
	}
	return nil
}

// DeleteVendor removes a vendor; ECONFLICT while a contract names it.
// Systems it supported keep no vendor.
func (h *Handover) DeleteVendor(ctx context.Context, id int64) error {
	return h.change(ctx, hitori.AuditVendorDelete, func(tx *sql.Tx, _ time.Time) (string, string, error) {
		var contracts int
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM contracts WHERE vendor_id = $1`, id).Scan(&contracts); err != nil {
			return "", "", fmt.Errorf("sqlstore: vendor contracts: %w", err)
		}
		if contracts > 0 {
			return "", "", hitori.KeyError(hitori.ECONFLICT, "handover.error.vendor_has_contracts")
		}
		name, err := deleteNamed(ctx, tx, "vendor", `SELECT name FROM vendors WHERE id = $1`, id, `DELETE FROM vendors WHERE id = $1`)
		return vendorTarget(id), name, err
	})
}
