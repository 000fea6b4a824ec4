package hitori

// WorkKind is what sort of work an item is, for the time and workload
// reports: where the admin's hours go (inquiries, interruptions, projects,
// maintenance, incidents).
type WorkKind string

// Work kinds.
const (
	KindInquiry      WorkKind = "inquiry"      // a colleague's question or request (mail, portal)
	KindInterruption WorkKind = "interruption" // "ちょっといい？": a walk-up or a phone call
	KindProject      WorkKind = "project"      // planned work toward a goal
	KindMaintenance  WorkKind = "maintenance"  // keeping things running: updates, renewals, backups
	KindIncident     WorkKind = "incident"     // an outage or security event
)

// WorkKinds lists every kind in display order.
var WorkKinds = []WorkKind{KindInquiry, KindInterruption, KindProject, KindMaintenance, KindIncident}

// Valid reports whether k is a known kind.
func (k WorkKind) Valid() bool {
	for _, x := range WorkKinds {
		if k == x {
			return true
		}
	}
	return false
}

// DefaultWorkKind is the kind an item gets when nobody chose one: the
// admin's own tasks are projects; a ticket that came in person or by phone
// interrupted whatever was going on; anything else is an inquiry. The
// admin can change it afterwards (ItemUpdate.Kind).
func DefaultWorkKind(t ItemType, s Source) WorkKind {
	switch {
	case t == TypeTask:
		return KindProject
	case s == SourceWalkUp || s == SourcePhone:
		return KindInterruption
	}
	return KindInquiry
}
