package hitori

import (
	"context"
	"time"
)

// LedgerRow is one valid row of an imported ledger, as the import hands
// it to the store: the record as the file has it, the names of its person
// and department, and which fields the file sets (only those are written
// over a matched asset; "person", "department", AssetFields names and
// "custom.NAME").
type LedgerRow struct {
	Sheet      string
	Row        int // the spreadsheet's 1-based row
	Asset      *Asset
	Person     string
	Department string
	Set        []string
}

// Ledger row actions.
const (
	LedgerCreate    = "create"
	LedgerUpdate    = "update"
	LedgerUnchanged = "unchanged"
	LedgerError     = "error"
)

// LedgerOutcome is what an import did (or, dry, would do) with one row.
type LedgerOutcome struct {
	Sheet   string
	Row     int
	Number  string
	AssetID int64  // 0 for a row that would create an asset (dry run)
	Action  string // LedgerCreate, LedgerUpdate, LedgerUnchanged, LedgerError
	// Changes lists the fields an update changes; person and department
	// appear by name ("person", "department") rather than by id.
	Changes []FieldChange
	// Field and Key describe an error found while applying (a value the
	// register refuses): the field and its catalogue key.
	Field, Key string
}

// LedgerImportResult sums up an import.
type LedgerImportResult struct {
	Created, Updated, Unchanged int
	Rows                        []LedgerOutcome
	NewPeople                   []string
	NewDepartments              []string
}

// LedgerImportOptions steer ImportLedger.
type LedgerImportOptions struct {
	DryRun  bool   // plan only: everything is rolled back
	ActorID int64  // who imports (0: the system)
	Note    string // the history entries' note (the file's name)
	// Progress, when set, is called as rows are done.
	Progress func(done, total int)
}

// LedgerLayout is a saved column mapping: the header texts of a ledger in
// column order and the field each means ("" ignored), keyed by the header
// signature; the latest one is the layout of the last import.
type LedgerLayout struct {
	Signature string
	Headers   []string
	Fields    []string
	UsedAt    time.Time
}

// ledgerStore is LedgerStore's method set, kept beside its types.
type ledgerStore interface {
	// ImportLedger matches each row to an asset (by asset number, then by
	// serial), creates or updates it with an "imported" history entry,
	// and finds or creates people and departments by name, all in one
	// transaction: either every valid row is written or none.
	ImportLedger(ctx context.Context, rows []LedgerRow, opt LedgerImportOptions) (*LedgerImportResult, error)
	// LedgerLayout returns the saved layout of a header signature, or of
	// the last import when signature is ""; nil when there is none.
	LedgerLayout(ctx context.Context, signature string) (*LedgerLayout, error)
	// SaveLedgerLayout keeps a layout and marks it the last used.
	SaveLedgerLayout(ctx context.Context, l *LedgerLayout) error
	// EachAsset calls fn for every asset in asset-number order (assets
	// without a number last), for exports.
	EachAsset(ctx context.Context, fn func(*Asset) error) error
	ledgerRuns
}

// LedgerRun states.
const (
	LedgerRunQueued  = "queued"
	LedgerRunRunning = "running"
	LedgerRunDone    = "done"
	LedgerRunFailed  = "failed"
)

// LedgerRun is one upload through the web import: the file, the mapping
// the user settled on, whether the last run was a preview, and what that
// run reported. Large files run as a job; the page follows the state.
type LedgerRun struct {
	ID      int64
	Name    string // the file's name
	Size    int64
	Sheet   string
	Mapping map[string]string // header text → field; nil: saved or suggested
	DryRun  bool
	State   string
	Report  string // JSON written by the asset service when done
	Error   string // catalogue key when failed
	ActorID int64
	Created time.Time
	Updated time.Time
}

// ledgerRuns is the part of LedgerStore that keeps web import runs.
type ledgerRuns interface {
	// CreateLedgerRun stores a new run with its file; old runs (a week)
	// are dropped on the way.
	CreateLedgerRun(ctx context.Context, r *LedgerRun, data []byte) error
	LedgerRun(ctx context.Context, id int64) (*LedgerRun, error)
	LedgerRunData(ctx context.Context, id int64) ([]byte, error)
	// UpdateLedgerRun saves a run's mapping, mode, state, report and error.
	UpdateLedgerRun(ctx context.Context, r *LedgerRun) error
}
