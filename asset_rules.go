package hitori

import (
	"encoding/json"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// Size limits of an asset's text fields, in characters.
const (
	AssetShortMax  = 200   // number, maker, model, serial, location, vendor, …
	AssetNotesMax  = 10000 // notes
	AssetCustomMax = 50    // custom fields per asset
)

// Valid reports whether t is a known asset type.
func (t AssetType) Valid() bool {
	for _, v := range AssetTypes {
		if t == v {
			return true
		}
	}
	return false
}

// Valid reports whether s is a known lifecycle status.
func (s AssetStatus) Valid() bool {
	for _, v := range AssetStatuses {
		if s == v {
			return true
		}
	}
	return false
}

// Valid reports whether d is empty or a real calendar date.
func (d Date) Valid() bool {
	if d == "" {
		return true
	}
	_, ok := d.Time(time.UTC)
	return ok && len(d) == 10
}

// Validate checks an asset before it is stored; the first problem comes
// back as a field error (catalogue keys under "asset.error.").
func (a *Asset) Validate() error {
	if a.Type == "" {
		a.Type = AssetOther
	}
	if a.Status == "" {
		a.Status = AssetInUse
	}
	if !a.Type.Valid() {
		return FieldError("type", "asset.error.type")
	}
	if !a.Status.Valid() {
		return FieldError("status", "asset.error.status")
	}
	for _, f := range []struct{ name, v string }{
		{"number", a.Number}, {"maker", a.Maker}, {"model", a.Model}, {"serial", a.Serial},
		{"location", a.Location}, {"vendor", a.Vendor}, {"hardware_uuid", a.HardwareUUID},
		{"hostname", a.Hostname}, {"os_name", a.OSName}, {"os_version", a.OSVersion},
	} {
		if err := CheckText(f.name, f.v); err != nil {
			return err
		}
		if utf8.RuneCountInString(f.v) > AssetShortMax {
			return FieldError(f.name, "asset.error.too_long")
		}
	}
	if err := CheckText("notes", a.Notes); err != nil {
		return err
	}
	if utf8.RuneCountInString(a.Notes) > AssetNotesMax {
		return FieldError("notes", "asset.error.too_long")
	}
	for _, f := range []struct {
		name string
		d    Date
	}{{"acquired_on", a.AcquiredOn}, {"warranty_until", a.WarrantyUntil}, {"lease_until", a.LeaseUntil}, {"loan_due", a.LoanDue}} {
		if !f.d.Valid() {
			return FieldError(f.name, "asset.error.date")
		}
	}
	if a.PriceYen != nil && *a.PriceYen < 0 {
		return FieldError("price_yen", "asset.error.price")
	}
	if len(a.Custom) > AssetCustomMax {
		return FieldError("custom", "asset.error.too_many")
	}
	for k, v := range a.Custom {
		if err := CheckText("custom", k+v); err != nil {
			return err
		}
		if utf8.RuneCountInString(k) > AssetShortMax || utf8.RuneCountInString(v) > AssetShortMax*5 {
			return FieldError("custom", "asset.error.too_long")
		}
	}
	return nil
}

// AssetFields are the register's own fields in display order, as
// DiffAssets names them (custom fields follow as "custom.NAME").
var AssetFields = []string{"number", "type", "maker", "model", "serial", "status", "person_id", "department_id",
	"location", "acquired_on", "price_yen", "vendor", "warranty_until", "lease_until", "loan_due", "notes",
	"hardware_uuid", "hostname", "os_name", "os_version"}

// AssetField returns one field of a as text, as history and diffs show it.
func (a *Asset) AssetField(name string) string {
	switch name {
	case "number":
		return a.Number
	case "type":
		return string(a.Type)
	case "maker":
		return a.Maker
	case "model":
		return a.Model
	case "serial":
		return a.Serial
	case "status":
		return string(a.Status)
	case "person_id":
		return idText(a.PersonID)
	case "department_id":
		return idText(a.DepartmentID)
	case "location":
		return a.Location
	case "acquired_on":
		return string(a.AcquiredOn)
	case "price_yen":
		if a.PriceYen == nil {
			return ""
		}
		return strconv.FormatInt(*a.PriceYen, 10)
	case "vendor":
		return a.Vendor
	case "warranty_until":
		return string(a.WarrantyUntil)
	case "lease_until":
		return string(a.LeaseUntil)
	case "loan_due":
		return string(a.LoanDue)
	case "notes":
		return a.Notes
	case "hardware_uuid":
		return a.HardwareUUID
	case "hostname":
		return a.Hostname
	case "os_name":
		return a.OSName
	case "os_version":
		return a.OSVersion
	}
	if k, ok := strings.CutPrefix(name, "custom."); ok {
		return a.Custom[k]
	}
	return ""
}

func idText(id int64) string {
	if id == 0 {
		return ""
	}
	return strconv.FormatInt(id, 10)
}

// DiffAssets lists the fields whose values differ between old and new, in
// AssetFields order and then custom fields by name: what an asset's
// history records and what an import preview shows.
func DiffAssets(old, new *Asset) []FieldChange {
	var out []FieldChange
	for _, f := range AssetFields {
		if o, n := old.AssetField(f), new.AssetField(f); o != n {
			out = append(out, FieldChange{Field: f, Old: o, New: n})
		}
	}
	keys := map[string]bool{}
	for k := range old.Custom {
		keys[k] = true
	}
	for k := range new.Custom {
		keys[k] = true
	}
	names := make([]string, 0, len(keys))
	for k := range keys {
		names = append(names, k)
	}
	sort.Strings(names)
	for _, k := range names {
		if o, n := old.Custom[k], new.Custom[k]; o != n {
			out = append(out, FieldChange{Field: "custom." + k, Old: o, New: n})
		}
	}
	return out
}

// CustomJSON encodes custom fields for storage ("{}" when none).
func CustomJSON(m map[string]string) string {
	if len(m) == 0 {
		return "{}"
	}
	b, _ := json.Marshal(m)
	return string(b)
}
