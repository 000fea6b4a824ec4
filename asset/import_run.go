package asset

import (
	"context"
	"encoding/json"
	"fmt"
	"sync"

	"hitori"
	"hitori/ledger"
)

// JobLedgerImport is the job kind that runs a large web import.
const JobLedgerImport = "asset.ledger_import"

// SyncRunBytes is the largest file a web import runs within the request;
// larger ones run as a job while the page shows progress.
const SyncRunBytes = 512 << 10

// reportRowCap bounds how many created or changed rows a stored report
// lists (the counts are always complete): a preview of 50,000 new rows is
// not read row by row.
const reportRowCap = 2000

// RunReport is what a web import run reports, stored as JSON with the run.
type RunReport struct {
	DryRun                             bool
	Valid, Created, Updated, Unchanged int
	Errors                             []RunError
	Rows                               []hitori.LedgerOutcome // created and changed rows, at most reportRowCap
	MoreRows                           int                    // created or changed rows left out
	Sheets                             []RunSheet
	Skipped                            []string
	NewPeople, NewDepartments          []string
	Licenses                           int
	LicensesImported                   bool
}

// RunError is one error of a run: sheet, 1-based row, column header,
// catalogue key and the cell's text.
type RunError struct {
	Sheet  string
	Row    int
	Column string
	Key    string
	Value  string
}

// RunSheet is one recognised sheet with its column mapping, for the
// mapping correction form.
type RunSheet struct {
	Name      string
	Kind      string
	HeaderRow int
	Columns   []ledger.Column
	Rows, Bad int
	Licenses  int
}

// progress holds the running imports' progress in this process: the
// import's own transaction holds SQLite's only writer, so progress cannot
// go through the database while it runs.
var progress sync.Map // run id → [2]int{done, total}

// RunProgress reports a running import's rows done and total, when this
// process runs it.
func RunProgress(id int64) (done, total int, ok bool) {
	v, ok := progress.Load(id)
	if !ok {
		return 0, 0, false
	}
	p := v.([2]int)
	return p[0], p[1], true
}

// StartRun stores an uploaded ledger as a new web import whose first run
// is a preview. The caller runs it (RunLedger) or queues JobLedgerImport.
func (s *Service) StartRun(ctx context.Context, name string, data []byte, sheet string, actorID int64) (*hitori.LedgerRun, error) {
	if int64(len(data)) > ledger.DefaultLimits.FileBytes {
		return nil, hitori.FieldError("file", "ledger.error.too_large")
	}
	if len(data) == 0 {
		return nil, hitori.FieldError("file", "error.required")
	}
	r := &hitori.LedgerRun{Name: name, Sheet: sheet, DryRun: true, State: hitori.LedgerRunQueued, ActorID: actorID}
	return r, s.Store.CreateLedgerRun(ctx, r, data)
}

// QueueRun sets a run's next pass: a preview with a corrected mapping, or
// (dry false) the import itself.
func (s *Service) QueueRun(ctx context.Context, r *hitori.LedgerRun, mapping ledger.Mapping, dry bool) error {
	if r.State == hitori.LedgerRunRunning || r.State == hitori.LedgerRunQueued {
		return hitori.KeyError(hitori.ECONFLICT, "ledger.error.busy")
	}
	if !r.DryRun {
		return hitori.KeyError(hitori.ECONFLICT, "ledger.error.done")
	}
	if mapping != nil {
		r.Mapping = mapping
	}
	r.DryRun, r.State, r.Error = dry, hitori.LedgerRunQueued, ""
	return s.Store.UpdateLedgerRun(ctx, r)
}

// RunLedger runs a queued import run and stores its report. A problem
// with the file fails the run with its catalogue key; an internal error
// is returned (a job is retried) with the run left queued.
func (s *Service) RunLedger(ctx context.Context, id int64) error {
	r, err := s.Store.LedgerRun(ctx, id)
	if err != nil {
		return err
	}
	if r.State != hitori.LedgerRunQueued && r.State != hitori.LedgerRunRunning {
		return nil // done already: a job run twice does nothing twice
	}
	data, err := s.Store.LedgerRunData(ctx, id)
	if err != nil {
		return err
	}
	r.State = hitori.LedgerRunRunning
	if err := s.Store.UpdateLedgerRun(ctx, r); err != nil {
		return err
	}
	progress.Store(id, [2]int{0, 0})
	defer progress.Delete(id)
	rep, err := s.Import(ctx, ImportRequest{Name: r.Name, Data: data, Sheet: r.Sheet, Mapping: r.Mapping, DryRun: r.DryRun,
		ActorID: r.ActorID, Progress: func(done, total int) { progress.Store(id, [2]int{done, total}) }})
	if err != nil {
		e, ok := hitori.AsError(err)
		if !ok || e.Code == hitori.EINTERNAL {
			r.State = hitori.LedgerRunQueued
			if uerr := s.Store.UpdateLedgerRun(context.WithoutCancel(ctx), r); uerr != nil {
				return fmt.Errorf("%w (and %v)", err, uerr)
			}
			return err
		}
		r.State, r.Error = hitori.LedgerRunFailed, e.Key
		for _, k := range e.Fields {
			r.Error = k
		}
		return s.Store.UpdateLedgerRun(ctx, r)
	}
	b, err := json.Marshal(runReport(rep))
	if err != nil {
		return err
	}
	r.State, r.Report = hitori.LedgerRunDone, string(b)
	return s.Store.UpdateLedgerRun(ctx, r)
}

// LedgerImportJob runs JobLedgerImport: payload {"run": ID}.
func (s *Service) LedgerImportJob(ctx context.Context, j *hitori.Job) error {
	var p struct {
		Run int64 `json:"run"`
	}
	if err := json.Unmarshal([]byte(j.Payload), &p); err != nil || p.Run == 0 {
		return fmt.Errorf("asset: ledger import job payload %q: %v", j.Payload, err)
	}
	return s.RunLedger(ctx, p.Run)
}

// RunJob is the job that runs run r.
func RunJob(r *hitori.LedgerRun) *hitori.Job {
	return &hitori.Job{Kind: JobLedgerImport, Payload: fmt.Sprintf(`{"run":%d}`, r.ID),
		UniqueKey: fmt.Sprintf("ledger-run-%d", r.ID), MaxAttempts: 3}
}

func runReport(rep *ImportReport) *RunReport {
	out := &RunReport{DryRun: rep.DryRun, Valid: rep.Valid, Created: rep.Created, Updated: rep.Updated, Unchanged: rep.Unchanged,
		Skipped: rep.Skipped, NewPeople: capped(rep.NewPeople), NewDepartments: capped(rep.NewDepartments),
		Licenses: len(rep.Licenses), LicensesImported: rep.LicensesImported, Errors: []RunError{}}
	for _, e := range rep.Errors {
		out.Errors = append(out.Errors, RunError{Sheet: e.Sheet, Row: e.Row, Column: e.Column, Key: e.Key, Value: e.Value})
	}
	for _, o := range rep.Rows {
		if o.Action == hitori.LedgerUnchanged {
			continue
		}
		if len(out.Rows) >= reportRowCap {
			out.MoreRows++
			continue
		}
		out.Rows = append(out.Rows, o)
	}
	for _, sh := range rep.Sheets {
		out.Sheets = append(out.Sheets, RunSheet{Name: sh.Name, Kind: sh.Kind, HeaderRow: sh.HeaderRow, Columns: sh.Columns,
			Rows: len(sh.Rows), Bad: sh.Bad, Licenses: len(sh.Licenses)})
	}
	return out
}

func capped(names []string) []string {
	if len(names) > reportRowCap {
		return names[:reportRowCap]
	}
	return names
}

// ParseRunReport reads a stored report.
func ParseRunReport(r *hitori.LedgerRun) (*RunReport, error) {
	if r.Report == "" {
		return nil, nil
	}
	rep := &RunReport{}
	if err := json.Unmarshal([]byte(r.Report), rep); err != nil {
		return nil, fmt.Errorf("asset: ledger run %d report: %w", r.ID, err)
	}
	return rep, nil
}
