package web

import (
	"time"

	"hitori"
)

// The handover register's API: GET and POST /api/v1/systems, /vendors and
// /contracts, GET of each by id (docs/api.md). Field names and forms are a
// public contract: dates "YYYY-MM-DD", money integer yen, absent values
// null, times RFC 3339 UTC.

// linkJSON is one link of a system; a vault entry appears by its name
// (label) only.
type linkJSON struct {
	Kind    string  `json:"kind"`
	Ref     string  `json:"ref"`
	Label   *string `json:"label,omitempty"`
	Missing bool    `json:"missing,omitempty"`
}

// relationJSON is an outgoing relation: this system depends on / runs on "to".
type relationJSON struct {
	Kind   string  `json:"kind"`
	To     int64   `json:"to"`
	ToName *string `json:"to_name,omitempty"`
}

// systemInJSON is the body of POST /api/v1/systems.
type systemInJSON struct {
	Name          string         `json:"name"`
	Kind          string         `json:"kind"`
	Criticality   string         `json:"criticality"`
	OwnerUserID   int64          `json:"owner_user_id"`
	OwnerPersonID int64          `json:"owner_person_id"`
	VendorID      int64          `json:"vendor_id"`
	Notes         string         `json:"notes"`
	Links         []linkJSON     `json:"links"`
	Relations     []relationJSON `json:"relations"`
}

// systemJSON is one system as the API shows it.
type systemJSON struct {
	ID            int64          `json:"id"`
	Name          string         `json:"name"`
	Kind          string         `json:"kind"`
	Criticality   string         `json:"criticality"`
	OwnerUserID   *int64         `json:"owner_user_id"`
	OwnerPersonID *int64         `json:"owner_person_id"`
	Owner         *string        `json:"owner"`
	VendorID      *int64         `json:"vendor_id"`
	Vendor        *string        `json:"vendor"`
	Notes         *string        `json:"notes"`
	Links         []linkJSON     `json:"links"`
	Relations     []relationJSON `json:"relations"`
	Contracts     []int64        `json:"contracts"`
	UpdatedAt     time.Time      `json:"updated_at"`
}

func (in *systemInJSON) system() *hitori.System {
	s := &hitori.System{Name: in.Name, Kind: hitori.SystemKind(in.Kind), Criticality: hitori.Criticality(in.Criticality),
		OwnerUserID: in.OwnerUserID, OwnerPersonID: in.OwnerPersonID, VendorID: in.VendorID, Notes: in.Notes}
	for _, l := range in.Links {
		s.Links = append(s.Links, hitori.SystemLink{Kind: hitori.LinkKind(l.Kind), Ref: l.Ref})
	}
	for _, r := range in.Relations {
		s.Relations = append(s.Relations, hitori.SystemRelation{Kind: hitori.RelationKind(r.Kind), To: r.To})
	}
	return s
}

func toSystemJSON(s *hitori.System) systemJSON {
	out := systemJSON{ID: s.ID, Name: s.Name, Kind: string(s.Kind), Criticality: string(s.Criticality),
		OwnerUserID: nullID(s.OwnerUserID), OwnerPersonID: nullID(s.OwnerPersonID), Owner: nullText(s.Owner),
		VendorID: nullID(s.VendorID), Vendor: nullText(s.Vendor), Notes: nullText(s.Notes),
		Links: []linkJSON{}, Relations: []relationJSON{}, Contracts: s.Contracts, UpdatedAt: s.UpdatedAt.UTC()}
	for _, l := range s.Links {
		out.Links = append(out.Links, linkJSON{Kind: string(l.Kind), Ref: l.Ref, Label: nullText(l.Label), Missing: l.Missing})
	}
	for _, r := range s.Relations {
		out.Relations = append(out.Relations, relationJSON{Kind: string(r.Kind), To: r.To, ToName: nullText(r.ToName)})
	}
	if out.Contracts == nil {
		out.Contracts = []int64{}
	}
	return out
}

// contactJSON is a named person at a vendor.
type contactJSON struct {
	Name  string `json:"name"`
	Role  string `json:"role"`
	Phone string `json:"phone"`
	Email string `json:"email"`
}

// vendorInJSON is the body of POST /api/v1/vendors.
type vendorInJSON struct {
	Name       string        `json:"name"`
	Handles    string        `json:"handles"`
	Phone      string        `json:"phone"`
	Email      string        `json:"email"`
	Portal     string        `json:"portal"`
	CustomerNo string        `json:"customer_no"`
	Escalation string        `json:"escalation"`
	HowToOpen  string        `json:"how_to_open"`
	Notes      string        `json:"notes"`
	Contacts   []contactJSON `json:"contacts"`
}

// vendorJSON is one vendor as the API shows it.
type vendorJSON struct {
	ID int64 `json:"id"`
	vendorInJSON
	Systems   int       `json:"systems"`
	Contracts int       `json:"contracts"`
	UpdatedAt time.Time `json:"updated_at"`
}

func (in *vendorInJSON) vendor() *hitori.Vendor {
	v := &hitori.Vendor{Name: in.Name, Handles: in.Handles, Phone: in.Phone, Email: in.Email, Portal: in.Portal,
		CustomerNo: in.CustomerNo, Escalation: in.Escalation, HowToOpen: in.HowToOpen, Notes: in.Notes}
	for _, c := range in.Contacts {
		v.Contacts = append(v.Contacts, hitori.VendorContact(c))
	}
	return v
}

func toVendorJSON(v *hitori.Vendor) vendorJSON {
	out := vendorJSON{ID: v.ID, vendorInJSON: vendorInJSON{Name: v.Name, Handles: v.Handles, Phone: v.Phone, Email: v.Email,
		Portal: v.Portal, CustomerNo: v.CustomerNo, Escalation: v.Escalation, HowToOpen: v.HowToOpen, Notes: v.Notes,
		Contacts: []contactJSON{}}, Systems: v.Systems, Contracts: v.Contracts, UpdatedAt: v.UpdatedAt.UTC()}
	for _, c := range v.Contacts {
		out.Contacts = append(out.Contacts, contactJSON(c))
	}
	return out
}

// contractInJSON is the body of POST /api/v1/contracts.
type contractInJSON struct {
	VendorID   int64   `json:"vendor_id"`
	Title      string  `json:"title"`
	Number     string  `json:"number"`
	StartsOn   string  `json:"starts_on"`
	EndsOn     string  `json:"ends_on"`
	AutoRenew  bool    `json:"auto_renew"`
	Notice     int     `json:"notice"`
	NoticeUnit string  `json:"notice_unit"`
	MonthlyYen *int64  `json:"monthly_yen"`
	AnnualYen  *int64  `json:"annual_yen"`
	Notes      string  `json:"notes"`
	SystemIDs  []int64 `json:"system_ids"`
}

// contractFileJSON is a document's record; the bytes are at URL (staff
// session only: the API gives no download).
type contractFileJSON struct {
	ID          int64     `json:"id"`
	Name        string    `json:"name"`
	ContentType string    `json:"content_type"`
	Size        int64     `json:"size"`
	CreatedAt   time.Time `json:"created_at"`
}

// contractJSON is one contract as the API shows it.
type contractJSON struct {
	ID         int64              `json:"id"`
	VendorID   int64              `json:"vendor_id"`
	Vendor     string             `json:"vendor"`
	Title      string             `json:"title"`
	Number     *string            `json:"number"`
	StartsOn   *string            `json:"starts_on"`
	EndsOn     *string            `json:"ends_on"`
	DecisionOn *string            `json:"decision_on"`
	AutoRenew  bool               `json:"auto_renew"`
	Notice     int                `json:"notice"`
	NoticeUnit string             `json:"notice_unit"`
	MonthlyYen *int64             `json:"monthly_yen"`
	AnnualYen  *int64             `json:"annual_yen"`
	Notes      *string            `json:"notes"`
	SystemIDs  []int64            `json:"system_ids"`
	Files      []contractFileJSON `json:"files,omitempty"`
	UpdatedAt  time.Time          `json:"updated_at"`
}

func (in *contractInJSON) contract() *hitori.Contract {
	return &hitori.Contract{VendorID: in.VendorID, Title: in.Title, Number: in.Number, StartsOn: hitori.Date(in.StartsOn),
		EndsOn: hitori.Date(in.EndsOn), AutoRenew: in.AutoRenew, Notice: in.Notice, NoticeUnit: hitori.NoticeUnit(in.NoticeUnit),
		MonthlyYen: in.MonthlyYen, AnnualYen: in.AnnualYen, Notes: in.Notes, SystemIDs: in.SystemIDs}
}

func toContractJSON(c *hitori.Contract) contractJSON {
	out := contractJSON{ID: c.ID, VendorID: c.VendorID, Vendor: c.Vendor, Title: c.Title, Number: nullText(c.Number),
		StartsOn: nullText(c.StartsOn), EndsOn: nullText(c.EndsOn), DecisionOn: nullText(c.DecisionOn()), AutoRenew: c.AutoRenew,
		Notice: c.Notice, NoticeUnit: string(c.NoticeUnit), MonthlyYen: c.MonthlyYen, AnnualYen: c.AnnualYen,
		Notes: nullText(c.Notes), SystemIDs: c.SystemIDs, UpdatedAt: c.UpdatedAt.UTC()}
	if out.SystemIDs == nil {
		out.SystemIDs = []int64{}
	}
	for _, f := range c.Files {
		out.Files = append(out.Files, contractFileJSON{ID: f.ID, Name: f.Name, ContentType: f.ContentType, Size: f.Size, CreatedAt: f.CreatedAt.UTC()})
	}
	return out
}
