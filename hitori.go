// Package hitori holds the domain types and service interfaces of hitori,
// the IT operations hub for a one-person IT department. Subpackages adapt
// them to storage (sqlstore), the web (web) and outside formats.
package hitori

// Version is set at build time with -ldflags "-X hitori.Version=…".
var Version = "dev"

// Page bounds listing requests so no query returns unbounded rows.
func Page(offset, limit, def, max int) (int, int) {
	if offset < 0 {
		offset = 0
	}
	if limit <= 0 {
		limit = def
	}
	if limit > max {
		limit = max
	}
	return offset, limit
}
