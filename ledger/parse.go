package ledger

import (
	"crypto/sha256"
	"encoding/hex"
	"sort"
	"strings"
	"unicode/utf8"

	"hitori"
)

// Mapping says which field each column means, by the column's header
// text: what a user corrects and what is saved per header signature. A
// header mapped to "" is ignored.
type Mapping map[string]string

// Options steer Parse.
type Options struct {
	Sheet   string  // only this sheet ("" all sheets that look like ledgers)
	Mapping Mapping // corrections by header text, over the suggested ones
}

// Column is one column of a recognised sheet.
type Column struct {
	Index     int    // 0-based
	Header    string // the header text as written (trimmed)
	Field     string // what it is mapped to ("" ignored)
	Suggested string // what the header names suggested
}

// SheetResult is what one sheet yielded.
type SheetResult struct {
	Name      string
	Kind      string // "asset" or "license"
	HeaderRow int    // 1-based
	Columns   []Column
	Rows      []Row     // asset sheets: every data row without errors
	Licenses  []License // license sheets
	Errors    []CellError
	Bad       int // data rows with at least one error
}

// Result is a parsed ledger file.
type Result struct {
	Format  string
	Sheets  []*SheetResult
	Skipped []string // sheets with no recognisable header row
}

// Row is one valid asset row: the record as the file has it, the names of
// its person and department (resolved by the import), and the fields the
// file sets, so an import overwrites only those on a matched asset.
type Row struct {
	Sheet      string
	Row        int // 1-based spreadsheet row
	Asset      *hitori.Asset
	Person     string
	Department string
	Set        []string // fields from mapped columns: AssetColumns names and custom.NAME
}

// Has reports whether the row's file sets field.
func (r *Row) Has(field string) bool {
	for _, f := range r.Set {
		if f == field {
			return true
		}
	}
	return false
}

// Rows are every valid asset row of every sheet.
func (r *Result) Rows() []Row {
	var out []Row
	for _, s := range r.Sheets {
		out = append(out, s.Rows...)
	}
	return out
}

// Errors are every cell error of every sheet, in sheet and row order.
func (r *Result) Errors() []CellError {
	var out []CellError
	for _, s := range r.Sheets {
		out = append(out, s.Errors...)
	}
	return out
}

// Licenses are every license row of every sheet.
func (r *Result) Licenses() []License {
	var out []License
	for _, s := range r.Sheets {
		out = append(out, s.Licenses...)
	}
	return out
}

// headerScanRows is how far down a sheet the header row is looked for
// (past titles, notes and blank rows).
const headerScanRows = 30

// Parse finds each sheet's header row, maps its columns and reads its rows.
func Parse(wb *Workbook, opt Options) (*Result, error) {
	res := &Result{Format: wb.Format}
	found := false
	for _, sh := range wb.Sheets {
		if opt.Sheet != "" && sh.Name != opt.Sheet && !(wb.Format == "csv") {
			continue
		}
		found = true
		sr := parseSheet(sh, opt.Mapping)
		if sr == nil {
			res.Skipped = append(res.Skipped, sh.Name)
			continue
		}
		res.Sheets = append(res.Sheets, sr)
	}
	if !found {
		return nil, &FileError{Key: "ledger.error.no_sheet", Detail: opt.Sheet, err: ErrFormat}
	}
	if len(res.Sheets) == 0 {
		return nil, &FileError{Key: "ledger.error.no_header", err: ErrFormat}
	}
	checkDuplicates(res)
	return res, nil
}

// DetectHeader finds a sheet's header row: among the first rows, the one
// whose cells name the most known fields (at least two), for the sheet
// kind that names more. It returns the 0-based row and the kind, or -1.
func DetectHeader(sh *Sheet) (int, string) {
	best, bestRow, bestKind := 1, -1, ""
	for i := 0; i < len(sh.Rows) && i < headerScanRows; i++ {
		for _, kind := range []string{"asset", "license"} {
			seen := map[string]bool{}
			for _, c := range sh.Rows[i] {
				if c.Kind != CellText {
					continue
				}
				if f := SuggestField(kind, c.Text); f != "" && f != "#row" {
					seen[f] = true
				}
			}
			if len(seen) > best {
				best, bestRow, bestKind = len(seen), i, kind
			}
		}
	}
	return bestRow, bestKind
}

// Signature identifies a header layout, so a corrected mapping is found
// again for the next file with the same columns.
func Signature(headers []string) string {
	h := sha256.New()
	for _, s := range headers {
		h.Write([]byte(HeaderKey(s)))
		h.Write([]byte{0x1f})
	}
	return hex.EncodeToString(h.Sum(nil))[:32]
}

// HeaderTexts are the texts of a sheet's header row (0-based hr) as
// columns are named: tidied, empty ones left out. Signature takes these.
func HeaderTexts(sh *Sheet, hr int) []string {
	var out []string
	if hr < 0 || hr >= len(sh.Rows) {
		return nil
	}
	for _, c := range sh.Rows[hr] {
		if h := CleanName(cellText(c)); h != "" {
			out = append(out, h)
		}
	}
	return out
}

// Headers are the sheet's header texts in column order.
func (s *SheetResult) Headers() []string {
	out := make([]string, len(s.Columns))
	for i, c := range s.Columns {
		out[i] = c.Header
	}
	return out
}

// Mapping is the sheet's column mapping as header text → field.
func (s *SheetResult) Mapping() Mapping {
	m := Mapping{}
	for _, c := range s.Columns {
		if c.Header != "" {
			m[c.Header] = c.Field
		}
	}
	return m
}

func parseSheet(sh *Sheet, corr Mapping) *SheetResult {
	hr, kind := DetectHeader(sh)
	if hr < 0 {
		return nil
	}
	sr := &SheetResult{Name: sh.Name, Kind: kind, HeaderRow: hr + 1}
	used := map[string]bool{}
	for j, c := range sh.Rows[hr] {
		h := CleanName(cellText(c))
		col := Column{Index: j, Header: h, Suggested: SuggestField(kind, h)}
		if col.Suggested == "#row" {
			col.Suggested = ""
		}
		col.Field = col.Suggested
		if f, ok := corr[h]; ok && h != "" {
			col.Field = f
		}
		if col.Field != "" && (used[col.Field] || !validField(kind, col.Field)) {
			col.Field = "" // a field is read from one column only
		}
		used[col.Field] = true
		if h == "" && col.Field == "" {
			continue
		}
		sr.Columns = append(sr.Columns, col)
	}
	for i := hr + 1; i < len(sh.Rows); i++ {
		if blankRow(sh.Rows[i], sr.Columns) {
			continue
		}
		if kind == "license" {
			sr.readLicense(sh.Rows[i], i+1)
		} else {
			sr.readAsset(sh.Rows[i], i+1)
		}
	}
	return sr
}

func validField(kind, f string) bool {
	list := AssetColumns
	if kind == "license" {
		list = LicenseColumns
	}
	for _, v := range list {
		if v == f {
			return true
		}
	}
	if name, ok := strings.CutPrefix(f, CustomPrefix); ok && kind == "asset" {
		return name != "" && utf8.RuneCountInString(name) <= hitori.AssetShortMax
	}
	return false
}

// blankRow reports whether a row has nothing in its mapped columns (rows
// with borders only, a lone space, the running number of an empty line).
func blankRow(row []Cell, cols []Column) bool {
	for _, c := range cols {
		if c.Field == "" || c.Index >= len(row) {
			continue
		}
		if !row[c.Index].Blank() {
			return false
		}
	}
	return true
}

// cellAt is the row's cell in a column, empty past its end.
func cellAt(row []Cell, i int) Cell {
	if i < len(row) {
		return row[i]
	}
	return Cell{}
}

// short cuts a cell's text for an error report.
func short(s string) string {
	if utf8.RuneCountInString(s) <= 40 {
		return s
	}
	r := []rune(s)
	return string(r[:40]) + "…"
}

// readAsset reads one asset row, or records its errors.
func (sr *SheetResult) readAsset(cells []Cell, rowNo int) {
	a := &hitori.Asset{Source: "ledger"}
	row := Row{Sheet: sr.Name, Row: rowNo, Asset: a}
	var errs []CellError
	fail := func(col Column, key string, c Cell) {
		errs = append(errs, CellError{Sheet: sr.Name, Row: rowNo, Column: col.Header, Key: key, Value: short(cellText(c))})
	}
	var numberCol, serialCol *Column
	for i, col := range sr.Columns {
		if col.Field == "" {
			continue
		}
		c := cellAt(cells, col.Index)
		if c.Kind == CellText && !utf8.ValidString(c.Text) || strings.ContainsAny(c.Text, "\x00\ufffd") {
			fail(col, "ledger.error.text", c)
			continue
		}
		if !setAssetField(a, &row, col.Field, c) {
			fail(col, fieldErrorKey(col.Field), c)
			continue
		}
		switch col.Field {
		case "number":
			numberCol = &sr.Columns[i]
		case "serial":
			serialCol = &sr.Columns[i]
		}
	}
	if len(errs) == 0 && a.Number == "" && a.Serial == "" {
		col := Column{}
		if numberCol != nil {
			col = *numberCol
		} else if serialCol != nil {
			col = *serialCol
		}
		fail(col, "ledger.error.no_key", Cell{})
	}
	if len(errs) == 0 {
		if err := a.Validate(); err != nil {
			errs = append(errs, sr.validateError(rowNo, err))
		}
	}
	if len(errs) > 0 {
		sr.Errors = append(sr.Errors, errs...)
		sr.Bad++
		return
	}
	sr.Rows = append(sr.Rows, row)
}

func fieldErrorKey(field string) string {
	switch field {
	case "acquired_on", "warranty_until", "lease_until":
		return "ledger.error.date"
	case "price_yen":
		return "ledger.error.amount"
	case "status":
		return "ledger.error.status"
	}
	return "ledger.error.invalid"
}

// validateError turns the register's own check into a cell error on the
// column the field came from.
func (sr *SheetResult) validateError(rowNo int, err error) CellError {
	e := CellError{Sheet: sr.Name, Row: rowNo, Key: "ledger.error.invalid"}
	if he, ok := err.(*hitori.Error); ok {
		for field, key := range he.Fields {
			for _, c := range sr.Columns {
				if c.Field == field || (field == "custom" && strings.HasPrefix(c.Field, CustomPrefix)) {
					e.Column = c.Header
					break
				}
			}
			switch key {
			case "asset.error.too_long", "asset.error.too_many":
				e.Key = "ledger.error.too_long"
			case "error.invalid_text":
				e.Key = "ledger.error.text"
			}
		}
	}
	return e
}

// setAssetField reads one cell into the asset; false when the cell cannot
// be read as that field.
func setAssetField(a *hitori.Asset, row *Row, field string, c Cell) bool {
	text := cellText(c)
	set := true
	switch field {
	case "number":
		a.Number = foldCode(text)
	case "serial":
		a.Serial = foldCode(text)
	case "hostname":
		a.Hostname = foldCode(text)
	case "hardware_uuid":
		a.HardwareUUID = foldCode(text)
	case "type":
		if IsNoValue(text) {
			set = false
			break
		}
		t, ok := ParseType(text)
		if !ok {
			t = hitori.AssetOther
		}
		a.Type = t
	case "status":
		if IsNoValue(text) {
			set = false
			break
		}
		st, ok := ParseStatus(text)
		if !ok {
			return false
		}
		a.Status = st
	case FieldPerson:
		row.Person = CleanName(text)
	case FieldDepartment:
		row.Department = CleanName(text)
	case "maker":
		a.Maker = CleanText(text)
	case "model":
		a.Model = CleanText(text)
	case "location":
		a.Location = CleanText(text)
	case "vendor":
		a.Vendor = CleanText(text)
	case "notes":
		a.Notes = CleanText(text)
	case "os_name":
		a.OSName = CleanText(text)
	case "os_version":
		a.OSVersion = CleanText(text)
	case "acquired_on", "warranty_until", "lease_until":
		d, _, ok := cellDate(c)
		if !ok {
			return false
		}
		switch field {
		case "acquired_on":
			a.AcquiredOn = d
		case "warranty_until":
			a.WarrantyUntil = d
		default:
			a.LeaseUntil = d
		}
	case "price_yen":
		v, empty, ok := cellYen(c)
		if !ok {
			return false
		}
		if !empty {
			a.PriceYen = &v
		}
	default:
		name, ok := strings.CutPrefix(field, CustomPrefix)
		if !ok {
			return true
		}
		if v := CleanText(text); v != "" {
			if a.Custom == nil {
				a.Custom = map[string]string{}
			}
			a.Custom[name] = v
		}
	}
	if set {
		row.Set = append(row.Set, field)
	}
	return true
}

// foldCode reads an identifier: NFKC (ＭＳ－ＰＣ－０００４ → MS-PC-0004),
// trimmed, "no value" marks empty.
func foldCode(s string) string {
	f := Fold(s)
	if IsNoValue(f) {
		return ""
	}
	return f
}

// checkDuplicates turns the second row with an asset number already seen
// in the file (on any sheet) into an error: one file cannot say two
// things about one asset.
func checkDuplicates(res *Result) {
	seen := map[string]bool{}
	for _, sr := range res.Sheets {
		numberHeader := ""
		for _, c := range sr.Columns {
			if c.Field == "number" {
				numberHeader = c.Header
			}
		}
		kept := sr.Rows[:0]
		for _, r := range sr.Rows {
			if n := r.Asset.Number; n != "" {
				if seen[n] {
					sr.Errors = append(sr.Errors, CellError{Sheet: sr.Name, Row: r.Row, Column: numberHeader, Key: "ledger.error.duplicate", Value: n})
					sr.Bad++
					continue
				}
				seen[n] = true
			}
			kept = append(kept, r)
		}
		sr.Rows = kept
		sortErrors(sr.Errors)
	}
}

func sortErrors(errs []CellError) {
	sort.SliceStable(errs, func(i, j int) bool { return errs[i].Row < errs[j].Row })
}
