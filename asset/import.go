package asset

import (
	"context"
	"errors"
	"path/filepath"
	"sort"

	"hitori"
	"hitori/ledger"
)

// ImportRequest is one ledger file to import (or preview).
type ImportRequest struct {
	Name    string // the file's name, for history notes
	Data    []byte
	Sheet   string         // only this sheet ("" every sheet that looks like a ledger)
	Mapping ledger.Mapping // corrections by header text; nil: the saved mapping, else suggested
	DryRun  bool
	ActorID int64
	// Progress, when set, hears how many rows are done.
	Progress func(done, total int)
}

// ImportReport is what an import did or, dry, would do.
type ImportReport struct {
	Valid, Created, Updated, Unchanged int
	Errors                             []ledger.CellError // parse errors and rows the register refused
	Rows                               []hitori.LedgerOutcome
	Sheets                             []*ledger.SheetResult
	Skipped                            []string // sheets without a header row
	NewPeople, NewDepartments          []string
	// Licenses read from license sheets. They are recognised but not
	// imported: the register has no license store on this branch yet.
	Licenses         []ledger.License
	LicensesImported bool
	DryRun           bool
}

// Import reads a ledger file, maps its columns (the saved mapping of the
// same header layout unless the request corrects it), and imports every
// valid row in one store transaction. Rows with errors are reported with
// sheet, row, column and reason and left out; the others are written. A
// real import saves each sheet's mapping as the layout for next time.
func (s *Service) Import(ctx context.Context, req ImportRequest) (*ImportReport, error) {
	wb, err := ledger.Read(req.Data, ledger.DefaultLimits)
	if err != nil {
		return nil, fileError(err)
	}
	mapping := req.Mapping
	if mapping == nil {
		if mapping, err = s.savedMapping(ctx, wb, req.Sheet); err != nil {
			return nil, err
		}
	}
	parsed, err := ledger.Parse(wb, ledger.Options{Sheet: req.Sheet, Mapping: mapping})
	if err != nil {
		return nil, fileError(err)
	}
	rep := &ImportReport{Sheets: parsed.Sheets, Skipped: parsed.Skipped, Errors: parsed.Errors(),
		Licenses: parsed.Licenses(), DryRun: req.DryRun}
	rows := parsed.Rows()
	in := make([]hitori.LedgerRow, len(rows))
	for i, r := range rows {
		in[i] = hitori.LedgerRow{Sheet: r.Sheet, Row: r.Row, Asset: r.Asset, Person: r.Person, Department: r.Department, Set: r.Set}
	}
	res, err := s.Store.ImportLedger(ctx, in, hitori.LedgerImportOptions{DryRun: req.DryRun, ActorID: req.ActorID,
		Note: "ledger: " + filepath.Base(req.Name), Progress: req.Progress})
	if err != nil {
		return nil, err
	}
	rep.Created, rep.Updated, rep.Unchanged = res.Created, res.Updated, res.Unchanged
	rep.Valid = res.Created + res.Updated + res.Unchanged
	rep.NewPeople, rep.NewDepartments = res.NewPeople, res.NewDepartments
	for _, o := range res.Rows {
		if o.Action == hitori.LedgerError {
			rep.Errors = append(rep.Errors, ledger.CellError{Sheet: o.Sheet, Row: o.Row, Column: columnOf(parsed, o),
				Key: registerErrorKey(o.Key)})
			continue
		}
		rep.Rows = append(rep.Rows, o)
	}
	sortCellErrors(parsed, rep.Errors)
	if !req.DryRun {
		for _, sh := range parsed.Sheets {
			if sh.Kind != "asset" {
				continue // license sheets are not imported, so not the layout to export in
			}
			if err := s.Store.SaveLedgerLayout(ctx, layoutOf(sh)); err != nil {
				return nil, err
			}
		}
	}
	return rep, nil
}

// savedMapping gathers the saved mappings of the file's header layouts.
func (s *Service) savedMapping(ctx context.Context, wb *ledger.Workbook, sheet string) (ledger.Mapping, error) {
	out := ledger.Mapping{}
	for _, sh := range wb.Sheets {
		if sheet != "" && sh.Name != sheet {
			continue
		}
		hr, _ := ledger.DetectHeader(sh)
		if hr < 0 {
			continue
		}
		headers := ledger.HeaderTexts(sh, hr)
		l, err := s.Store.LedgerLayout(ctx, ledger.Signature(headers))
		if err != nil {
			return nil, err
		}
		if l == nil {
			continue
		}
		for i, h := range l.Headers {
			if h != "" && i < len(l.Fields) {
				out[h] = l.Fields[i]
			}
		}
	}
	return out, nil
}

func layoutOf(sh *ledger.SheetResult) *hitori.LedgerLayout {
	l := &hitori.LedgerLayout{Signature: ledger.Signature(sh.Headers())}
	for _, c := range sh.Columns {
		l.Headers = append(l.Headers, c.Header)
		l.Fields = append(l.Fields, c.Field)
	}
	return l
}

// columnOf names the header of the column a register error is about.
func columnOf(p *ledger.Result, o hitori.LedgerOutcome) string {
	field := o.Field
	if field == "person_id" {
		field = ledger.FieldPerson
	} else if field == "department_id" {
		field = ledger.FieldDepartment
	}
	for _, sh := range p.Sheets {
		if sh.Name != o.Sheet {
			continue
		}
		for _, c := range sh.Columns {
			if c.Field == field {
				return c.Header
			}
		}
	}
	return ""
}

func registerErrorKey(key string) string {
	switch key {
	case "asset.error.too_long", "asset.error.too_many":
		return "ledger.error.too_long"
	case "error.invalid_text":
		return "ledger.error.text"
	}
	return "ledger.error.invalid"
}

// sortCellErrors orders errors by sheet (in the file's order), then row.
func sortCellErrors(p *ledger.Result, errs []ledger.CellError) {
	order := map[string]int{}
	for i, sh := range p.Sheets {
		order[sh.Name] = i
	}
	sort.SliceStable(errs, func(i, j int) bool {
		if a, b := order[errs[i].Sheet], order[errs[j].Sheet]; a != b {
			return a < b
		}
		return errs[i].Row < errs[j].Row
	})
}

// fileError turns a whole-file problem into the user's error.
func fileError(err error) error {
	var fe *ledger.FileError
	if errors.As(err, &fe) {
		return &hitori.Error{Code: hitori.EINVALID, Message: fe.Error(), Key: fe.Key}
	}
	return err
}
