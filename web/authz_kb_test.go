package web

// kbAuthz says who may use the knowledge base's routes.
var kbAuthz = map[string][]string{
	"GET /api/v1/search":               everyone,
	"POST /api/v1/chat":                everyone,
	"GET /api/v1/kb/suggest":           everyone,
	"GET /kb":                          everyone,
	"GET /kb/new":                      kbStaff,
	"POST /kb":                         kbStaff,
	"GET /kb/insights":                 kbStaff,
	"POST /kb/insights/dismiss":        kbStaff,
	"POST /kb/deflect":                 everyone,
	"GET /kb/{id}":                     everyone,
	"GET /kb/{id}/edit":                kbStaff,
	"POST /kb/{id}":                    kbStaff,
	"POST /kb/{id}/delete":             admins,
	"GET /kb/{id}/history":             kbStaff,
	"GET /kb/{id}/diff":                kbStaff,
	"POST /kb/{id}/restore":            kbStaff,
	"POST /kb/{id}/files":              kbStaff,
	"GET /kb/{id}/files/{fid}":         everyone,
	"POST /kb/{id}/files/{fid}/delete": kbStaff,
	"GET /kb/synonyms":                 admins,
	"POST /kb/synonyms":                admins,
	"POST /work/items/{id}/faq":        kbStaff,
	"GET /help":                        everyone,
	"POST /help":                       everyone,
}

// kbStaff are the roles that work inside the IT department.
var kbStaff = []string{"technician", "admin"}
