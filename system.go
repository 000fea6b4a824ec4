package hitori

import (
	"context"
	"time"
)

// SystemKind is what sort of system or service a register entry is.
type SystemKind string

// System kinds, in display order.
const (
	SystemM365       SystemKind = "m365"       // Microsoft 365 tenant
	SystemFileServer SystemKind = "fileserver" // file server / NAS
	SystemFirewall   SystemKind = "firewall"   // firewall / UTM
	SystemWiFi       SystemKind = "wifi"
	SystemSaaS       SystemKind = "saas"
	SystemDomain     SystemKind = "domain" // domain and DNS
	SystemBackup     SystemKind = "backup"
	SystemOther      SystemKind = "other"
)

// SystemKinds lists every kind in display order.
var SystemKinds = []SystemKind{SystemM365, SystemFileServer, SystemFirewall, SystemWiFi, SystemSaaS, SystemDomain, SystemBackup, SystemOther}

// Valid reports whether k is a known kind.
func (k SystemKind) Valid() bool { return validIn(k, SystemKinds) }

// Criticality is how badly the company suffers when a system is down.
type Criticality string

// Criticalities, most critical first.
const (
	CriticalHigh   Criticality = "high"
	CriticalMedium Criticality = "medium"
	CriticalLow    Criticality = "low"
)

// Criticalities lists every criticality, most critical first.
var Criticalities = []Criticality{CriticalHigh, CriticalMedium, CriticalLow}

// Valid reports whether c is a known criticality.
func (c Criticality) Valid() bool { return validIn(c, Criticalities) }

// Rank orders criticalities: 0 for high, 2 for low.
func (c Criticality) Rank() int {
	for i, v := range Criticalities {
		if v == c {
			return i
		}
	}
	return len(Criticalities)
}

// LinkKind is what a system links to in another area.
type LinkKind string

// What a system can link to.
const (
	LinkArticle LinkKind = "article" // a knowledge-base runbook
	LinkVault   LinkKind = "vault"   // a credential in the vault (its name, never its secret)
	LinkAsset   LinkKind = "asset"
	LinkMonitor LinkKind = "monitor"
)

// LinkKinds lists every link kind.
var LinkKinds = []LinkKind{LinkArticle, LinkVault, LinkAsset, LinkMonitor}

// Valid reports whether k is a known link kind.
func (k LinkKind) Valid() bool { return validIn(k, LinkKinds) }

// SystemLink ties a system to a runbook, a credential, an asset or a
// monitor. Ref is the other area's id as text (vault ids are text).
type SystemLink struct {
	Kind LinkKind
	Ref  string

	// Filled on reads; Missing when the thing linked is gone.
	Label   string
	Missing bool
	// Articles: the review date and last update (readiness).
	ReviewBy  *time.Time
	UpdatedAt time.Time
	// Monitors: type and current status (readiness).
	MonitorType   MonitorType
	MonitorStatus MonitorStatus
}

// RelationKind is how one system relates to another, for the diagram.
type RelationKind string

// Relations between systems.
const (
	RelDependsOn RelationKind = "depends_on" // needs the other to work
	RelRunsOn    RelationKind = "runs_on"    // is hosted on the other
)

// RelationKinds lists every relation kind.
var RelationKinds = []RelationKind{RelDependsOn, RelRunsOn}

// Valid reports whether k is a known relation kind.
func (k RelationKind) Valid() bool { return validIn(k, RelationKinds) }

// SystemRelation is an edge of the configuration diagram: From depends on
// or runs on To.
type SystemRelation struct {
	From int64
	To   int64
	Kind RelationKind
	// ToName is the other system's name, filled on reads.
	ToName string
}

// System is one entry of the systems register: a system or service the
// company relies on, who owns it, who supports it and what documents it.
type System struct {
	ID            int64
	Name          string
	Kind          SystemKind
	OwnerPersonID int64 // a person of the asset register; 0: none
	OwnerUserID   int64 // or a user account; 0: none
	VendorID      int64 // the supporting vendor; 0: none
	Criticality   Criticality
	Notes         string
	Links         []SystemLink
	Relations     []SystemRelation // outgoing: this system depends on / runs on others
	CreatedAt     time.Time
	UpdatedAt     time.Time

	// Filled on reads.
	Owner     string  // the owner's name
	Vendor    string  // the vendor's name
	Contracts []int64 // contracts covering this system
}

// HasOwner reports whether someone owns the system.
func (s *System) HasOwner() bool { return s.OwnerPersonID != 0 || s.OwnerUserID != 0 }

// LinksOf returns the system's links of one kind.
func (s *System) LinksOf(k LinkKind) []SystemLink {
	var out []SystemLink
	for _, l := range s.Links {
		if l.Kind == k {
			out = append(out, l)
		}
	}
	return out
}

// Validate trims and checks a system before it is stored; duplicate links
// and relations are dropped, a relation to itself is refused.
func (s *System) Validate() error {
	trimAll(&s.Name, &s.Notes)
	f := fieldChecker{}
	if s.Name == "" {
		f["name"] = "handover.error.name_required"
	}
	f.text("name", s.Name, HandoverNameMax)
	f.text("notes", s.Notes, HandoverNotesMax)
	if s.Kind == "" {
		s.Kind = SystemOther
	}
	if !s.Kind.Valid() {
		f["kind"] = "handover.error.kind"
	}
	if s.Criticality == "" {
		s.Criticality = CriticalMedium
	}
	if !s.Criticality.Valid() {
		f["criticality"] = "handover.error.criticality"
	}
	if s.OwnerPersonID != 0 && s.OwnerUserID != 0 {
		f["owner"] = "handover.error.one_owner"
	}
	seen := map[SystemLink]bool{}
	links := s.Links[:0:0]
	for _, l := range s.Links {
		key := SystemLink{Kind: l.Kind, Ref: l.Ref}
		if l.Ref == "" || seen[key] {
			continue
		}
		if !l.Kind.Valid() || len(l.Ref) > 100 {
			f["links"] = "handover.error.link"
			continue
		}
		seen[key] = true
		links = append(links, key)
	}
	s.Links = links
	seenRel := map[SystemRelation]bool{}
	rels := s.Relations[:0:0]
	for _, r := range s.Relations {
		r = SystemRelation{From: s.ID, To: r.To, Kind: r.Kind}
		if r.To == 0 || seenRel[r] {
			continue
		}
		if !r.Kind.Valid() || (s.ID != 0 && r.To == s.ID) {
			f["relations"] = "handover.error.relation"
			continue
		}
		seenRel[r] = true
		rels = append(rels, r)
	}
	s.Relations = rels
	return f.err("name", "kind", "criticality", "owner", "links", "relations", "notes")
}

// SystemFilter selects systems for the list.
type SystemFilter struct {
	Query       string // substring of the name or notes
	Kind        SystemKind
	Criticality Criticality
	VendorID    int64
	Sort        string // "name" (default), "criticality", "kind", "updated"
	Desc        bool
	Offset      int
	Limit       int // 0: 50
}

// validIn reports whether v is one of list.
func validIn[T comparable](v T, list []T) bool {
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
}

// Audit actions and targets of the handover register (catalogue keys
// "audit.ACTION" and the target codes).
const (
	AuditSystemCreate   = "system.create"
	AuditSystemUpdate   = "system.update"
	AuditSystemDelete   = "system.delete"
	AuditVendorCreate   = "vendor.create"
	AuditVendorUpdate   = "vendor.update"
	AuditVendorDelete   = "vendor.delete"
	AuditContractCreate = "contract.create"
	AuditContractUpdate = "contract.update"
	AuditContractDelete = "contract.delete"
	AuditContractFile   = "contract.file"
	AuditContractFileRm = "contract.file_delete"
	AuditCalendarToken  = "calendar.token"
	TargetSystem        = "target.system"   // args: system id
	TargetVendor        = "target.vendor"   // args: vendor id
	TargetContract      = "target.contract" // args: contract id
)

// HandoverStore is the handover area's storage: systems, vendors,
// contracts, their documents and decision-date alerts. Every change writes
// its audit entry in its own transaction. Reads and writes need staff (or
// no user: the command line and jobs).
type HandoverStore interface {
	FindSystems(ctx context.Context, f SystemFilter) ([]*System, int, error)
	// FindSystem returns a system with its links (labels filled), its
	// outgoing relations and the contracts covering it.
	FindSystem(ctx context.Context, id int64) (*System, error)
	// AllSystems returns every system as FindSystem does, by name: for the
	// diagram, the readiness score and the handover binder.
	AllSystems(ctx context.Context) ([]*System, error)
	CreateSystem(ctx context.Context, s *System) error
	// UpdateSystem replaces a system's fields, links and outgoing relations.
	UpdateSystem(ctx context.Context, s *System) error
	DeleteSystem(ctx context.Context, id int64) error

	FindVendors(ctx context.Context, f VendorFilter) ([]*Vendor, int, error)
	FindVendor(ctx context.Context, id int64) (*Vendor, error)
	CreateVendor(ctx context.Context, v *Vendor) error
	UpdateVendor(ctx context.Context, v *Vendor) error
	// DeleteVendor removes a vendor; ECONFLICT while a contract names it.
	DeleteVendor(ctx context.Context, id int64) error

	ContractStore
}
