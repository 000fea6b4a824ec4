package hitori

import (
	"context"
	"strings"
	"time"
	"unicode/utf8"
)

// ArticleKind is the shape of a knowledge article; each has its own template.
type ArticleKind string

// The article kinds.
const (
	KindFAQ             ArticleKind = "faq"
	KindRunbook         ArticleKind = "runbook"
	KindTroubleshooting ArticleKind = "troubleshooting"
	KindPolicy          ArticleKind = "policy"
)

// ArticleKinds lists the kinds in display order.
var ArticleKinds = []ArticleKind{KindFAQ, KindRunbook, KindTroubleshooting, KindPolicy}

// Visibility says who may read an article.
type Visibility string

// Visibility levels: everyone (shown on the portal), staff only, or named users.
const (
	VisibleEveryone   Visibility = "everyone"
	VisibleStaff      Visibility = "staff"
	VisibleRestricted Visibility = "restricted"
)

// Article is a knowledge-base entry in Markdown. Every save is a revision.
type Article struct {
	ID         int64
	Slug       string // import id such as "kb-001"; unique when set
	Title      string
	Body       string
	Kind       ArticleKind
	Category   string
	Tags       []string
	Visibility Visibility
	Readers    []int64 // user ids allowed to read a restricted article (staff always may)
	ReviewBy   *time.Time
	Revision   int
	CreatedAt  time.Time
	UpdatedAt  time.Time
	UpdatedBy  string // e-mail of the last editor
}

// Limits on article fields.
const (
	MaxArticleTitle = 200
	MaxArticleBody  = 1 << 20
	MaxArticleTags  = 30
	MaxTagLen       = 50
	MaxSlugLen      = 100
)

// Validate checks and normalises an article before it is stored.
func (a *Article) Validate() error {
	a.Title = strings.TrimSpace(a.Title)
	a.Slug = strings.TrimSpace(a.Slug)
	a.Category = strings.TrimSpace(a.Category)
	if err := CheckTexts("title", a.Title, "body", a.Body, "slug", a.Slug, "category", a.Category); err != nil {
		return err
	}
	for _, t := range a.Tags {
		if err := CheckText("tags", t); err != nil {
			return err
		}
	}
	if a.Title == "" {
		return FieldError("title", "error.required")
	}
	if utf8.RuneCountInString(a.Title) > MaxArticleTitle {
		return FieldError("title", "error.too_long")
	}
	if len(a.Body) > MaxArticleBody {
		return FieldError("body", "error.too_long")
	}
	if len(a.Slug) > MaxSlugLen || strings.ContainsAny(a.Slug, " \t\r\n/?#") {
		return FieldError("slug", "error.invalid")
	}
	if a.Kind == "" {
		a.Kind = KindFAQ
	}
	valid := false
	for _, k := range ArticleKinds {
		valid = valid || a.Kind == k
	}
	if !valid {
		return FieldError("kind", "error.invalid")
	}
	switch a.Visibility {
	case "":
		a.Visibility = VisibleEveryone
	case VisibleEveryone, VisibleStaff, VisibleRestricted:
	default:
		return FieldError("visibility", "error.invalid")
	}
	seen := map[string]bool{}
	tags := a.Tags[:0:0]
	for _, t := range a.Tags {
		t = strings.TrimSpace(t)
		if t == "" || seen[t] {
			continue
		}
		if utf8.RuneCountInString(t) > MaxTagLen {
			return FieldError("tags", "error.too_long")
		}
		seen[t] = true
		tags = append(tags, t)
	}
	if len(tags) > MaxArticleTags {
		return FieldError("tags", "error.too_long")
	}
	a.Tags = tags
	return nil
}

// CanRead reports whether u may read a: staff read everything; others read
// public articles and restricted ones that name them.
func (a *Article) CanRead(u *User) bool {
	if u != nil && u.Role.IsStaff() {
		return true
	}
	switch a.Visibility {
	case VisibleEveryone:
		return true
	case VisibleRestricted:
		for _, id := range a.Readers {
			if u != nil && id == u.ID {
				return true
			}
		}
	}
	return false
}

// ArticleRevision is one saved version of an article.
type ArticleRevision struct {
	ArticleID int64
	Revision  int
	Title     string
	Body      string
	Kind      ArticleKind
	Category  string
	Tags      []string
	Author    string
	CreatedAt time.Time
}

// ArticleFilter selects articles for listing.
type ArticleFilter struct {
	Category string
	Tag      string
	Kind     ArticleKind
	StaleAt  *time.Time // only articles whose review date is before this
	Offset   int
	Limit    int
	Sort     string // "updated" (default), "title", "review"
}

// ArticleService stores knowledge articles and their history. Reads check the
// user in the context; writes need staff.
type ArticleService interface {
	CreateArticle(ctx context.Context, a *Article) error
	UpdateArticle(ctx context.Context, a *Article) error // a.Revision must be the revision it was edited from
	FindArticleByID(ctx context.Context, id int64) (*Article, error)
	FindArticleBySlug(ctx context.Context, slug string) (*Article, error)
	FindArticles(ctx context.Context, f ArticleFilter) ([]*Article, int, error)
	AllArticles(ctx context.Context, fn func(*Article) error) error // every article, for indexing and export
	FindArticleRevisions(ctx context.Context, id int64) ([]*ArticleRevision, error)
	FindArticleRevision(ctx context.Context, id int64, rev int) (*ArticleRevision, error)
	DeleteArticle(ctx context.Context, id int64) error
}

// ArticleFile is an image or document attached to an article. The bytes live
// in the data folder under their SHA-256; the database keeps the metadata.
type ArticleFile struct {
	ID          int64
	ArticleID   int64
	Name        string
	ContentType string
	Size        int64
	SHA256      string
	Author      string
	CreatedAt   time.Time
}

// Limits on article files.
const (
	MaxArticleFileSize = 10 << 20
	MaxArticleFiles    = 50
	MaxFileNameLen     = 200
)

// ArticleFileService stores attachment metadata; reads check the article's visibility.
type ArticleFileService interface {
	AddArticleFile(ctx context.Context, f *ArticleFile) error
	FindArticleFiles(ctx context.Context, articleID int64) ([]*ArticleFile, error)
	FindArticleFile(ctx context.Context, articleID, fileID int64) (*ArticleFile, error)
	DeleteArticleFile(ctx context.Context, articleID, fileID int64) error
}
