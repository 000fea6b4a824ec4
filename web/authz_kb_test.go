package web

// kbAuthz says who may use the knowledge base's routes.
var kbAuthz = map[string][]string{
	"GET /api/v1/search": everyone,
	"POST /api/v1/chat":  everyone,
}
