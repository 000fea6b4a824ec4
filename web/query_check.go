package web

import (
	"net/http"

	"hitori"
)

// checkQuery refuses a query string carrying text no database stores (a
// NUL, bytes that are not UTF-8): every q= search would otherwise reach
// PostgreSQL and fail there as a 500. It answers 422 naming the parameter
// and reports whether it did.
func (s *Server) checkQuery(w http.ResponseWriter, r *http.Request, api bool) bool {
	for name, values := range r.URL.Query() {
		for _, v := range append(values, name) {
			if hitori.CheckText(name, v) == nil {
				continue
			}
			loc := s.localeFor(r)
			msg := loc.T("error.invalid_text_field", name)
			if api {
				writeJSON(w, http.StatusUnprocessableEntity, apiError{Error: hitori.EINVALID, Message: msg,
					Fields: map[string]string{name: loc.T("error.invalid_text")}})
				return true
			}
			p := s.newPage(r, "error")
			p.Title = loc.T("error.title")
			p.Data = map[string]any{"Status": http.StatusUnprocessableEntity, "Message": msg, "RequestID": requestID(r)}
			s.render(w, http.StatusUnprocessableEntity, "error", p)
			return true
		}
	}
	return false
}
