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
	Title      string // plain language, shown to colleagues on the status page
	Status     IncidentStatus
	OpenedAt   time.Time
	AckedAt    *time.Time
	ResolvedAt *time.Time
	ItemID     int64 // the work item the incident became (0 until then)
}

// IncidentReader is what pages outside operations (the status page, the
// portal banner, intake's "we know" reply) read of incidents.
type IncidentReader interface {
	// OpenIncidents lists the incidents not yet resolved, newest first.
	OpenIncidents(ctx context.Context) ([]*Incident, error)
}
