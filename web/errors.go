package web

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"

	"hitori"
)

// statusOf maps an error code to an HTTP status.
func statusOf(code string) int {
	switch code {
	case hitori.EINVALID:
		return http.StatusUnprocessableEntity
	case hitori.ENOTFOUND:
		return http.StatusNotFound
	case hitori.ECONFLICT:
		return http.StatusConflict
	case hitori.EUNAUTHORIZED:
		return http.StatusUnauthorized
	case hitori.EFORBIDDEN:
		return http.StatusForbidden
	case hitori.ETOOMANY:
		return http.StatusTooManyRequests
	}
	return http.StatusInternalServerError
}

// handleError is the one place an error becomes a response: internal errors
// are logged with the request id and shown as a generic message; domain
// errors show their own user-safe message, translated.
func (s *Server) handleError(w http.ResponseWriter, r *http.Request, api bool, err error) {
	code := hitori.ErrorCode(err)
	key := "error.internal"
	var fields map[string]string
	if code == hitori.EINTERNAL && clientGone(r, err) {
		// Nobody is waiting for this answer: not a fault of the server.
		s.log.Debug("request cancelled", "request_id", requestID(r), "method", r.Method, "path", r.URL.Path, "err", err)
	} else if code == hitori.EINTERNAL {
		s.log.Error("internal error", "request_id", requestID(r), "method", r.Method, "path", r.URL.Path, "err", err)
	} else if e, ok := hitori.AsError(err); ok {
		key = e.Key
		if key == "" {
			key = e.Message
		}
		fields = e.Fields
	}
	if api {
		loc := s.localeFor(r)
		body := apiError{Error: code, Message: loc.T(key)}
		if len(fields) > 0 {
			body.Fields = map[string]string{}
			for f, k := range fields {
				body.Fields[f] = loc.T(k)
			}
			body.Message = loc.T("error.fields")
		}
		writeJSON(w, statusOf(code), body)
		return
	}
	s.renderError(w, r, api, statusOf(code), key)
}

// clientGone reports whether err comes from the request's own context ending
// because the client went away (it disconnected or gave up waiting).
func clientGone(r *http.Request, err error) bool {
	return errors.Is(err, context.Canceled) && r.Context().Err() != nil
}

// apiError is the JSON error body: a machine code, a translated message and per-field reasons.
type apiError struct {
	Error   string            `json:"error"`
	Message string            `json:"message"`
	Fields  map[string]string `json:"fields,omitempty"`
}

// renderError writes an error page or JSON body.
func (s *Server) renderError(w http.ResponseWriter, r *http.Request, api bool, status int, key string) {
	loc := s.localeFor(r)
	msg := loc.T(key)
	if api {
		writeJSON(w, status, apiError{Error: http.StatusText(status), Message: msg})
		return
	}
	p := s.newPage(r, "error")
	p.Title = loc.T("error.title")
	p.Data = map[string]any{"Status": status, "Message": msg, "RequestID": requestID(r)}
	s.render(w, status, "error", p)
}

// writeJSON writes v as JSON with status.
func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(true)
	_ = enc.Encode(v)
}

func (s *Server) notFound(w http.ResponseWriter, r *http.Request) error {
	return hitori.KeyError(hitori.ENOTFOUND, "error.not_found")
}
