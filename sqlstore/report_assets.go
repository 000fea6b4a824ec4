package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"hitori"
)

// MonitorUptimes sums each monitor's daily roll-ups that start in [from, to).
func (s *Reports) MonitorUptimes(ctx context.Context, from, to time.Time) ([]hitori.MonitorUptime, error) {
	rows, err := s.db.r.QueryContext(ctx, `SELECT m.id, m.name, COALESCE(SUM(r.checks), 0), COALESCE(SUM(r.up), 0)
		FROM monitors m LEFT JOIN monitor_rollups r ON r.monitor_id = m.id AND r.period = 'day' AND r.start_at >= $1 AND r.start_at < $2
		GROUP BY m.id, m.name ORDER BY m.name, m.id`, from.UTC(), to.UTC())
	if err != nil {
		return nil, fmt.Errorf("sqlstore: monitor uptimes: %w", err)
	}
	defer rows.Close()
	var out []hitori.MonitorUptime
	for rows.Next() {
		var u hitori.MonitorUptime
		if err := rows.Scan(&u.MonitorID, &u.Name, &u.Checks, &u.Up); err != nil {
			return nil, fmt.Errorf("sqlstore: monitor uptimes: %w", err)
		}
		out = append(out, u)
	}
	return out, rows.Err()
}

// MonitorsDown lists the monitors whose state is down, longest first.
func (s *Reports) MonitorsDown(ctx context.Context) ([]hitori.MonitorDownNow, error) {
	rows, err := s.db.r.QueryContext(ctx, `SELECT m.id, m.name, st.since, st.last_msg
		FROM monitors m JOIN monitor_states st ON st.monitor_id = m.id
		WHERE st.status = 'down' AND m.paused = FALSE ORDER BY st.since, m.id`)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: monitors down: %w", err)
	}
	defer rows.Close()
	var out []hitori.MonitorDownNow
	for rows.Next() {
		var d hitori.MonitorDownNow
		if err := rows.Scan(&d.MonitorID, &d.Name, &d.Since, &d.Message); err != nil {
			return nil, fmt.Errorf("sqlstore: monitors down: %w", err)
		}
		d.Since = d.Since.UTC()
		out = append(out, d)
	}
	return out, rows.Err()
}

// contractYearly is a contract's yearly cost: the annual amount, else
// twelve monthly ones (NULL when it has neither).
const contractYearly = `COALESCE(c.annual_yen, c.monthly_yen * 12)`

// LifecycleDates lists warranty and lease ends of assets not retired,
// license renewals and contracts' decision and end dates in [from, to],
// earliest first.
func (s *Reports) LifecycleDates(ctx context.Context, from, to hitori.Date) ([]hitori.LifecycleDate, error) {
	rows, err := s.db.r.QueryContext(ctx, `
		SELECT 'warranty', id, COALESCE(number, ''), TRIM(maker || ' ' || model), warranty_until, price_yen, vendor
			FROM assets WHERE warranty_until <> '' AND warranty_until >= $1 AND warranty_until <= $2 AND status <> 'retired'
		UNION ALL
		SELECT 'lease', id, COALESCE(number, ''), TRIM(maker || ' ' || model), lease_until, price_yen, vendor
			FROM assets WHERE lease_until <> '' AND lease_until >= $1 AND lease_until <= $2 AND status <> 'retired'
		UNION ALL
		SELECT 'renewal', l.id, '', t.name, l.renewal_on, l.cost_yen, l.vendor
			FROM licenses l JOIN software_titles t ON t.id = l.title_id WHERE l.renewal_on <> '' AND l.renewal_on >= $1 AND l.renewal_on <= $2
		UNION ALL
		SELECT 'decision', c.id, '', c.title, c.decision_on, `+contractYearly+`, v.name
			FROM contracts c JOIN vendors v ON v.id = c.vendor_id WHERE c.decision_on <> '' AND c.decision_on >= $1 AND c.decision_on <= $2
		UNION ALL
		SELECT 'contract_end', c.id, '', c.title, c.ends_on, `+contractYearly+`, v.name
			FROM contracts c JOIN vendors v ON v.id = c.vendor_id WHERE c.ends_on <> '' AND c.ends_on >= $1 AND c.ends_on <= $2
		ORDER BY 5, 1, 2`, string(from), string(to))
	if err != nil {
		return nil, fmt.Errorf("sqlstore: lifecycle dates: %w", err)
	}
	defer rows.Close()
	var out []hitori.LifecycleDate
	for rows.Next() {
		var d hitori.LifecycleDate
		var number, name, on string
		var cost sql.NullInt64
		if err := rows.Scan(&d.Kind, &d.RefID, &number, &name, &on, &cost, &d.Vendor); err != nil {
			return nil, fmt.Errorf("sqlstore: lifecycle dates: %w", err)
		}
		d.Name, d.On, d.CostYen = joinName(number, name), hitori.Date(on), nullID(cost)
		out = append(out, d)
	}
	return out, rows.Err()
}

// joinName is "number model", either may be empty.
func joinName(number, name string) string {
	switch {
	case number == "":
		return name
	case name == "":
		return number
	}
	return number + " " + name
}

// ReplacementCandidates lists every asset not retired, by number.
func (s *Reports) ReplacementCandidates(ctx context.Context) ([]hitori.ReplacementCandidate, error) {
	rows, err := s.db.r.QueryContext(ctx, `SELECT a.id, COALESCE(a.number, ''), a.type, TRIM(a.maker || ' ' || a.model),
		COALESCE(d.name, ''), a.status, a.acquired_on, a.warranty_until, a.lease_until, a.price_yen, a.vendor, a.os_name, a.os_version
		FROM assets a LEFT JOIN departments d ON d.id = a.department_id
		WHERE a.status <> 'retired' ORDER BY COALESCE(a.number, ''), a.id`)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: replacement candidates: %w", err)
	}
	defer rows.Close()
	var out []hitori.ReplacementCandidate
	for rows.Next() {
		var c hitori.ReplacementCandidate
		var typ, status, acq, war, lease string
		var price sql.NullInt64
		if err := rows.Scan(&c.AssetID, &c.Number, &typ, &c.Model, &c.Department, &status, &acq, &war, &lease, &price, &c.Vendor,
			&c.OSName, &c.OSVersion); err != nil {
			return nil, fmt.Errorf("sqlstore: replacement candidates: %w", err)
		}
		c.Type, c.Status, c.AcquiredOn = hitori.AssetType(typ), hitori.AssetStatus(status), hitori.Date(acq)
		c.WarrantyUntil, c.LeaseUntil, c.PriceYen = hitori.Date(war), hitori.Date(lease), nullID(price)
		out = append(out, c)
	}
	return out, rows.Err()
}

// Subscriptions lists the licenses with a known cost, by title.
func (s *Reports) Subscriptions(ctx context.Context) ([]hitori.LicenseCost, error) {
	rows, err := s.db.r.QueryContext(ctx, `SELECT t.name, l.vendor, l.kind, l.period, l.cost_yen
		FROM licenses l JOIN software_titles t ON t.id = l.title_id WHERE l.cost_yen IS NOT NULL ORDER BY t.name, l.id`)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: subscriptions: %w", err)
	}
	defer rows.Close()
	var out []hitori.LicenseCost
	for rows.Next() {
		var c hitori.LicenseCost
		var kind, period string
		if err := rows.Scan(&c.Title, &c.Vendor, &kind, &period, &c.CostYen); err != nil {
			return nil, fmt.Errorf("sqlstore: subscriptions: %w", err)
		}
		c.Kind, c.Period = hitori.LicenseKind(kind), hitori.LicensePeriod(period)
		out = append(out, c)
	}
	return out, rows.Err()
}
