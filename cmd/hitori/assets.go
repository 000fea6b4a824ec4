package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"hitori"
	"hitori/asset"
	"hitori/ledger"
	"hitori/sqlstore"
)

const assetsUsage = `Usage:
  hitori assets import [--data DIR] [--db URL] [--sheet NAME] [--mapping FILE] [--dry-run] [--json] FILE
                      import an IT asset ledger (.xlsx or .csv, UTF-8 or CP932)
  hitori assets export [--data DIR] [--db URL] [--format xlsx|csv] [--encoding utf-8|cp932]
                      [--layout register|last-import] --out FILE
                      write the register as a ledger
`

var assetsSynopsis = map[string]string{
	"import": "hitori assets import [--data DIR] [--db URL] [--sheet NAME] [--mapping FILE] [--dry-run] [--json] FILE\n\n" +
		"Imports an IT asset ledger (.xlsx, or .csv in UTF-8 or CP932): assets are matched by asset number, then serial;\n" +
		"rows with errors are listed with sheet, row and column and left out, the others written in one transaction.\n" +
		"--mapping FILE is JSON {\"header text\": \"field\"}; fields: " + strings.Join(ledger.AssetColumns, ", ") + ", custom.NAME, or \"\" to ignore.",
	"export": "hitori assets export [--data DIR] [--db URL] [--format xlsx|csv] [--encoding utf-8|cp932] [--layout register|last-import] --out FILE\n\n" +
		"Writes every asset as .xlsx or CSV (UTF-8 with BOM, or CP932), in the register's layout or the last import's.",
}

func cmdAssets(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		fmt.Fprint(stderr, assetsUsage)
		return errUsage
	}
	if args[0] == "--help" || args[0] == "-h" {
		fmt.Fprint(stdout, assetsUsage)
		return nil
	}
	sub := args[0]
	synopsis, ok := assetsSynopsis[sub]
	if !ok {
		fmt.Fprintf(stderr, "hitori: unknown assets command %q\n%s", sub, assetsUsage)
		return errUsage
	}
	fset := newFlags("assets "+sub, synopsis, stdout)
	var d dataFlags
	d.register(fset)
	switch sub {
	case "import":
		return assetsImport(ctx, fset, &d, args[1:], stdout, stderr)
	default:
		return assetsExport(ctx, fset, &d, args[1:], stdout, stderr)
	}
}

// importJSON is the import's public JSON contract.
type importJSON struct {
	Valid     int               `json:"valid"`
	Created   int               `json:"created"`
	Updated   int               `json:"updated"`
	Unchanged int               `json:"unchanged"`
	Errors    []importJSONError `json:"errors"`
}

type importJSONError struct {
	Sheet  string `json:"sheet"`
	Row    int    `json:"row"`
	Column string `json:"column"`
	Reason string `json:"reason"`
}

func assetsImport(ctx context.Context, fset *flag.FlagSet, d *dataFlags, args []string, stdout, stderr io.Writer) error {
	sheet := fset.String("sheet", "", "import only this sheet")
	mappingFile := fset.String("mapping", "", "JSON file mapping header texts to fields")
	dry := fset.Bool("dry-run", false, "show what would change; write nothing")
	asJSON := fset.Bool("json", false, `print one JSON object {"valid","created","updated","unchanged","errors":[{"sheet","row","column","reason"}]}`)
	lang := fset.String("lang", "ja", "language of error reasons: ja or en")
	if err := parse(fset, args, 1); err != nil {
		return helpOK(err)
	}
	if fset.NArg() != 1 {
		fmt.Fprintf(stderr, "Usage: %s\n", strings.SplitN(assetsSynopsis["import"], "\n", 2)[0])
		return errUsage
	}
	data, err := readLimited(fset.Arg(0), ledger.DefaultLimits.FileBytes)
	if err != nil {
		return err
	}
	var mapping ledger.Mapping
	if *mappingFile != "" {
		b, err := readLimited(*mappingFile, 1<<20)
		if err != nil {
			return err
		}
		if err := json.Unmarshal(b, &mapping); err != nil {
			return hitori.Errorf(hitori.EINVALID, "%s: not a JSON object of header → field: %v", *mappingFile, err)
		}
	}
	db, cleanup, err := openForImport(ctx, d, *dry)
	if err != nil {
		return err
	}
	defer cleanup()
	svc := asset.New(db.Assets())
	rep, err := svc.Import(ctx, asset.ImportRequest{Name: fset.Arg(0), Data: data, Sheet: *sheet, Mapping: mapping, DryRun: *dry})
	if err != nil {
		return cliLedgerError(err, *lang)
	}
	if *asJSON {
		out := importJSON{Valid: rep.Valid, Created: rep.Created, Updated: rep.Updated, Unchanged: rep.Unchanged,
			Errors: []importJSONError{}}
		if len(rep.Licenses) > 0 && !rep.LicensesImported {
			fmt.Fprintf(stderr, "hitori: %d licenses recognised but not imported (the register has no license store yet)\n", len(rep.Licenses))
		}
		for _, e := range rep.Errors {
			out.Errors = append(out.Errors, importJSONError{Sheet: e.Sheet, Row: e.Row, Column: e.Column, Reason: e.Reason(*lang)})
		}
		enc := json.NewEncoder(stdout)
		enc.SetEscapeHTML(false)
		return enc.Encode(out)
	}
	return printImport(stdout, fset.Arg(0), rep, *lang)
}

// openForImport opens the data folder's database. A dry run reads only:
// with no database yet it plans against an empty register in a temporary
// folder rather than create the data folder.
func openForImport(ctx context.Context, d *dataFlags, dry bool) (*sqlstore.DB, func(), error) {
	if !dry {
		db, err := d.open(ctx)
		if err != nil {
			return nil, nil, err
		}
		return db, func() { db.Close() }, nil
	}
	if d.db == "" {
		if _, err := os.Stat(d.dsn()); errors.Is(err, fs.ErrNotExist) {
			tmp, err := os.MkdirTemp("", "hitori-dry-run-")
			if err != nil {
				return nil, nil, err
			}
			t := dataFlags{data: tmp}
			db, err := t.open(ctx)
			if err != nil {
				os.RemoveAll(tmp)
				return nil, nil, err
			}
			return db, func() { db.Close(); os.RemoveAll(tmp) }, nil
		}
	}
	db, err := d.openExisting(ctx)
	if err != nil {
		return nil, nil, err
	}
	return db, func() { db.Close() }, nil
}

// printImport prints the human summary: counts, then errors as aligned
// columns (sheet, row, column, reason), then changes field by field.
func printImport(w io.Writer, name string, rep *asset.ImportReport, lang string) error {
	verb := "imported"
	if rep.DryRun {
		verb = "dry run (nothing written)"
	}
	fmt.Fprintf(w, "%s %s: %d valid rows — %d created, %d updated, %d unchanged; %d errors\n",
		verb, name, rep.Valid, rep.Created, rep.Updated, rep.Unchanged, len(rep.Errors))
	for _, sh := range rep.Sheets {
		fmt.Fprintf(w, "sheet %s: header row %d, %s\n", sh.Name, sh.HeaderRow, sheetKind(sh))
	}
	if len(rep.Errors) > 0 {
		rows := [][]string{{"SHEET", "ROW", "COLUMN", "REASON"}}
		for _, e := range rep.Errors {
			reason := e.Reason(lang)
			if e.Value != "" {
				reason += " (" + e.Value + ")"
			}
			rows = append(rows, []string{e.Sheet, strconv.Itoa(e.Row), e.Column, reason})
		}
		fmt.Fprintln(w)
		if err := writeColumns(w, rows); err != nil {
			return err
		}
	}
	var changes [][]string
	for _, o := range rep.Rows {
		for _, c := range o.Changes {
			changes = append(changes, []string{o.Sheet, strconv.Itoa(o.Row), o.Number, c.Field, c.Old + " → " + c.New})
		}
	}
	if len(changes) > 0 {
		fmt.Fprintln(w)
		if err := writeColumns(w, append([][]string{{"SHEET", "ROW", "NUMBER", "FIELD", "CHANGE"}}, changes...)); err != nil {
			return err
		}
	}
	if len(rep.NewPeople)+len(rep.NewDepartments) > 0 {
		fmt.Fprintf(w, "\nnew people: %d, new departments: %d\n", len(rep.NewPeople), len(rep.NewDepartments))
	}
	if len(rep.Licenses) > 0 && !rep.LicensesImported {
		fmt.Fprintf(w, "\n%d licenses recognised but not imported (the register has no license store yet)\n", len(rep.Licenses))
	}
	return nil
}

func sheetKind(sh *ledger.SheetResult) string {
	if sh.Kind == "license" {
		return fmt.Sprintf("%d licenses", len(sh.Licenses))
	}
	return fmt.Sprintf("%d asset rows, %d with errors", len(sh.Rows), sh.Bad)
}

func assetsExport(ctx context.Context, fset *flag.FlagSet, d *dataFlags, args []string, stdout, stderr io.Writer) error {
	format := fset.String("format", "", "xlsx or csv (default: from --out's extension, else xlsx)")
	encoding := fset.String("encoding", "utf-8", "CSV encoding: utf-8 (with BOM) or cp932")
	layout := fset.String("layout", asset.LayoutRegister, "register or last-import")
	out := fset.String("out", "", "file to write")
	if err := parse(fset, args, 0); err != nil {
		return helpOK(err)
	}
	if *out == "" {
		fmt.Fprintln(stderr, "hitori: --out is required")
		return errUsage
	}
	if *format == "" {
		*format = "xlsx"
		if strings.EqualFold(filepath.Ext(*out), ".csv") {
			*format = "csv"
		}
	}
	db, err := d.openExisting(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	svc := asset.New(db.Assets())
	// Write next to the target and rename, so a failed export leaves no
	// half-written file under the name asked for.
	tmp, err := os.CreateTemp(filepath.Dir(*out), ".hitori-export-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	n, err := svc.Export(ctx, tmp, asset.ExportRequest{Format: *format, Encoding: *encoding, Layout: *layout})
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return cliLedgerError(err, "en")
	}
	if err := os.Rename(tmp.Name(), *out); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "exported %d assets to %s\n", n, *out)
	return nil
}

// cliLedgerError gives a ledger catalogue key its text.
func cliLedgerError(err error, lang string) error {
	if e, ok := hitori.AsError(err); ok {
		key := e.Key
		for _, k := range e.Fields {
			key = k
		}
		if text := ledger.Reason(key, lang); text != key {
			return hitori.Errorf(e.Code, "%s", text)
		}
	}
	return err
}

// readLimited reads a file of at most max bytes.
func readLimited(path string, max int64) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, max+1))
	if err != nil {
		return nil, err
	}
	if int64(len(b)) > max {
		return nil, hitori.Errorf(hitori.EINVALID, "%s is larger than %d MiB", path, max>>20)
	}
	return b, nil
}
