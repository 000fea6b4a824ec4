package hitori

import (
	"context"
	"time"
)

// UnansweredQuestion is a group of chat questions no article answered,
// grouped by their normalised text so that "プリンターが動かない？" and
// "ぷりんたが動かない" count as one question to write an article for.
type UnansweredQuestion struct {
	Key     string // the normalised text the group shares
	Example string // the latest wording a colleague used
	Count   int
	LastAt  time.Time
}

// DeflectionCount is how often an article solved a colleague's problem
// before they opened an item ("this solved it").
type DeflectionCount struct {
	ArticleID int64
	Slug      string
	Title     string
	Count     int
	LastAt    time.Time
}

// SelfServiceStats keeps the self-service statistics. Records name the user in
// the context; reading and dismissing need staff.
type SelfServiceStats interface {
	RecordUnanswered(ctx context.Context, question, key string) error
	RecordDeflection(ctx context.Context, articleID int64, slug, query string) error
	// TopUnanswered returns the most-asked groups since a time (zero: ever) and the number of questions behind all groups.
	TopUnanswered(ctx context.Context, since time.Time, limit int) ([]UnansweredQuestion, int, error)
	// DeflectionCounts returns the articles that solved most problems since a time and the total of deflections.
	DeflectionCounts(ctx context.Context, since time.Time, limit int) ([]DeflectionCount, int, error)
	// DismissUnanswered forgets a group once an article answers it.
	DismissUnanswered(ctx context.Context, key string) error
}
