package web

import (
	"net/http"
	"strconv"
	"strings"

	"hitori"
)

// assetRoutes are the asset register's pages and API: staff only (the
// asset service checks every call again). Deleting an asset and defining
// custom fields are for administrators.
func (s *Server) assetRoutes() []route {
	return []route{
		{"GET /assets", staff, s.assetList, false},
		{"POST /assets", staff, s.assetCreate, false},
		{"GET /assets/new", staff, s.assetNew, false},
		{"GET /assets/{id}", staff, s.assetView, false},
		{"GET /assets/{id}/edit", staff, s.assetEdit, false},
		{"POST /assets/{id}", staff, s.assetUpdate, false},
		{"POST /assets/{id}/status", staff, s.assetStatus, false},
		{"POST /assets/{id}/checkout", staff, s.assetCheckOut, false},
		{"POST /assets/{id}/checkin", staff, s.assetCheckIn, false},
		{"POST /assets/{id}/seen", staff, s.assetSeen, false},
		{"GET /assets/{id}/delete", adminOnly, s.assetDeleteConfirm, false},
		{"POST /assets/{id}/delete", adminOnly, s.assetDelete, false},
		{"GET /assets/loans", staff, s.assetLoans, false},
		{"GET /assets/labels", staff, s.assetLabels, false},
		{"GET /assets/stocktake", staff, s.assetStocktake, false},
		{"POST /assets/stocktake", staff, s.assetStocktakeStart, false},
		{"POST /assets/stocktake/finish", staff, s.assetStocktakeFinish, false},
		{"GET /people", staff, s.assetPeople, false},
		{"POST /people", staff, s.assetPersonSave, false},
		{"GET /people/{id}", staff, s.assetPerson, false},
		{"POST /people/{id}", staff, s.assetPersonSave, false},
		{"POST /people/{id}/delete", staff, s.assetPersonDelete, false},
		{"GET /departments", staff, s.assetDepartments, false},
		{"POST /departments", staff, s.assetDepartmentSave, false},
		{"POST /departments/{id}", staff, s.assetDepartmentSave, false},
		{"POST /departments/{id}/delete", staff, s.assetDepartmentDelete, false},
		{"GET /assets/fields", adminOnly, s.assetFields, false},
		{"POST /assets/fields", adminOnly, s.assetFieldSave, false},
		{"POST /assets/fields/{id}/delete", adminOnly, s.assetFieldDelete, false},

		{"GET /api/v1/assets", staff, s.apiAssets, true},
		{"GET /api/v1/assets/{id}", staff, s.apiAsset, true},
		{"PATCH /api/v1/assets/{id}", staff, s.apiAssetPatch, true},
	}
}

// assetNav is the navigation area of the register's pages.
const assetNav = "assets"

// assetPageURL is an asset's page.
func assetPageURL(id int64) string { return "/assets/" + strconv.FormatInt(id, 10) }

// pathID reads {id} as a positive number; anything else is 404.
func pathID(r *http.Request) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id < 1 {
		return 0, hitori.KeyError(hitori.ENOTFOUND, "error.not_found")
	}
	return id, nil
}

// assetAbsURL is an asset page's absolute URL, as a label's QR code holds
// it: on the configured public URL, else on the host this request came to.
func (s *Server) assetAbsURL(r *http.Request, id int64) string {
	base := strings.TrimRight(s.cfg.BaseURL, "/")
	if base == "" {
		scheme := "http"
		if r.TLS != nil {
			scheme = "https"
		}
		base = scheme + "://" + r.Host
	}
	return base + assetPageURL(id)
}

// assetFlash shows ?flash=NAME as asset.flash.NAME.
func assetFlash(p *page, r *http.Request) { workFlash(p, r, "asset") }

// assetChoices are the people and departments the forms offer.
type assetChoices struct {
	People      []*hitori.Person
	Departments []*hitori.Department
	Types       []hitori.AssetType
	Statuses    []hitori.AssetStatus
}

func (s *Server) assetChoicesFor(r *http.Request) (*assetChoices, error) {
	ctx := r.Context()
	people, _, err := s.asset.People(ctx, hitori.PersonFilter{Limit: 1000})
	if err != nil {
		return nil, err
	}
	depts, err := s.asset.Departments(ctx)
	if err != nil {
		return nil, err
	}
	return &assetChoices{People: people, Departments: depts, Types: hitori.AssetTypes, Statuses: hitori.AssetStatuses}, nil
}

// yenText shows an amount as "¥128,000", or "" when unknown.
func yenText(p *int64) string {
	if p == nil {
		return ""
	}
	s := strconv.FormatInt(*p, 10)
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return "¥" + b.String()
}
