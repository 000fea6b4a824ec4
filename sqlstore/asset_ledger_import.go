package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"maps"
	"strings"
	"time"
	"unicode"

	"hitori"
)

// ledgerImport is one import's state inside its transaction: people and
// departments by name (loaded once; ledgers name the same few dozen people
// thousands of times) and the running result.
type ledgerImport struct {
	tx          *sql.Tx
	dialect     string
	now         time.Time
	opt         hitori.LedgerImportOptions
	keys        *assetKeys              // numbers and serials of the register
	cache       map[int64]*hitori.Asset // the chunk's matched assets (prefetch)
	events      []ledgerEvent           // the chunk's history entries (flushEvents)
	people      map[string]int64        // by nameKey
	depts       map[string]int64        // by nameKey
	personNames map[int64]string        // for previews of changes
	deptNames   map[int64]string
	res         *hitori.LedgerImportResult
	titles      *titleCounter // titles no license named before (ImportLedger counts them first)
}

// nameKey is a name with white space removed (full-width spaces too), so
// 井上 悠斗, 井上　悠斗 and 井上悠斗 are one person.
func nameKey(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
}

func newLedgerImport(ctx context.Context, tx *sql.Tx, dialect string, now time.Time, opt hitori.LedgerImportOptions) (*ledgerImport, error) {
	imp := &ledgerImport{tx: tx, dialect: dialect, now: now, opt: opt, cache: map[int64]*hitori.Asset{},
		people: map[string]int64{}, depts: map[string]int64{},
		personNames: map[int64]string{}, deptNames: map[int64]string{}, res: &hitori.LedgerImportResult{},
		titles: newTitleCounter(dialect)}
	var err error
	if imp.keys, err = loadAssetKeys(ctx, tx); err != nil {
		return nil, err
	}
	load := func(q string, into map[string]int64, names map[int64]string) error {
		rows, err := tx.QueryContext(ctx, q)
		if err != nil {
			return fmt.Errorf("sqlstore: ledger import: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			var id int64
			var name string
			if err := rows.Scan(&id, &name); err != nil {
				return fmt.Errorf("sqlstore: ledger import: %w", err)
			}
			names[id] = name
			if k := nameKey(name); into[k] == 0 {
				into[k] = id // the oldest of several people with one name
			}
		}
		return rows.Err()
	}
	if err := load(`SELECT id, name FROM people ORDER BY id`, imp.people, imp.personNames); err != nil {
		return nil, err
	}
	if err := load(`SELECT id, name FROM departments ORDER BY id`, imp.depts, imp.deptNames); err != nil {
		return nil, err
	}
	return imp, nil
}

// rowError turns a value the register refuses into the row's outcome
// (an error naming its field) and returns nil; any other error is returned
// to fail the whole import.
func rowError(err error, out *hitori.LedgerOutcome) error {
	var he *hitori.Error
	if errors.As(err, &he) && he.Code == hitori.EINVALID {
		out.Action, out.Key = hitori.LedgerError, he.Key
		for f := range he.Fields {
			out.Field = f
		}
		return nil
	}
	return err
}

// row imports one row. A value the register refuses becomes the row's
// error; a database error fails the whole import.
func (imp *ledgerImport) row(ctx context.Context, r *hitori.LedgerRow) error {
	out := hitori.LedgerOutcome{Sheet: r.Sheet, Row: r.Row, Number: r.Asset.Number}
	err := imp.apply(ctx, r, &out)
	if err := rowError(err, &out); err != nil {
		return err
	}
	switch out.Action {
	case hitori.LedgerCreate:
		imp.res.Created++
	case hitori.LedgerUpdate:
		imp.res.Updated++
	case hitori.LedgerUnchanged:
		imp.res.Unchanged++
	}
	imp.res.Rows = append(imp.res.Rows, out)
	return nil
}

func (imp *ledgerImport) apply(ctx context.Context, r *hitori.LedgerRow, out *hitori.LedgerOutcome) error {
	id := imp.keys.match(r.Asset)
	var old *hitori.Asset
	next := &hitori.Asset{Source: "ledger"}
	if id != 0 {
		var err error
		if old, err = imp.asset(ctx, id); err != nil {
			return err
		}
		next = copyAsset(old)
	}
	if err := imp.overlay(ctx, next, r); err != nil {
		return err
	}
	if err := next.Validate(); err != nil {
		return err
	}
	// Refused here rather than by the unique index: on PostgreSQL a failed
	// statement would end the whole import's transaction.
	if imp.keys.taken(next.Number, id) {
		return hitori.FieldError("number", "asset.error.number_taken")
	}
	if old == nil {
		if err := insertAssetRow(ctx, imp.tx, next, imp.now); err != nil {
			return err
		}
		imp.keys.add(next.ID, next.Number, next.Serial)
		imp.events = append(imp.events, ledgerEvent{assetID: next.ID})
		out.Action, out.AssetID = hitori.LedgerCreate, next.ID
		return nil
	}
	out.AssetID = old.ID
	changes, err := updateAssetRow(ctx, imp.tx, old, next, imp.now)
	if err != nil {
		return err
	}
	if len(changes) == 0 {
		out.Action = hitori.LedgerUnchanged
		return nil
	}
	delete(imp.cache, old.ID) // a later row of the chunk reads what was written
	imp.keys.remove(old.ID, old.Number, old.Serial)
	imp.keys.add(old.ID, next.Number, next.Serial)
	imp.events = append(imp.events, ledgerEvent{assetID: old.ID, changes: changes})
	out.Action, out.Changes = hitori.LedgerUpdate, imp.named(changes)
	return nil
}

func copyAsset(a *hitori.Asset) *hitori.Asset {
	c := *a
	c.Custom = maps.Clone(a.Custom)
	if a.PriceYen != nil {
		p := *a.PriceYen
		c.PriceYen = &p
	}
	return &c
}

// overlay writes the fields the row's file sets onto next.
func (imp *ledgerImport) overlay(ctx context.Context, next *hitori.Asset, r *hitori.LedgerRow) error {
	in := r.Asset
	for _, f := range r.Set {
		switch f {
		case "number":
			next.Number = in.Number
		case "type":
			next.Type = in.Type
		case "maker":
			next.Maker = in.Maker
		case "model":
			next.Model = in.Model
		case "serial":
			next.Serial = in.Serial
		case "status":
			next.Status = in.Status
		case "location":
			next.Location = in.Location
		case "acquired_on":
			next.AcquiredOn = in.AcquiredOn
		case "price_yen":
			next.PriceYen = in.PriceYen
		case "vendor":
			next.Vendor = in.Vendor
		case "warranty_until":
			next.WarrantyUntil = in.WarrantyUntil
		case "lease_until":
			next.LeaseUntil = in.LeaseUntil
		case "notes":
			next.Notes = in.Notes
		case "os_name":
			next.OSName = in.OSName
		case "os_version":
			next.OSVersion = in.OSVersion
		case "hostname":
			next.Hostname = in.Hostname
		case "hardware_uuid":
			next.HardwareUUID = in.HardwareUUID
		case "department":
			id, err := imp.department(ctx, r.Department)
			if err != nil {
				return err
			}
			next.DepartmentID = id
		case "person":
			// The department first, so a new person joins the row's one.
			deptID := next.DepartmentID
			if r.Department != "" {
				var err error
				if deptID, err = imp.department(ctx, r.Department); err != nil {
					return err
				}
			}
			id, err := imp.person(ctx, r.Person, deptID)
			if err != nil {
				return err
			}
			next.PersonID = id
		default:
			if name, ok := strings.CutPrefix(f, "custom."); ok {
				if v := in.Custom[name]; v != "" {
					if next.Custom == nil {
						next.Custom = map[string]string{}
					}
					next.Custom[name] = v
				} else {
					delete(next.Custom, name)
				}
			}
		}
	}
	return nil
}

// department finds a department by name (white space ignored) or creates
// it; "" is none.
func (imp *ledgerImport) department(ctx context.Context, name string) (int64, error) {
	k := nameKey(name)
	if k == "" {
		return 0, nil
	}
	if id := imp.depts[k]; id != 0 {
		return id, nil
	}
	d := &hitori.Department{Name: name}
	if err := checkName("department", name); err != nil {
		return 0, err
	}
	if err := imp.tx.QueryRowContext(ctx, `INSERT INTO departments (name, code) VALUES ($1, '') RETURNING id`, d.Name).Scan(&d.ID); err != nil {
		return 0, fmt.Errorf("sqlstore: ledger import: department: %w", err)
	}
	imp.depts[k], imp.deptNames[d.ID] = d.ID, name
	imp.res.NewDepartments = append(imp.res.NewDepartments, name)
	return d.ID, nil
}

// person finds a person by name (white space ignored) or creates one
// without an account in deptID; "" is nobody.
func (imp *ledgerImport) person(ctx context.Context, name string, deptID int64) (int64, error) {
	k := nameKey(name)
	if k == "" {
		return 0, nil
	}
	if id := imp.people[k]; id != 0 {
		return id, nil
	}
	if err := checkName("person", name); err != nil {
		return 0, err
	}
	var id int64
	if err := imp.tx.QueryRowContext(ctx, `INSERT INTO people (name, department_id, active, created_at, updated_at)
		VALUES ($1, $2, $3, $4, $4) RETURNING id`, name, zeroNull(deptID), true, imp.now).Scan(&id); err != nil {
		return 0, fmt.Errorf("sqlstore: ledger import: person: %w", err)
	}
	imp.people[k], imp.personNames[id] = id, name
	imp.res.NewPeople = append(imp.res.NewPeople, name)
	return id, nil
}

func checkName(field, name string) error {
	if err := hitori.CheckText(field, name); err != nil {
		return err
	}
	if len([]rune(name)) > hitori.AssetShortMax {
		return hitori.FieldError(field, "asset.error.too_long")
	}
	return nil
}

// named shows person and department changes by name: an id means nothing
// to the reader of a preview.
func (imp *ledgerImport) named(changes []hitori.FieldChange) []hitori.FieldChange {
	out := make([]hitori.FieldChange, 0, len(changes))
	for _, c := range changes {
		switch c.Field {
		case "person_id":
			c = hitori.FieldChange{Field: "person", Old: nameByID(imp.personNames, c.Old), New: nameByID(imp.personNames, c.New)}
		case "department_id":
			c = hitori.FieldChange{Field: "department", Old: nameByID(imp.deptNames, c.Old), New: nameByID(imp.deptNames, c.New)}
		}
		out = append(out, c)
	}
	return out
}

func nameByID(names map[int64]string, id string) string {
	if id == "" {
		return ""
	}
	var n int64
	fmt.Sscan(id, &n)
	if name, ok := names[n]; ok {
		return name
	}
	return "#" + id
}
