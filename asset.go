package hitori

import (
	"context"
	"time"
)

// AssetType is what kind of thing an asset is.
type AssetType string

// Asset types the register knows; the ledger import maps Japanese names
// (ノートPC, 複合機, …) onto these.
const (
	AssetPC         AssetType = "pc"
	AssetMonitor    AssetType = "monitor"
	AssetPhone      AssetType = "phone" // phones and tablets
	AssetServer     AssetType = "server"
	AssetNetwork    AssetType = "network"
	AssetPrinter    AssetType = "printer"
	AssetPeripheral AssetType = "peripheral"
	AssetOther      AssetType = "other"
)

// AssetTypes lists every type in display order.
var AssetTypes = []AssetType{AssetPC, AssetMonitor, AssetPhone, AssetServer, AssetNetwork, AssetPrinter, AssetPeripheral, AssetOther}

// AssetStatus is where an asset is in its life.
type AssetStatus string

// Lifecycle statuses: 在庫 / 使用中 / 修理中 / 貸出中 / 廃棄予定 / 廃棄済.
const (
	AssetInStock  AssetStatus = "in_stock"
	AssetInUse    AssetStatus = "in_use"
	AssetRepair   AssetStatus = "repair"
	AssetOnLoan   AssetStatus = "on_loan"
	AssetRetiring AssetStatus = "retiring"
	AssetRetired  AssetStatus = "retired"
)

// AssetStatuses lists every status in lifecycle order.
var AssetStatuses = []AssetStatus{AssetInStock, AssetInUse, AssetRepair, AssetOnLoan, AssetRetiring, AssetRetired}

// Date is a calendar date as "YYYY-MM-DD", or "" when unknown. Dates are
// stored as this text in both databases, so they sort and compare as text.
type Date string

// Time returns the date at midnight in loc, and false when d is empty or
// not a valid date.
func (d Date) Time(loc *time.Location) (time.Time, bool) {
	if d == "" {
		return time.Time{}, false
	}
	t, err := time.ParseInLocation("2006-01-02", string(d), loc)
	return t, err == nil
}

// DateOf returns t's calendar date in t's location.
func DateOf(t time.Time) Date { return Date(t.Format("2006-01-02")) }

// Department is a part of the company that people and assets belong to.
type Department struct {
	ID   int64
	Name string
	Code string // the company's own code, optional
}

// Person is a colleague as the register knows them; a person need not have
// a sign-in account (UserID 0), so ledgers can name anyone.
type Person struct {
	ID           int64
	Name         string
	Email        string
	DepartmentID int64 // 0: none
	UserID       int64 // 0: no account
	EmployeeNo   string
	Active       bool
	CreatedAt    time.Time
	UpdatedAt    time.Time

	Department string // the department's name, filled on reads
}

// Asset is one thing in the IT asset register (IT資産管理台帳).
type Asset struct {
	ID            int64
	Number        string // 資産番号; "" for a device seen only by inventory so far
	Type          AssetType
	Maker         string
	Model         string
	Serial        string
	Status        AssetStatus
	PersonID      int64 // who uses it; 0: nobody
	DepartmentID  int64 // 0: none
	Location      string
	AcquiredOn    Date
	PriceYen      *int64 // nil: unknown
	Vendor        string
	WarrantyUntil Date
	LeaseUntil    Date
	LoanDue       Date // when a loan (status on_loan) is due back
	Notes         string
	// Custom holds the administrator-defined fields of the asset's type,
	// by field name.
	Custom map[string]string
	// Identity seen by inventory agents; the match keys after Number and
	// Serial.
	HardwareUUID string
	Hostname     string
	OSName       string
	OSVersion    string
	LastSeenAt   *time.Time // last inventory report; nil: never reported
	Source       string     // how it entered the register: "manual", "ledger", "inventory"
	CreatedAt    time.Time
	UpdatedAt    time.Time

	// Filled on reads.
	Person        string // the person's name
	Department    string // the department's name
	SoftwareCount int    // installed software seen by inventory
}

// AssetEventKind says what happened to an asset.
type AssetEventKind string

// Asset history kinds.
const (
	AssetCreated   AssetEventKind = "created"
	AssetChanged   AssetEventKind = "changed"   // fields edited (Changes lists them)
	AssetStatusSet AssetEventKind = "status"    // lifecycle status changed
	AssetAssigned  AssetEventKind = "assigned"  // person or department changed
	AssetMoved     AssetEventKind = "moved"     // location changed
	AssetRepaired  AssetEventKind = "repair"    // sent to or back from repair
	AssetCheckOut  AssetEventKind = "check_out" // lent, with a due date
	AssetCheckIn   AssetEventKind = "check_in"  // loan returned
	AssetImported  AssetEventKind = "imported"  // created or changed by a ledger import
	AssetInventory AssetEventKind = "inventory" // changed by an agent's report
	AssetStocktake AssetEventKind = "stocktake" // seen in a physical inventory (棚卸し)
)

// FieldChange is one field's old and new value in an asset's history.
type FieldChange struct {
	Field string `json:"field"`
	Old   string `json:"old"`
	New   string `json:"new"`
}

// AssetEvent is one entry of an asset's history: who did what and when.
type AssetEvent struct {
	ID      int64
	AssetID int64
	At      time.Time
	ActorID int64 // 0: the system (import, inventory, scheduler)
	Kind    AssetEventKind
	Changes []FieldChange
	Note    string

	Actor string // the actor's name, filled on reads
}

// AssetStore is the asset area's storage. It is split by part so each
// part's methods live beside their SQL.
type AssetStore interface {
	AssetRegister
	InventoryStore
	LedgerStore
	LicenseStore
}

// AssetRegister keeps assets, people, departments, history and licenses.
// The context's user is recorded as the actor of each history entry; who
// may call is the asset service's rule, not the store's.
type AssetRegister interface {
	CreateAsset(ctx context.Context, a *Asset) error
	FindAsset(ctx context.Context, id int64) (*Asset, error)
	FindAssets(ctx context.Context, f AssetFilter) ([]*Asset, int, error)
	// UpdateAsset applies change to the asset as stored (row locked) and
	// records one history entry of the changed fields; nil changes: none.
	UpdateAsset(ctx context.Context, id int64, note string, change func(a *Asset) error) ([]FieldChange, error)
	DeleteAsset(ctx context.Context, id int64) (*Asset, error)
	AssetHistory(ctx context.Context, id int64, limit int) ([]*AssetEvent, error)
	AssetSoftware(ctx context.Context, id int64) ([]AssetSoftwareEntry, error)
	CheckOutAsset(ctx context.Context, id, personID int64, due Date, note string) error
	CheckInAsset(ctx context.Context, id int64, location, note string) error
	OverdueLoans(ctx context.Context, today Date) ([]*Asset, error)

	FindPeople(ctx context.Context, f PersonFilter) ([]*Person, int, error)
	FindPerson(ctx context.Context, id int64) (*Person, error)
	CreatePerson(ctx context.Context, p *Person) error
	UpdatePerson(ctx context.Context, p *Person) error
	DeletePerson(ctx context.Context, id int64) error
	// EnsurePerson finds a person by name (preferring one in deptID) or
	// creates them: what a ledger import needs for its 使用者 column.
	EnsurePerson(ctx context.Context, name string, deptID int64) (*Person, error)
	Departments(ctx context.Context) ([]*Department, error)
	CreateDepartment(ctx context.Context, d *Department) error
	UpdateDepartment(ctx context.Context, d *Department) error
	DeleteDepartment(ctx context.Context, id int64) error
	EnsureDepartment(ctx context.Context, name string) (*Department, error)

	AssetFieldDefs(ctx context.Context, t AssetType) ([]*AssetFieldDef, error)
	SaveAssetFieldDef(ctx context.Context, d *AssetFieldDef) error
	DeleteAssetFieldDef(ctx context.Context, id int64) error

	StartStocktake(ctx context.Context, note string) (*Stocktake, error)
	// CurrentStocktake is the open round, or ENOTFOUND.
	CurrentStocktake(ctx context.Context) (*Stocktake, error)
	FinishStocktake(ctx context.Context, id int64) error
	ConfirmStocktake(ctx context.Context, roundID, assetID int64, c StocktakeConfirm) error
	StocktakeSeen(ctx context.Context, roundID, assetID int64) (bool, error)
	StocktakeUnseen(ctx context.Context, roundID int64, limit int) ([]*Asset, error)
}

// InventoryStore keeps what inventory agents report.
type InventoryStore interface {
	// ApplyInventory matches the report's device (hardware UUID, BIOS
	// serial, then MAC address) and creates or updates its asset, its
	// detail, MACs and software in one transaction, writing only what
	// changed (an unchanged report touches last_seen_at only).
	ApplyInventory(ctx context.Context, r *InventoryReport, opt InventoryApply) (InventoryOutcome, error)
	// ApplyInventoryBatch applies several reports as ApplyInventory does, in
	// order and in one transaction (reports[i] with opts[i]); if that fails,
	// each alone, so that one bad report fails nobody else's: errs[i] is
	// reports[i]'s error.
	ApplyInventoryBatch(ctx context.Context, reports []*InventoryReport, opts []InventoryApply) (outs []InventoryOutcome, errs []error)
	// InventoryPendingList lists held reports, newest first.
	InventoryPendingList(ctx context.Context) ([]*InventoryPending, error)
	// DecideInventoryPending approves (applies) or rejects a held report.
	DecideInventoryPending(ctx context.Context, id int64, approve bool, actorID int64, titleKey func(string) string) (InventoryOutcome, error)
	// InventoryStates lists every asset with an inventory report, with its
	// detail and software when withSoftware.
	InventoryStates(ctx context.Context, withSoftware bool) ([]*InventoryState, error)
}

// LedgerStore keeps what ledger imports need beyond the register
// (saved column mappings).
type LedgerStore interface {
	ledgerStore // ledger_import.go
}
