package hitori

import (
	"context"
	"time"
)

// IncidentStatus is where an outage stands.
type IncidentStatus string

// Incident statuses.
const (
	IncidentOpen         IncidentStatus = "open"         // down, nobody has acknowledged
	IncidentAcknowledged IncidentStatus = "acknowledged" // down, someone is on it
	IncidentResolved     IncidentStatus = "resolved"     // recovered
)

// Incident is one outage: opened when a monitor goes down (after its
// retries), resolved when it recovers. It is the thing alerts escalate
// about, the work item it becomes, and what the status page shows.
type Incident struct {
	ID         int64
	MonitorID  int64
	Title      string // plain language, shown to colleagues on the status page: the monitor's name
	Status     IncidentStatus
	OpenedAt   time.Time
	AckedAt    *time.Time
	ResolvedAt *time.Time
	ItemID     int64 // the work item the incident became (0 until then)

	// What alerting keeps on the incident.
	AckedBy  string     // who acknowledged, as shown
	UpAt     *time.Time // the monitor came back; the incident resolves once it stays up for the rule's ResolveAfter
	Step     int        // escalation steps alerted so far (0: nobody told yet)
	StepAt   *time.Time // when the latest step went out
	RemindAt *time.Time // when the latest alert or "still down" reminder went out
	Held     bool       // alerts are being held (quiet hours, too few failures yet)
	NextAt   *time.Time // when the escalation sweep looks at it next; nil: only a new result wakes it
	Critical bool       // its monitor's rule was critical when it opened
	Version  int64      // bumped by every change: alerting's compare-and-set
}

// Open reports whether the outage is not over.
func (i *Incident) Open() bool { return i.Status != IncidentResolved }

// IncidentEntryKind is what a timeline entry of an incident records.
type IncidentEntryKind string

// Timeline entry kinds.
const (
	EntryDown        IncidentEntryKind = "down"        // the monitor went down (opens the incident)
	EntryDownAgain   IncidentEntryKind = "down_again"  // it failed again before the recovery held: same outage
	EntryAlert       IncidentEntryKind = "alert"       // step 1 went to a channel
	EntryEscalation  IncidentEntryKind = "escalation"  // a later step went to a channel
	EntryReminder    IncidentEntryKind = "reminder"    // a "still down" reminder went to a channel
	EntryHeld        IncidentEntryKind = "held"        // alerts held (quiet hours)
	EntrySkipped     IncidentEntryKind = "skipped"     // a step named a channel that does not exist
	EntryAck         IncidentEntryKind = "ack"         // someone acknowledged
	EntryMaintenance IncidentEntryKind = "maintenance" // a maintenance window began during the outage
	EntryUp          IncidentEntryKind = "up"          // the monitor answered again
	EntryRecovery    IncidentEntryKind = "recovery"    // the recovery notice went to a channel
	EntryResolved    IncidentEntryKind = "resolved"    // the outage is over
	EntryItem        IncidentEntryKind = "item"        // the work item was opened
)

// IncidentEntry is one line of an incident's timeline.
type IncidentEntry struct {
	ID         int64
	IncidentID int64
	At         time.Time
	Kind       IncidentEntryKind
	Step       int    // the escalation step, for alerts
	ChannelID  int64  // the channel told, for alerts, reminders and recoveries
	Actor      string // who acknowledged
	Message    string // the check's message, or a detail
}

// IncidentReader is what pages outside operations (the status page, the
// portal banner, intake's "we know" reply) read of incidents.
type IncidentReader interface {
	// OpenIncidents lists the incidents not yet resolved, newest first.
	OpenIncidents(ctx context.Context) ([]*Incident, error)
}

// IncidentFilter selects a page of incidents.
type IncidentFilter struct {
	OpenOnly  bool
	MonitorID int64
	Query     string // in the title
	Sort      string // "opened" (newest first, the default), "oldest"
	Offset    int
	Limit     int
}

// IncidentService is the incidents as staff see and handle them. No user
// in the context is the system (an ack link's holder, checked by its
// signature before): it may acknowledge.
type IncidentService interface {
	IncidentReader
	FindIncidents(ctx context.Context, f IncidentFilter) ([]*Incident, int, error)
	// FindIncident returns an incident with its timeline, oldest first.
	FindIncident(ctx context.Context, id int64) (*Incident, []*IncidentEntry, error)
	// AcknowledgeIncident marks an open incident acknowledged by who: the
	// escalation stops. Acknowledged or resolved already is no error.
	AcknowledgeIncident(ctx context.Context, id int64, who string) error
}

// IncidentRun is what alerting's background work needs of storage (it
// acts for the installation: no user in the context).
type IncidentRun interface {
	// DueIncidents lists open incidents whose NextAt is at or before now.
	DueIncidents(ctx context.Context, now time.Time, limit int) ([]int64, error)
	// IncidentForAct returns an incident with its monitor's state (nil
	// when the monitor was deleted) and retries.
	IncidentForAct(ctx context.Context, id int64) (*Incident, *MonitorState, int, error)
	// ApplyIncident stores inc's alerting fields, appends entries and
	// enqueues jobs in one transaction, if inc.Version is still the stored
	// one (then bumped); otherwise ECONFLICT and nothing is written.
	ApplyIncident(ctx context.Context, inc *Incident, entries []*IncidentEntry, jobs []*Job) error
	// IncidentTimeline returns an incident's timeline, oldest first.
	IncidentTimeline(ctx context.Context, id int64) ([]*IncidentEntry, error)
	// SetIncidentItem records the work item an incident became.
	SetIncidentItem(ctx context.Context, id, itemID int64) error
	// AckKey returns the installation's secret for signing ack links,
	// made on first use.
	AckKey(ctx context.Context) ([]byte, error)
}

// IncidentStore is the incidents' storage.
type IncidentStore interface {
	IncidentService
	IncidentRun
	AlertRuleService
	MaintenanceService
	MaintenanceReader
	AlertChannelNames
}

// Alerting's background jobs. The monitors' writer owes JobIncidentAct in
// the transaction that opens or changes an incident; JobIncidentSweep runs
// on a schedule for what time alone makes due (escalation, reminders,
// quiet hours ending, a recovery that held); JobIncidentItem opens and
// closes the incident's work item through the work service.
const (
	JobIncidentAct   = "incident.act"
	JobIncidentSweep = "incident.sweep"
	JobIncidentItem  = "incident.item"
)

// IncidentJob is the payload of JobIncidentAct and JobIncidentItem.
type IncidentJob struct {
	IncidentID int64 `json:"incident_id"`
}
