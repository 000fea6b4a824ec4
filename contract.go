package hitori

import (
	"context"
	"time"
)

// NoticeUnit is what a contract's notice period is counted in.
type NoticeUnit string

// Notice units: Japanese contracts say "30日前" or "3か月前".
const (
	NoticeDays   NoticeUnit = "days"
	NoticeMonths NoticeUnit = "months"
)

// Limits on a contract's numbers.
const (
	NoticeDaysMax   = 730
	NoticeMonthsMax = 24
	ContractCostMax = 1_000_000_000_000 // yen
	// MaxContractFileSize bounds one attached document (a signed PDF).
	MaxContractFileSize = 20 << 20
	MaxContractFiles    = 30
)

// Contract is an agreement with a vendor covering some systems: its term,
// renewal terms, cost and the signed documents.
type Contract struct {
	ID         int64
	VendorID   int64
	Title      string // e.g. "UTM 保守契約"
	Number     string // the vendor's contract number
	StartsOn   Date
	EndsOn     Date // "" for an open-ended contract
	AutoRenew  bool
	Notice     int        // notice period, in NoticeUnit
	NoticeUnit NoticeUnit // "days" (default) or "months"
	MonthlyYen *int64     // nil: unknown or none
	AnnualYen  *int64
	Notes      string
	SystemIDs  []int64 // systems covered
	CreatedAt  time.Time
	UpdatedAt  time.Time

	// Filled on reads.
	Vendor  string
	Systems []string // names of SystemIDs, in the same order
	Files   []*ContractFile
}

// DecisionOn is the last day to give notice: the end date minus the
// notice period; "" when the contract has no end date.
func (c *Contract) DecisionOn() Date {
	end, ok := c.EndsOn.Time(time.UTC)
	if !ok {
		return ""
	}
	if c.NoticeUnit == NoticeMonths {
		return DateOf(addMonthsClamped(end, -c.Notice))
	}
	return DateOf(end.AddDate(0, 0, -c.Notice))
}

// addMonthsClamped moves t by n months, keeping the day within the target
// month (3月31日 − 1か月 = 2月28日/29日, not 3月3日).
func addMonthsClamped(t time.Time, n int) time.Time {
	first := time.Date(t.Year(), t.Month(), 1, 0, 0, 0, 0, t.Location()).AddDate(0, n, 0)
	last := first.AddDate(0, 1, -1).Day()
	return first.AddDate(0, 0, min(t.Day(), last)-1)
}

// Validate trims and checks a contract before it is stored.
func (c *Contract) Validate() error {
	trimAll(&c.Title, &c.Number, &c.Notes)
	f := fieldChecker{}
	if c.Title == "" {
		f["title"] = "handover.error.title_required"
	}
	f.text("title", c.Title, HandoverNameMax)
	f.text("number", c.Number, HandoverNameMax)
	f.text("notes", c.Notes, HandoverNotesMax)
	if c.VendorID == 0 {
		f["vendor_id"] = "handover.error.vendor_required"
	}
	if !c.StartsOn.Valid() {
		f["starts_on"] = "handover.error.date"
	}
	if !c.EndsOn.Valid() {
		f["ends_on"] = "handover.error.date"
	}
	if c.StartsOn != "" && c.EndsOn != "" && c.EndsOn < c.StartsOn {
		f["ends_on"] = "handover.error.end_before_start"
	}
	if c.NoticeUnit == "" {
		c.NoticeUnit = NoticeDays
	}
	switch {
	case c.NoticeUnit != NoticeDays && c.NoticeUnit != NoticeMonths:
		f["notice"] = "handover.error.notice"
	case c.Notice < 0 || (c.NoticeUnit == NoticeDays && c.Notice > NoticeDaysMax) ||
		(c.NoticeUnit == NoticeMonths && c.Notice > NoticeMonthsMax):
		f["notice"] = "handover.error.notice"
	}
	for name, v := range map[string]*int64{"monthly_yen": c.MonthlyYen, "annual_yen": c.AnnualYen} {
		if v != nil && (*v < 0 || *v > ContractCostMax) {
			f[name] = "handover.error.cost"
		}
	}
	seen := map[int64]bool{}
	ids := c.SystemIDs[:0:0]
	for _, id := range c.SystemIDs {
		if id > 0 && !seen[id] {
			seen[id] = true
			ids = append(ids, id)
		}
	}
	c.SystemIDs = ids
	return f.err("title", "vendor_id", "number", "starts_on", "ends_on", "notice", "monthly_yen", "annual_yen", "notes")
}

// ContractFile is a document attached to a contract; the bytes live in
// the blob store under their SHA-256.
type ContractFile struct {
	ID          int64
	ContractID  int64
	Name        string
	ContentType string
	Size        int64
	SHA256      string
	Author      string
	CreatedAt   time.Time
}

// ContractFilter selects contracts for the list.
type ContractFilter struct {
	Query    string // substring of the title, number or vendor
	VendorID int64
	SystemID int64
	Sort     string // "decision" (default), "end", "title", "vendor", "updated"
	Desc     bool
	Offset   int
	Limit    int // 0: 50
}

// ExpiryDecision and ExpiryContractEnd are the contract dates the renewal
// calendar and the decision-date alerts watch.
const (
	ExpiryDecision    ExpiryKind = "decision"     // a contract's last day to give notice
	ExpiryContractEnd ExpiryKind = "contract_end" // a contract's end
)

// ContractStore keeps contracts, their documents and what the
// decision-date alerts remember.
type ContractStore interface {
	FindContracts(ctx context.Context, f ContractFilter) ([]*Contract, int, error)
	// FindContract returns a contract with its systems and files.
	FindContract(ctx context.Context, id int64) (*Contract, error)
	CreateContract(ctx context.Context, c *Contract) error
	UpdateContract(ctx context.Context, c *Contract) error
	DeleteContract(ctx context.Context, id int64) error
	// AddContractFile records a document already in the blob store.
	AddContractFile(ctx context.Context, f *ContractFile) error
	FindContractFile(ctx context.Context, contractID, fileID int64) (*ContractFile, error)
	DeleteContractFile(ctx context.Context, contractID, fileID int64) error
	// ContractFileInUse reports whether a document row still names the
	// blob sum (so its bytes must stay).
	ContractFileInUse(ctx context.Context, sum string) (bool, error)
	// FindContractDates lists decision dates (Kind ExpiryDecision) and end
	// dates (ExpiryContractEnd) from..until inclusive, soonest first; a
	// decision date carries the steps already alerted.
	FindContractDates(ctx context.Context, from, until Date) ([]*Expiry, error)
	// RecordContractAlerts remembers the alerts not yet recorded and queues
	// what outbox owes for them in one transaction; it returns the new ones.
	RecordContractAlerts(ctx context.Context, alerts []*AssetAlert, outbox AlertOutbox) ([]*AssetAlert, error)
	// CalendarToken returns the user whose calendar feed token this is
	// (ENOTFOUND otherwise); NewCalendarToken replaces the user's token
	// (only its hash is kept) and audits it.
	CalendarToken(ctx context.Context, token string) (*User, error)
	NewCalendarToken(ctx context.Context, userID int64) (string, error)
}
