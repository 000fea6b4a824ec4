package web

import (
	"net/http"

	"hitori/handover"
)

// handoverNav is the handover area's menu entry.
const handoverNav = "handover"

// handoverRoutes are the systems register, vendors, contracts, the
// renewal calendar, the diagram and the readiness page: staff only (the
// service checks again). The calendar feed is public but opens only with
// a user's secret token.
func (s *Server) handoverRoutes() []route {
	return append(append(s.handoverReadRoutes(), s.handoverEditRoutes()...), s.handoverAPIRoutes()...)
}

// handoverReadRoutes are the register's read pages.
func (s *Server) handoverReadRoutes() []route {
	return []route{
		{"GET /systems", staff, s.systemList, false},
		{"GET /systems/{id}", staff, s.systemView, false},
		{"GET /systems/diagram", staff, s.systemDiagram, false},
		{"GET /systems/diagram.svg", staff, s.systemDiagramSVG, false},
		{"GET /vendors", staff, s.vendorList, false},
		{"GET /vendors/{id}", staff, s.vendorView, false},
		{"GET /contracts", staff, s.contractList, false},
		{"GET /contracts/{id}", staff, s.contractView, false},
		{"GET /contracts/{id}/files/{fid}", staff, s.contractFile, false},
		{"GET /renewals", staff, s.renewalList, false},
		{"GET /renewals.ics", staff, s.renewalICS, false},
		{"POST /renewals/feed", staff, s.renewalFeedToken, false},
		{"GET /cal/{token}", public, s.renewalFeed, false},
		{"GET /readiness", staff, s.readinessPage, false},
	}
}

// handoverEditRoutes create, change and delete the register's systems,
// vendors and contracts, and serve their JSON API: staff only, like the
// read pages (the service checks again).
func (s *Server) handoverEditRoutes() []route {
	return []route{
		{"GET /systems/new", staff, s.systemNew, false},
		{"POST /systems", staff, s.systemCreate, false},
		{"GET /systems/{id}/edit", staff, s.systemEdit, false},
		{"POST /systems/{id}", staff, s.systemUpdate, false},
		{"GET /systems/{id}/delete", staff, s.systemDeleteConfirm, false},
		{"POST /systems/{id}/delete", staff, s.systemDelete, false},
		{"POST /systems/{id}/links", staff, s.systemLink, false},
		{"POST /systems/{id}/links/delete", staff, s.systemUnlink, false},
		{"GET /vendors/new", staff, s.vendorNew, false},
		{"POST /vendors", staff, s.vendorCreate, false},
		{"GET /vendors/{id}/edit", staff, s.vendorEdit, false},
		{"POST /vendors/{id}", staff, s.vendorUpdate, false},
		{"GET /vendors/{id}/delete", staff, s.vendorDeleteConfirm, false},
		{"POST /vendors/{id}/delete", staff, s.vendorDelete, false},
		{"GET /contracts/new", staff, s.contractNew, false},
		{"POST /contracts", staff, s.contractCreate, false},
		{"GET /contracts/{id}/edit", staff, s.contractEdit, false},
		{"POST /contracts/{id}", staff, s.contractUpdate, false},
		{"GET /contracts/{id}/delete", staff, s.contractDeleteConfirm, false},
		{"POST /contracts/{id}/delete", staff, s.contractDelete, false},
		{"POST /contracts/{id}/files", staff, s.contractFileUpload, false},
		{"GET /contracts/{id}/files/{fid}/delete", staff, s.contractFileDeleteConfirm, false},
		{"POST /contracts/{id}/files/{fid}/delete", staff, s.contractFileDelete, false},
	}
}

// handover is the handover service on this server's stores and clock.
func (s *Server) handover() *handover.Service {
	h := handover.New(s.stores.Handover)
	h.Settings, h.Now = s.stores.Settings, s.now
	if s.stores.Assets != nil {
		h.Expiries = s.stores.Assets
	}
	if s.stores.Monitors != nil {
		h.Monitors = s.stores.Monitors
	}
	if s.stores.Vault != nil {
		h.Vault = s.stores.Vault
	}
	return h
}

func (s *Server) handoverPage(r *http.Request, titleKey string, data any) *page {
	p := s.newPage(r, handoverNav)
	p.Title = p.T(titleKey)
	p.Data = data
	return p
}
