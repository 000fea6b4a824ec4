// Package markdown reads and writes knowledge-base article files (front
// matter plus a Markdown body), renders bodies to sanitised HTML, extracts
// plain text for search, offers starter bodies per article kind and diffs
// revisions line by line.
//
// The front matter is a small, strict subset of YAML parsed by hand: the
// files are written by people, so every mistake is reported with its line
// and field instead of being guessed at, and no YAML library is needed.
package markdown

// Kind is the article type stored under the `type` key.
type Kind string

// The article kinds hitori knows; each has a starter body (see Template).
const (
	KindFAQ             Kind = "faq"
	KindRunbook         Kind = "runbook"
	KindTroubleshooting Kind = "troubleshooting"
	KindPolicy          Kind = "policy"
)

// Kinds lists every valid Kind in the order the UI offers them.
func Kinds() []Kind {
	return []Kind{KindFAQ, KindRunbook, KindTroubleshooting, KindPolicy}
}

// Valid reports whether k is one of Kinds; the empty Kind is not valid here
// (Validate treats an absent `type` separately).
func (k Kind) Valid() bool {
	switch k {
	case KindFAQ, KindRunbook, KindTroubleshooting, KindPolicy:
		return true
	}
	return false
}

// Visibility says who may read an article; an empty value means the key was
// absent and readers should treat it as VisibilityEveryone.
type Visibility string

// The visibility levels stored under the `visibility` key.
const (
	VisibilityEveryone   Visibility = "everyone"
	VisibilityStaff      Visibility = "staff"
	VisibilityRestricted Visibility = "restricted"
)

// Valid reports whether v is one of the three levels.
func (v Visibility) Valid() bool {
	switch v {
	case VisibilityEveryone, VisibilityStaff, VisibilityRestricted:
		return true
	}
	return false
}

// Doc is one article file: its front matter fields and its Markdown body.
//
// Empty strings, nil slices and a zero ReviewBy mean "key absent"; Format
// omits them so that a file round-trips without gaining keys.
type Doc struct {
	ID         string
	Title      string
	Category   string
	Tags       []string
	Type       Kind
	Visibility Visibility
	// Users lists the e-mail addresses allowed to read a restricted article.
	Users    []string
	ReviewBy Date
	// Extra keeps keys hitori does not know, so that front matter written by
	// other tools survives a save. Scalars hold their decoded text; lists
	// hold their canonical flow form such as `[a, "c d"]`.
	Extra map[string]string
	// Body is the Markdown after the closing delimiter, with "\n" line
	// endings.
	Body string
}

// Field names as they appear in the front matter and in ParseError.Field.
const (
	FieldID         = "id"
	FieldTitle      = "title"
	FieldCategory   = "category"
	FieldTags       = "tags"
	FieldType       = "type"
	FieldVisibility = "visibility"
	FieldUsers      = "users"
	FieldReviewBy   = "review_by"
	FieldBody       = "body"
)

// knownKeys is the canonical key order used by Format.
var knownKeys = []string{
	FieldID, FieldTitle, FieldCategory, FieldTags, FieldType,
	FieldVisibility, FieldUsers, FieldReviewBy,
}

func isKnownKey(k string) bool {
	for _, v := range knownKeys {
		if v == k {
			return true
		}
	}
	return false
}

// Default size limits; see Limits.
const (
	MaxFrontMatterBytes = 64 << 10
	MaxBodyBytes        = 1 << 20
	MaxTitleRunes       = 200
)

// Limits bounds what Parse accepts, so a pasted log file or a runaway title
// is refused with a clear error instead of filling the database.
type Limits struct {
	FrontMatterBytes int // bytes between the two `---` lines
	BodyBytes        int // bytes after the closing `---` line
	TitleRunes       int // characters in the title
}

// DefaultLimits returns the limits Parse and Validate use.
func DefaultLimits() Limits {
	return Limits{
		FrontMatterBytes: MaxFrontMatterBytes,
		BodyBytes:        MaxBodyBytes,
		TitleRunes:       MaxTitleRunes,
	}
}
