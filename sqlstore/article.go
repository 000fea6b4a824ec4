package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"hitori"
)

var _ hitori.ArticleService = (*Articles)(nil)

const articleColumns = `id, COALESCE(slug, ''), title, body, kind, category, tags, visibility, review_by, revision, created_at, updated_at, updated_by`

// Articles keeps the knowledge base: articles, their files and revisions,
// and the self-service statistics (hitori.ArticleStore).
type Articles struct{ db *DB }

// Articles returns the Articles store.
func (db *DB) Articles() *Articles { return &Articles{db: db} }

// joinTags stores tags one per line with newlines at both ends, so a tag
// filter is a LIKE on "\ntag\n" that works the same in both databases.
func joinTags(tags []string) string {
	if len(tags) == 0 {
		return ""
	}
	return "\n" + strings.Join(tags, "\n") + "\n"
}

func splitTags(s string) []string {
	var out []string
	for _, t := range strings.Split(strings.Trim(s, "\n"), "\n") {
		if t != "" {
			out = append(out, t)
		}
	}
	return out
}

func scanArticle(row interface{ Scan(...any) error }) (*hitori.Article, error) {
	a := &hitori.Article{}
	var kind, vis, tags string
	var review sql.NullTime
	if err := row.Scan(&a.ID, &a.Slug, &a.Title, &a.Body, &kind, &a.Category, &tags, &vis, &review, &a.Revision, &a.CreatedAt, &a.UpdatedAt, &a.UpdatedBy); err != nil {
		return nil, err
	}
	a.Kind, a.Visibility, a.Tags, a.ReviewBy = hitori.ArticleKind(kind), hitori.Visibility(vis), splitTags(tags), nullTime(review)
	a.CreatedAt, a.UpdatedAt = a.CreatedAt.UTC(), a.UpdatedAt.UTC()
	return a, nil
}

// requireStaff refuses writes from requesters and viewers; a context without
// a user is the command line, which acts as the administrator.
// It returns who to record as the author.
func requireStaff(ctx context.Context) (string, error) {
	u, err := staffActor(ctx)
	if err != nil {
		return "", err
	}
	if u == nil {
		return hitori.ActorCLI, nil
	}
	return u.Email, nil
}

func nullSlug(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// CreateArticle stores a new article as revision 1.
func (s *Articles) CreateArticle(ctx context.Context, a *hitori.Article) error {
	author, err := requireStaff(ctx)
	if err != nil {
		return err
	}
	if err := a.Validate(); err != nil {
		return err
	}
	now := s.db.now()
	a.Revision, a.CreatedAt, a.UpdatedAt, a.UpdatedBy = 1, now, now, author
	return s.db.write(ctx, func(tx *sql.Tx) error {
		if a.Slug != "" {
			var n int
			if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM articles WHERE slug = $1`, a.Slug).Scan(&n); err != nil {
				return err
			}
			if n > 0 {
				return hitori.FieldError("slug", "error.slug_taken")
			}
		}
		err := tx.QueryRowContext(ctx, `INSERT INTO articles (slug, title, body, kind, category, tags, visibility, review_by, revision, created_at, updated_at, updated_by)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 1, $9, $9, $10) RETURNING id`,
			nullSlug(a.Slug), a.Title, a.Body, string(a.Kind), a.Category, joinTags(a.Tags), string(a.Visibility), a.ReviewBy, now, author).Scan(&a.ID)
		if err != nil {
			return fmt.Errorf("sqlstore: create article: %w", err)
		}
		return s.saveArticleExtras(ctx, tx, a)
	})
}

// saveArticleExtras writes the revision row and the reader list, and
// records the change for other processes' search indexes.
func (s *Articles) saveArticleExtras(ctx context.Context, tx *sql.Tx, a *hitori.Article) error {
	if _, err := tx.ExecContext(ctx, `INSERT INTO article_revisions (article_id, revision, title, body, kind, category, tags, author, created_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`, a.ID, a.Revision, a.Title, a.Body, string(a.Kind), a.Category, joinTags(a.Tags), a.UpdatedBy, a.UpdatedAt); err != nil {
		return fmt.Errorf("sqlstore: article revision: %w", err)
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM article_readers WHERE article_id = $1`, a.ID); err != nil {
		return err
	}
	if a.Visibility != hitori.VisibleRestricted {
		a.Readers = nil
	}
	for _, uid := range a.Readers {
		if _, err := tx.ExecContext(ctx, `INSERT INTO article_readers (article_id, user_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`, a.ID, uid); err != nil {
			return fmt.Errorf("sqlstore: article reader: %w", err)
		}
	}
	return s.db.touch(ctx, tx, hitori.TopicArticles)
}

// UpdateArticle saves a new revision. a.Revision must be the revision the
// editor started from; if someone saved in between, ECONFLICT says so rather
// than silently overwriting their work.
func (s *Articles) UpdateArticle(ctx context.Context, a *hitori.Article) error {
	author, err := requireStaff(ctx)
	if err != nil {
		return err
	}
	if err := a.Validate(); err != nil {
		return err
	}
	now := s.db.now()
	return s.db.write(ctx, func(tx *sql.Tx) error {
		var current int
		var created sql.NullTime
		err := tx.QueryRowContext(ctx, `SELECT revision, created_at FROM articles WHERE id = $1`, a.ID).Scan(&current, &created)
		if err != nil {
			return notFound(err, "article")
		}
		if current != a.Revision {
			return hitori.KeyError(hitori.ECONFLICT, "error.edit_conflict")
		}
		if a.Slug != "" {
			var n int
			if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM articles WHERE slug = $1 AND id <> $2`, a.Slug, a.ID).Scan(&n); err != nil {
				return err
			}
			if n > 0 {
				return hitori.FieldError("slug", "error.slug_taken")
			}
		}
		a.Revision, a.UpdatedAt, a.UpdatedBy, a.CreatedAt = current+1, now, author, created.Time.UTC()
		if _, err := tx.ExecContext(ctx, `UPDATE articles SET slug = $1, title = $2, body = $3, kind = $4, category = $5, tags = $6, visibility = $7,
			review_by = $8, revision = $9, updated_at = $10, updated_by = $11 WHERE id = $12`,
			nullSlug(a.Slug), a.Title, a.Body, string(a.Kind), a.Category, joinTags(a.Tags), string(a.Visibility), a.ReviewBy, a.Revision, now, author, a.ID); err != nil {
			return fmt.Errorf("sqlstore: update article: %w", err)
		}
		return s.saveArticleExtras(ctx, tx, a)
	})
}

func (s *Articles) loadReaders(ctx context.Context, a *hitori.Article) error {
	if a.Visibility != hitori.VisibleRestricted {
		return nil
	}
	rows, err := s.db.r.QueryContext(ctx, `SELECT user_id FROM article_readers WHERE article_id = $1 ORDER BY user_id`, a.ID)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return err
		}
		a.Readers = append(a.Readers, id)
	}
	return rows.Err()
}

// findArticle loads one article and hides it (ENOTFOUND) from a user who may not read it.
func (s *Articles) findArticle(ctx context.Context, where string, arg any) (*hitori.Article, error) {
	a, err := scanArticle(s.db.r.QueryRowContext(ctx, `SELECT `+articleColumns+` FROM articles WHERE `+where, arg))
	if err != nil {
		return nil, notFound(err, "article")
	}
	if err := s.loadReaders(ctx, a); err != nil {
		return nil, fmt.Errorf("sqlstore: article readers: %w", err)
	}
	if u := hitori.UserFromContext(ctx); u != nil && !a.CanRead(u) {
		return nil, hitori.KeyError(hitori.ENOTFOUND, "error.not_found")
	}
	return a, nil
}

// FindArticleByID returns an article the context's user may read.
func (s *Articles) FindArticleByID(ctx context.Context, id int64) (*hitori.Article, error) {
	return s.findArticle(ctx, `id = $1`, id)
}

// FindArticleBySlug returns an article by its import id.
func (s *Articles) FindArticleBySlug(ctx context.Context, slug string) (*hitori.Article, error) {
	return s.findArticle(ctx, `slug = $1`, slug)
}

// DeleteArticle removes an article and its history.
func (s *Articles) DeleteArticle(ctx context.Context, id int64) error {
	if _, err := requireStaff(ctx); err != nil {
		return err
	}
	return s.db.write(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `DELETE FROM articles WHERE id = $1`, id)
		if err != nil {
			return fmt.Errorf("sqlstore: delete article: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return hitori.KeyError(hitori.ENOTFOUND, "error.not_found")
		}
		return s.db.touch(ctx, tx, hitori.TopicArticles)
	})
}
