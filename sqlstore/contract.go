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

const contractColumns = `c.id, c.vendor_id, c.title, c.number, c.starts_on, c.ends_on, c.auto_renew, c.notice, c.notice_unit,
	c.monthly_yen, c.annual_yen, c.notes, c.created_at, c.updated_at, v.name`

const contractFrom = ` FROM contracts c JOIN vendors v ON v.id = c.vendor_id`

func scanContract(row scanner) (*hitori.Contract, error) {
	c := &hitori.Contract{}
	var starts, ends, unit string
	var monthly, annual sql.NullInt64
	if err := row.Scan(&c.ID, &c.VendorID, &c.Title, &c.Number, &starts, &ends, &c.AutoRenew, &c.Notice, &unit,
		&monthly, &annual, &c.Notes, &c.CreatedAt, &c.UpdatedAt, &c.Vendor); err != nil {
		return nil, err
	}
	c.StartsOn, c.EndsOn, c.NoticeUnit = hitori.Date(starts), hitori.Date(ends), hitori.NoticeUnit(unit)
	c.MonthlyYen, c.AnnualYen = nullID(monthly), nullID(annual)
	c.CreatedAt, c.UpdatedAt = c.CreatedAt.UTC(), c.UpdatedAt.UTC()
	return c, nil
}

// Contracts without a date sort after those with one either way.
var contractOrder = map[string]string{
	"":         "CASE WHEN c.decision_on = '' THEN 1 ELSE 0 END, c.decision_on %s, c.id",
	"decision": "CASE WHEN c.decision_on = '' THEN 1 ELSE 0 END, c.decision_on %s, c.id",
	"end":      "CASE WHEN c.ends_on = '' THEN 1 ELSE 0 END, c.ends_on %s, c.id",
	"title":    "LOWER(c.title) %s, c.id",
	"vendor":   "LOWER(v.name) %s, LOWER(c.title), c.id",
	"updated":  "c.updated_at %s, c.id",
}

// FindContracts returns one page of contracts matching f and how many match.
func (h *Handover) FindContracts(ctx context.Context, f hitori.ContractFilter) ([]*hitori.Contract, int, error) {
	if _, err := staffActor(ctx); err != nil {
		return nil, 0, err
	}
	order, ok := contractOrder[f.Sort]
	if !ok {
		return nil, 0, hitori.FieldError("sort", "handover.error.sort")
	}
	w := &sqlWhere{}
	if q := strings.TrimSpace(f.Query); q != "" {
		n := w.arg("%" + escapeLike(strings.ToLower(q)) + "%")
		w.add(fmt.Sprintf(`(LOWER(c.title) LIKE %s ESCAPE '\' OR LOWER(c.number) LIKE %[1]s ESCAPE '\' OR LOWER(v.name) LIKE %[1]s ESCAPE '\')`, n))
	}
	if f.VendorID != 0 {
		w.add("c.vendor_id = " + w.arg(f.VendorID))
	}
	if f.SystemID != 0 {
		w.add("c.id IN (SELECT contract_id FROM contract_systems WHERE system_id = " + w.arg(f.SystemID) + ")")
	}
	var total int
	if err := h.db.r.QueryRowContext(ctx, `SELECT COUNT(*)`+contractFrom+w.sql(), w.args...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("sqlstore: count contracts: %w", err)
	}
	q := `SELECT ` + contractColumns + contractFrom + w.sql() + ` ORDER BY ` + fmt.Sprintf(order, sortDir(f.Desc)) + w.page(f.Offset, f.Limit)
	var out []*hitori.Contract
	err := h.eachRow(ctx, q, w.args, func(rows *sql.Rows) error {
		c, err := scanContract(rows)
		out = append(out, c)
		return err
	})
	if err != nil {
		return nil, 0, fmt.Errorf("sqlstore: find contracts: %w", err)
	}
	return out, total, h.contractSystems(ctx, out)
}

// contractSystems fills the systems each contract covers.
func (h *Handover) contractSystems(ctx context.Context, list []*hitori.Contract) error {
	if len(list) == 0 {
		return nil
	}
	byID := map[int64]*hitori.Contract{}
	ids := make([]any, len(list))
	for i, c := range list {
		byID[c.ID], ids[i] = c, c.ID
		c.SystemIDs, c.Systems = nil, nil
	}
	err := h.eachRow(ctx, `SELECT cs.contract_id, s.id, s.name FROM contract_systems cs JOIN systems s ON s.id = cs.system_id
		WHERE cs.contract_id IN (`+placeholders(1, len(ids))+`) ORDER BY cs.contract_id, cs.position, s.id`, ids,
		func(rows *sql.Rows) error {
			var cid, sid int64
			var name string
			if err := rows.Scan(&cid, &sid, &name); err != nil {
				return err
			}
			c := byID[cid]
			c.SystemIDs, c.Systems = append(c.SystemIDs, sid), append(c.Systems, name)
			return nil
		})
	if err != nil {
		return fmt.Errorf("sqlstore: contract systems: %w", err)
	}
	return nil
}

// FindContract returns one contract with its systems and files.
func (h *Handover) FindContract(ctx context.Context, id int64) (*hitori.Contract, error) {
	if _, err := staffActor(ctx); err != nil {
		return nil, err
	}
	c, err := scanContract(h.db.r.QueryRowContext(ctx, `SELECT `+contractColumns+contractFrom+` WHERE c.id = $1`, id))
	if err != nil {
		return nil, notFound(err, "contract")
	}
	if err := h.contractSystems(ctx, []*hitori.Contract{c}); err != nil {
		return nil, err
	}
	c.Files, err = h.contractFiles(ctx, id)
	return c, err
}

func contractTarget(id int64) string {
	return hitori.AuditCode(hitori.TargetContract, strconv.FormatInt(id, 10))
}

// CreateContract stores a new contract and the systems it covers.
func (h *Handover) CreateContract(ctx context.Context, c *hitori.Contract) error {
	if err := validated(ctx, c); err != nil {
		return err
	}
	return h.change(ctx, hitori.AuditContractCreate, func(tx *sql.Tx, now time.Time) (string, string, error) {
		err := tx.QueryRowContext(ctx, `INSERT INTO contracts (vendor_id, title, number, starts_on, ends_on, auto_renew, notice,
			notice_unit, decision_on, monthly_yen, annual_yen, notes, created_at, updated_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $13) RETURNING id`,
			c.VendorID, c.Title, c.Number, string(c.StartsOn), string(c.EndsOn), c.AutoRenew, c.Notice, string(c.NoticeUnit),
			string(c.DecisionOn()), idArg(c.MonthlyYen), idArg(c.AnnualYen), c.Notes, now).Scan(&c.ID)
		if err != nil {
			return "", "", refError(err, "sqlstore: create contract")
		}
		c.CreatedAt, c.UpdatedAt = now, now
		return contractTarget(c.ID), c.Title, writeContractSystems(ctx, tx, c)
	})
}

// UpdateContract replaces a contract's fields and covered systems.
func (h *Handover) UpdateContract(ctx context.Context, c *hitori.Contract) error {
	if err := validated(ctx, c); err != nil {
		return err
	}
	return h.change(ctx, hitori.AuditContractUpdate, func(tx *sql.Tx, now time.Time) (string, string, error) {
		err := updateOne(ctx, tx, "contract", `UPDATE contracts SET vendor_id = $1, title = $2, number = $3, starts_on = $4,
			ends_on = $5, auto_renew = $6, notice = $7, notice_unit = $8, decision_on = $9, monthly_yen = $10,
			annual_yen = $11, notes = $12, updated_at = $13 WHERE id = $14`,
			c.VendorID, c.Title, c.Number, string(c.StartsOn), string(c.EndsOn), c.AutoRenew, c.Notice, string(c.NoticeUnit),
			string(c.DecisionOn()), idArg(c.MonthlyYen), idArg(c.AnnualYen), c.Notes, now, c.ID)
		if err != nil {
			return "", "", err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM contract_systems WHERE contract_id = $1`, c.ID); err != nil {
			return "", "", fmt.Errorf("sqlstore: update contract %d: %w", c.ID, err)
		}
		c.UpdatedAt = now
		return contractTarget(c.ID), c.Title, writeContractSystems(ctx, tx, c)
	})
}

func writeContractSystems(ctx context.Context, tx *sql.Tx, c *hitori.Contract) error {
	for i, sid := range c.SystemIDs {
		if _, err := tx.ExecContext(ctx, `INSERT INTO contract_systems (contract_id, system_id, position) VALUES ($1, $2, $3)`,
			c.ID, sid, i); err != nil {
			return refError(err, "sqlstore: contract system")
		}
	}
	return nil
}

// DeleteContract removes a contract, its coverage, its file records and
// the alerts remembered for it. The documents stay in the blob store,
// which is write-once and shared by content.
func (h *Handover) DeleteContract(ctx context.Context, id int64) error {
	return h.change(ctx, hitori.AuditContractDelete, func(tx *sql.Tx, _ time.Time) (string, string, error) {
		title, err := deleteNamed(ctx, tx, "contract", `SELECT title FROM contracts WHERE id = $1`, id,
			`DELETE FROM contracts WHERE id = $1`, `DELETE FROM contract_alerts WHERE contract_id = $1`)
		return contractTarget(id), title, err
	})
}
