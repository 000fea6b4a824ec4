package web

import (
	"net/http"
	"time"

	"hitori"
)

// The asset API: GET /api/v1/assets, GET and PATCH /api/v1/assets/{id}.
// The list's field names and forms are a public contract (docs/api.md):
// dates "YYYY-MM-DD", money integer yen, absent values null.

// assetJSON is one asset as the API shows it.
type assetJSON struct {
	ID            int64             `json:"id"`
	Number        *string           `json:"number"`
	Type          string            `json:"type"`
	Maker         *string           `json:"maker"`
	Model         *string           `json:"model"`
	Serial        *string           `json:"serial"`
	Status        string            `json:"status"`
	User          *string           `json:"user"`
	PersonID      *int64            `json:"person_id"`
	Department    *string           `json:"department"`
	DepartmentID  *int64            `json:"department_id"`
	Location      *string           `json:"location"`
	AcquiredOn    *string           `json:"acquired_on"`
	PriceYen      *int64            `json:"price_yen"`
	Vendor        *string           `json:"vendor"`
	WarrantyUntil *string           `json:"warranty_until"`
	LeaseUntil    *string           `json:"lease_until"`
	LoanDue       *string           `json:"loan_due"`
	Notes         *string           `json:"notes"`
	Hostname      *string           `json:"hostname"`
	OSName        *string           `json:"os_name"`
	OSVersion     *string           `json:"os_version"`
	LastSeenAt    *time.Time        `json:"last_seen_at"`
	Custom        map[string]string `json:"custom"`
	SoftwareCount int               `json:"software_count"`
	Source        string            `json:"source"`
	UpdatedAt     time.Time         `json:"updated_at"`
}

// nullText is nil for an empty value, so the API says null, not "".
func nullText[T ~string](s T) *string {
	if s == "" {
		return nil
	}
	v := string(s)
	return &v
}

func nullID(id int64) *int64 {
	if id == 0 {
		return nil
	}
	return &id
}

func toAssetJSON(a *hitori.Asset) assetJSON {
	custom := a.Custom
	if custom == nil {
		custom = map[string]string{}
	}
	return assetJSON{ID: a.ID, Number: nullText(a.Number), Type: string(a.Type), Maker: nullText(a.Maker), Model: nullText(a.Model),
		Serial: nullText(a.Serial), Status: string(a.Status), User: nullText(a.Person), PersonID: nullID(a.PersonID),
		Department: nullText(a.Department), DepartmentID: nullID(a.DepartmentID), Location: nullText(a.Location),
		AcquiredOn: nullText(a.AcquiredOn), PriceYen: a.PriceYen, Vendor: nullText(a.Vendor), WarrantyUntil: nullText(a.WarrantyUntil),
		LeaseUntil: nullText(a.LeaseUntil), LoanDue: nullText(a.LoanDue), Notes: nullText(a.Notes), Hostname: nullText(a.Hostname),
		OSName: nullText(a.OSName), OSVersion: nullText(a.OSVersion), LastSeenAt: a.LastSeenAt, Custom: custom,
		SoftwareCount: a.SoftwareCount, Source: a.Source, UpdatedAt: a.UpdatedAt}
}

// assetListJSON is GET /api/v1/assets's answer.
type assetListJSON struct {
	Assets []assetJSON `json:"assets"`
	Total  int         `json:"total"`
	Page   int         `json:"page"`
	Limit  int         `json:"limit"`
}

// apiAssets is GET /api/v1/assets?number=&serial=&q=&type=&status=&location=&sort=&desc=&page=&limit=.
func (s *Server) apiAssets(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	f := hitori.AssetFilter{Query: q.Get("q"), Number: q.Get("number"), Serial: q.Get("serial"), Type: hitori.AssetType(q.Get("type")),
		Status: hitori.AssetStatus(q.Get("status")), Location: q.Get("location"), Sort: q.Get("sort"), Desc: q.Get("desc") == "1" || q.Get("desc") == "true"}
	page, err := itemIntParam(q.Get("page"), "page", 1, 1_000_000, 1)
	if err != nil {
		return err
	}
	if f.Limit, err = itemIntParam(q.Get("limit"), "limit", 1, 500, 50); err != nil {
		return err
	}
	f.Offset = (page - 1) * f.Limit
	list, total, err := s.asset.Assets(r.Context(), f)
	if err != nil {
		return err
	}
	out := assetListJSON{Assets: make([]assetJSON, 0, len(list)), Total: total, Page: page, Limit: f.Limit}
	for _, a := range list {
		out.Assets = append(out.Assets, toAssetJSON(a))
	}
	writeJSON(w, http.StatusOK, out)
	return nil
}

// assetDetailJSON is one asset with its installed software and history.
type assetDetailJSON struct {
	assetJSON
	Software []assetSoftwareJSON `json:"software"`
	History  []assetEventJSON    `json:"history"`
}

type assetSoftwareJSON struct {
	Name      string  `json:"name"`
	Version   *string `json:"version"`
	Publisher *string `json:"publisher"`
}

type assetEventJSON struct {
	At      time.Time            `json:"at"`
	Kind    string               `json:"kind"`
	Actor   *string              `json:"actor"`
	Changes []hitori.FieldChange `json:"changes"`
	Note    *string              `json:"note"`
}

// apiAsset is GET /api/v1/assets/{id}.
func (s *Server) apiAsset(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	out, err := s.assetDetail(r, id)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, out)
	return nil
}

func (s *Server) assetDetail(r *http.Request, id int64) (*assetDetailJSON, error) {
	ctx := r.Context()
	a, err := s.asset.Asset(ctx, id)
	if err != nil {
		return nil, err
	}
	sw, err := s.asset.Software(ctx, id)
	if err != nil {
		return nil, err
	}
	events, err := s.asset.History(ctx, id)
	if err != nil {
		return nil, err
	}
	out := &assetDetailJSON{assetJSON: toAssetJSON(a), Software: make([]assetSoftwareJSON, 0, len(sw)), History: make([]assetEventJSON, 0, len(events))}
	for _, x := range sw {
		out.Software = append(out.Software, assetSoftwareJSON{Name: x.Name, Version: nullText(x.Version), Publisher: nullText(x.Publisher)})
	}
	for _, e := range events {
		changes := e.Changes
		if changes == nil {
			changes = []hitori.FieldChange{}
		}
		out.History = append(out.History, assetEventJSON{At: e.At, Kind: string(e.Kind), Actor: nullText(e.Actor), Changes: changes, Note: nullText(e.Note)})
	}
	return out, nil
}
