package web

// kbAuthz says who may use the knowledge base's routes.
var kbAuthz = map[string][]string{
	"GET /api/v1/search":               members,
	"POST /api/v1/chat":                members,
	"GET /api/v1/kb/suggest":           members,
	"GET /kb":                          members,
	"GET /kb/new":                      kbStaff,
	"POST /kb":                         kbStaff,
	"GET /kb/insights":                 kbStaff,
	"POST /kb/insights/dismiss":        kbStaff,
	"POST /kb/deflect":                 members,
	"GET /kb/{id}":                     members,
	"GET /kb/{id}/edit":                kbStaff,
	"POST /kb/{id}":                    kbStaff,
	"POST /kb/{id}/delete":             admins,
	"GET /kb/{id}/history":             kbStaff,
	"GET /kb/{id}/diff":                kbStaff,
	"POST /kb/{id}/restore":            kbStaff,
	"POST /kb/{id}/files":              kbStaff,
	"GET /kb/{id}/files/{fid}":         members,
	"POST /kb/{id}/files/{fid}/delete": kbStaff,
	"GET /kb/synonyms":                 admins,
	"POST /kb/synonyms":                admins,
	"POST /work/items/{id}/faq":        kbStaff,
	"GET /help":                        members,
	"POST /help":                       members,
}

// kbStaff are the roles that work inside the IT department.
var kbStaff = []string{"technician", "admin"}
