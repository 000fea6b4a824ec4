package web

import (
	"errors"
	"mime"
	"net/http"
	"strings"

	"hitori"
	"hitori/inventory"
	"hitori/vault"
)

// Body limits by what a route's form carries. URL-encoding triples every
// byte of Japanese text (%E3%81%82), so a form's limit is about three times
// the text it may hold, plus room for the other fields.
const (
	// maxPublicBodyBytes bounds what a stranger may send: sign-in, language,
	// setup and e-mail link forms are a few short fields.
	maxPublicBodyBytes = 64 << 10
	// maxFormBytes bounds signed-in forms and JSON: an item body (256 KiB of
	// text) url-encoded, with its title and tags.
	maxFormBytes = 1 << 20
	// maxArticleFormBytes holds a whole article (hitori.MaxArticleBody)
	// url-encoded, with its title, tags and readers.
	maxArticleFormBytes = 3*hitori.MaxArticleBody + 512<<10
	// maxUploadBytes is one file up to hitori.MaxArticleFileSize plus the form around it.
	maxUploadBytes = hitori.MaxArticleFileSize + 1<<20
	// multipartMemory is how much of an upload is held in memory; the rest
	// goes to a temporary file that limitBodies removes after the request.
	multipartMemory = 1 << 20
)

// bodyLimits names the routes whose forms carry more than maxFormBytes.
// TestBodyLimitsNameRoutes checks each pattern is in the route table.
var bodyLimits = map[string]int64{
	"POST /kb":            maxArticleFormBytes,
	"POST /kb/{id}":       maxArticleFormBytes,
	"POST /kb/{id}/files": maxUploadBytes,
	// A vault file is small (vault.MaxFile): recovery codes, a key file.
	"POST /vault/{id}/files": vault.MaxFile + 1<<20,
	// A contract's signed document (handover register).
	"POST /contracts/{id}/files": hitori.MaxContractFileSize + 1<<20,
	// The portal's new-item and reply forms carry screenshots (portal_upload.go).
	"POST /portal/items":              maxPortalUploadBytes,
	"POST /portal/items/{id}/replies": maxPortalUploadBytes,
	// Inventory agents: the raw body; inventory.ReadBody limits it again once decompressed.
	"POST /inventory": inventory.MaxBody, "POST /ocsinventory": inventory.MaxBody, "POST /front/inventory.php": inventory.MaxBody,
}

// routeBodyLimits gives every route of the table its body limit.
func routeBodyLimits(table []route) map[string]int64 {
	limits := make(map[string]int64, len(table))
	for _, rt := range table {
		switch {
		case bodyLimits[rt.pattern] > 0:
			limits[rt.pattern] = bodyLimits[rt.pattern]
		case rt.access == public || rt.access == pending2FA:
			limits[rt.pattern] = maxPublicBodyBytes
		default:
			limits[rt.pattern] = maxFormBytes
		}
	}
	return limits
}

// limitBodies caps every request body by its route before anything reads
// it, and parses forms here, once, so a body over the limit is answered
// 413 in the user's language rather than failing later as a missing CSRF
// token. The middleware below hands copies of the request down, so
// net/http never sees the multipart form: its temporary files are removed
// here.
func (s *Server) limitBodies(mux *http.ServeMux, limits map[string]int64, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, pattern := mux.Handler(r)
		limit, ok := limits[pattern]
		if !ok {
			limit = maxPublicBodyBytes // unknown routes answer 404 and read nothing
		}
		api := strings.HasPrefix(r.URL.Path, "/api/")
		if r.Body != nil && r.Body != http.NoBody {
			r.Body = http.MaxBytesReader(w, r.Body, limit)
		}
		// Other bodies (JSON) are read by their handler, which words its
		// own answer when it meets the limit.
		ft := formType(r)
		if ft != "" && r.ContentLength > limit {
			s.renderError(w, r, api, http.StatusRequestEntityTooLarge, "error.too_large")
			return
		}
		var err error
		switch ft {
		case "multipart/form-data":
			err = r.ParseMultipartForm(multipartMemory)
			if r.MultipartForm != nil {
				defer r.MultipartForm.RemoveAll()
			}
		case "application/x-www-form-urlencoded":
			err = r.ParseForm()
		}
		if tooBig := new(http.MaxBytesError); errors.As(err, &tooBig) {
			s.renderError(w, r, api, http.StatusRequestEntityTooLarge, "error.too_large")
			return
		}
		next.ServeHTTP(w, r)
	})
}

// formType is the media type of a form body, or "" when the request has none.
func formType(r *http.Request) string {
	switch r.Method {
	case http.MethodPost, http.MethodPut, http.MethodPatch:
	default:
		return ""
	}
	switch mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type")); mt {
	case "multipart/form-data", "application/x-www-form-urlencoded":
		return mt
	}
	return ""
}
