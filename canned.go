package hitori

import "time"

// Limits of the staff's reusable pieces: canned replies are shared by the
// whole department, saved filters belong to one person.
const (
	MaxCannedTitle   = 100    // runes
	MaxCannedBody    = 10_000 // runes
	MaxCannedReplies = 200
	MaxFilterName    = 60    // runes
	MaxFilterQuery   = 2_000 // bytes
	MaxSavedFilters  = 50    // per user
)

// CannedReply is a reusable answer the staff insert into a reply. Body may
// hold {{name}} (the requester) and {{key}} (HD-n).
type CannedReply struct {
	ID        int64
	Title     string
	Body      string
	CreatedAt time.Time
	UpdatedAt time.Time
}

// SavedFilter is a named query string of the staff's item list.
type SavedFilter struct {
	ID        int64
	UserID    int64
	Name      string
	Query     string
	CreatedAt time.Time
}
