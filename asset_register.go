package hitori

import (
	"strings"
	"time"
	"unicode/utf8"
)

// AssetFilter selects assets for the register's list and the API.
type AssetFilter struct {
	Query        string // substring of number, maker, model, serial, hostname or the user's name
	Number       string // exact asset number
	Serial       string // exact serial number
	Type         AssetType
	Status       AssetStatus
	PersonID     int64
	DepartmentID int64
	Location     string // substring
	Sort         string // "number" (default), "updated", "acquired", "warranty", "type", "status"
	Desc         bool
	Offset       int
	Limit        int
}

// AssetSorts are the sort keys AssetFilter.Sort accepts.
var AssetSorts = []string{"number", "updated", "acquired", "warranty", "type", "status"}

// AssetSoftwareEntry is one title inventory saw installed on an asset.
type AssetSoftwareEntry struct {
	Name      string
	Version   string
	Publisher string
}

// PersonFilter selects people.
type PersonFilter struct {
	Query        string // substring of name, e-mail or employee number
	DepartmentID int64
	Offset       int
	Limit        int
}

// AssetFieldDef is an administrator-defined custom field of one asset
// type; assets keep its value in Asset.Custom under Name.
type AssetFieldDef struct {
	ID       int64
	Type     AssetType
	Name     string
	Position int
}

// Stocktake is one round of physical inventory (棚卸し): every asset not
// retired is expected to be seen once.
type Stocktake struct {
	ID         int64
	StartedAt  time.Time
	StartedBy  int64
	FinishedAt *time.Time
	Note       string
	Seen       int // assets confirmed in this round, filled on reads
	Total      int // assets expected (not retired), filled on reads
}

// StocktakeConfirm is what one tap on an asset's page confirms.
type StocktakeConfirm struct {
	Location string
	PersonID int64
}

// Validate checks a person before it is stored.
func (p *Person) Validate() error {
	p.Name = strings.TrimSpace(p.Name)
	p.Email = strings.TrimSpace(p.Email)
	p.EmployeeNo = strings.TrimSpace(p.EmployeeNo)
	if p.Name == "" {
		return FieldError("name", "asset.error.required")
	}
	for _, f := range [][2]string{{"name", p.Name}, {"email", p.Email}, {"employee_no", p.EmployeeNo}} {
		if err := CheckText(f[0], f[1]); err != nil {
			return err
		}
		if utf8.RuneCountInString(f[1]) > AssetShortMax {
			return FieldError(f[0], "asset.error.too_long")
		}
	}
	if p.Email != "" && !strings.Contains(p.Email, "@") {
		return FieldError("email", "asset.error.email")
	}
	return nil
}

// Validate checks a department before it is stored.
func (d *Department) Validate() error {
	d.Name, d.Code = strings.TrimSpace(d.Name), strings.TrimSpace(d.Code)
	if d.Name == "" {
		return FieldError("name", "asset.error.required")
	}
	for _, f := range [][2]string{{"name", d.Name}, {"code", d.Code}} {
		if err := CheckText(f[0], f[1]); err != nil {
			return err
		}
		if utf8.RuneCountInString(f[1]) > AssetShortMax {
			return FieldError(f[0], "asset.error.too_long")
		}
	}
	return nil
}

// Validate checks a custom field definition before it is stored.
func (d *AssetFieldDef) Validate() error {
	d.Name = strings.TrimSpace(d.Name)
	if !d.Type.Valid() {
		return FieldError("type", "asset.error.type")
	}
	if d.Name == "" {
		return FieldError("name", "asset.error.required")
	}
	if err := CheckText("name", d.Name); err != nil {
		return err
	}
	if utf8.RuneCountInString(d.Name) > 100 {
		return FieldError("name", "asset.error.too_long")
	}
	return nil
}

// CopyCustom copies custom field values, so an edit of the copy leaves
// the original (the row as stored) as it was.
func CopyCustom(m map[string]string) map[string]string {
	if m == nil {
		return nil
	}
	out := make(map[string]string, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}
