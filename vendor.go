package hitori

import (
	"strings"
	"time"
	"unicode/utf8"
)

// Limits on the handover register's fields (systems, vendors, contracts).
const (
	HandoverNameMax  = 200   // names, numbers, phones, addresses
	HandoverNotesMax = 10000 // notes, escalation and how-to-open text
	VendorContactMax = 20    // named contacts per vendor
)

// VendorContact is a named person at a vendor.
type VendorContact struct {
	Name  string
	Role  string
	Phone string
	Email string
}

// Vendor is a company that supports one or more systems: who to call, what
// to quote, how to open a case.
type Vendor struct {
	ID         int64
	Name       string // the company
	Handles    string // what they handle
	Phone      string // support phone
	Email      string // support e-mail
	Portal     string // support portal URL
	CustomerNo string // contract or customer numbers to quote
	Escalation string // escalation notes
	HowToOpen  string // how to open a case
	Notes      string
	Contacts   []VendorContact
	CreatedAt  time.Time
	UpdatedAt  time.Time

	// Filled on reads.
	Systems   int // systems this vendor supports
	Contracts int // contracts with this vendor
}

// VendorFilter selects vendors for the list.
type VendorFilter struct {
	Query  string // substring of name, what they handle or customer numbers
	Sort   string // "name" (default), "updated"
	Desc   bool
	Offset int
	Limit  int // 0: 50
}

// fieldChecker collects field errors of the handover register (catalogue
// keys "handover.error.*"), every problem at once.
type fieldChecker map[string]string

func (f fieldChecker) text(field, v string, limit int) {
	switch {
	case !utf8.ValidString(v) || strings.ContainsRune(v, 0):
		f[field] = "handover.error.invalid"
	case utf8.RuneCountInString(v) > limit:
		f[field] = "handover.error.too_long"
	}
}

// err returns the collected errors in order, or nil.
func (f fieldChecker) err(order ...string) error {
	if len(f) == 0 {
		return nil
	}
	first := "handover.error.form"
	for _, name := range order {
		if k, ok := f[name]; ok {
			first = k
			break
		}
	}
	return &Error{Code: EINVALID, Message: first, Key: first, Fields: f}
}

// trimAll trims every string it is given in place.
func trimAll(ps ...*string) {
	for _, p := range ps {
		*p = strings.TrimSpace(*p)
	}
}

// Validate trims and checks a vendor before it is stored; contacts without
// any field are dropped.
func (v *Vendor) Validate() error {
	trimAll(&v.Name, &v.Handles, &v.Phone, &v.Email, &v.Portal, &v.CustomerNo, &v.Escalation, &v.HowToOpen, &v.Notes)
	f := fieldChecker{}
	if v.Name == "" {
		f["name"] = "handover.error.name_required"
	}
	for name, val := range map[string]string{"name": v.Name, "handles": v.Handles, "phone": v.Phone,
		"email": v.Email, "portal": v.Portal, "customer_no": v.CustomerNo} {
		f.text(name, val, HandoverNameMax)
	}
	for name, val := range map[string]string{"escalation": v.Escalation, "how_to_open": v.HowToOpen, "notes": v.Notes} {
		f.text(name, val, HandoverNotesMax)
	}
	if v.Portal != "" && !strings.HasPrefix(v.Portal, "https://") && !strings.HasPrefix(v.Portal, "http://") {
		f["portal"] = "handover.error.url"
	}
	contacts := v.Contacts[:0:0]
	for _, c := range v.Contacts {
		trimAll(&c.Name, &c.Role, &c.Phone, &c.Email)
		if c.Name == "" && c.Role == "" && c.Phone == "" && c.Email == "" {
			continue
		}
		for _, val := range []string{c.Name, c.Role, c.Phone, c.Email} {
			f.text("contacts", val, HandoverNameMax)
		}
		if c.Name == "" {
			f["contacts"] = "handover.error.contact_name"
		}
		contacts = append(contacts, c)
	}
	if len(contacts) > VendorContactMax {
		f["contacts"] = "handover.error.too_many"
	}
	v.Contacts = contacts
	return f.err("name", "handles", "phone", "email", "portal", "customer_no", "contacts", "escalation", "how_to_open", "notes")
}
