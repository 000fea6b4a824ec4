package web

import (
	"net/http"
	"time"

	"hitori"
)

const auditPerPage = 50

// auditLog lists security events with filters by action, actor and date (JST days).
func (s *Server) auditLog(w http.ResponseWriter, r *http.Request) error {
	p := s.newPage(r, "settings")
	p.Title = p.T("audit.title")
	q := r.URL.Query()
	f := hitori.AuditFilter{Action: q.Get("action"), Actor: q.Get("actor"), Limit: auditPerPage}
	if t, err := time.ParseInLocation("2006-01-02", q.Get("since"), tokyo); err == nil {
		f.Since = t
	}
	if t, err := time.ParseInLocation("2006-01-02", q.Get("until"), tokyo); err == nil {
		f.Until = t.AddDate(0, 0, 1)
	}
	pg := pageNumber(q.Get("page"))
	f.Offset = (pg - 1) * auditPerPage
	events, total, err := s.stores.Audit.FindAuditEvents(r.Context(), f)
	if err != nil {
		return err
	}
	p.Form = q
	p.Data = map[string]any{"Events": events, "Actions": hitori.AuditActions, "Pager": newPager(r, pg, auditPerPage, total)}
	s.render(w, http.StatusOK, "audit", p)
	return nil
}
