package hitori

// ReadinessCheck is one thing a system needs so someone else can run it
// the day its administrator is gone.
type ReadinessCheck string

// The readiness checks, in the order the pages show them.
const (
	CheckOwner       ReadinessCheck = "owner"       // someone owns the system
	CheckVendor      ReadinessCheck = "vendor"      // a supporting vendor is on file
	CheckContract    ReadinessCheck = "contract"    // a contract covers the system
	CheckRunbook     ReadinessCheck = "runbook"     // a linked runbook reviewed within its review date
	CheckCredentials ReadinessCheck = "credentials" // a credential in the vault is linked
	CheckKit         ReadinessCheck = "kit"         // emergency kit issued: a second person can open the vault
	CheckMonitored   ReadinessCheck = "monitored"   // a linked monitor
	CheckBackup      ReadinessCheck = "backup"      // the backup is checked (a heartbeat that is up)
)

// ReadinessChecks lists every check in display order.
var ReadinessChecks = []ReadinessCheck{CheckOwner, CheckVendor, CheckContract, CheckRunbook, CheckCredentials, CheckKit, CheckMonitored, CheckBackup}

// ReadinessGap is one missing check of one system, with the page that
// fixes it.
type ReadinessGap struct {
	SystemID    int64
	System      string
	Criticality Criticality
	Check       ReadinessCheck
	FixURL      string
}

// SystemReadiness is one system's checks and score (0–100).
type SystemReadiness struct {
	System  *System
	Passed  []ReadinessCheck
	Missing []ReadinessCheck
	Score   int
}

// Readiness is the handover readiness of the whole register: each system,
// the overall score (weighted by criticality: high 3, medium 2, low 1) and
// the gaps, most critical system first.
type Readiness struct {
	Systems []*SystemReadiness
	Score   int // 0–100; 0 with no systems
	Gaps    []ReadinessGap
	// KitIssued is whether emergency vault shares were ever issued.
	KitIssued bool
	// RunbookPeriodDays is how recent a runbook without a review date must
	// have been updated to count as reviewed.
	RunbookPeriodDays int
}
