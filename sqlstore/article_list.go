package sqlstore

import (
	"context"
	"fmt"
	"strings"

	"hitori"
)

// visibleTo adds the visibility condition for the context's user to a query.
func visibleTo(ctx context.Context, conds []string, args []any) ([]string, []any) {
	u := hitori.UserFromContext(ctx)
	if u == nil || u.Role.IsStaff() {
		return conds, args
	}
	args = append(args, u.ID)
	return append(conds, fmt.Sprintf(`(visibility = 'everyone' OR (visibility = 'restricted' AND id IN (SELECT article_id FROM article_readers WHERE user_id = $%d)))`, len(args))), args
}

// FindArticles lists articles the context's user may read, with the total.
func (s *Articles) FindArticles(ctx context.Context, f hitori.ArticleFilter) ([]*hitori.Article, int, error) {
	offset, limit := hitori.Page(f.Offset, f.Limit, 50, 500)
	var conds []string
	var args []any
	add := func(cond string, v any) {
		args = append(args, v)
		conds = append(conds, fmt.Sprintf(cond, len(args)))
	}
	if f.Category != "" {
		add("category = $%d", f.Category)
	}
	if f.Tag != "" {
		add(`tags LIKE $%d ESCAPE '\'`, "%\n"+escapeLike(f.Tag)+"\n%")
	}
	if f.Kind != "" {
		add("kind = $%d", string(f.Kind))
	}
	if f.StaleAt != nil {
		add("review_by IS NOT NULL AND review_by < $%d", f.StaleAt.UTC())
	}
	conds, args = visibleTo(ctx, conds, args)
	where := ""
	if len(conds) > 0 {
		where = "WHERE " + strings.Join(conds, " AND ")
	}
	order := "updated_at DESC, id DESC"
	switch f.Sort {
	case "title":
		order = "title, id"
	case "review":
		order = "review_by, id"
	}
	var total int
	if err := s.db.r.QueryRowContext(ctx, `SELECT COUNT(*) FROM articles `+where, args...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("sqlstore: count articles: %w", err)
	}
	args = append(args, limit, offset)
	rows, err := s.db.r.QueryContext(ctx, fmt.Sprintf(`SELECT %s FROM articles %s ORDER BY %s LIMIT $%d OFFSET $%d`,
		articleColumns, where, order, len(args)-1, len(args)), args...)
	if err != nil {
		return nil, 0, fmt.Errorf("sqlstore: find articles: %w", err)
	}
	defer rows.Close()
	var out []*hitori.Article
	for rows.Next() {
		a, err := scanArticle(rows)
		if err != nil {
			return nil, 0, err
		}
		out = append(out, a)
	}
	return out, total, rows.Err()
}

// AllArticles streams every article with its readers, for the search index and export.
func (s *Articles) AllArticles(ctx context.Context, fn func(*hitori.Article) error) error {
	rows, err := s.db.r.QueryContext(ctx, `SELECT `+articleColumns+` FROM articles ORDER BY id`)
	if err != nil {
		return fmt.Errorf("sqlstore: all articles: %w", err)
	}
	var all []*hitori.Article
	for rows.Next() {
		a, err := scanArticle(rows)
		if err != nil {
			rows.Close()
			return err
		}
		all = append(all, a)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for _, a := range all {
		if err := s.loadReaders(ctx, a); err != nil {
			return err
		}
		if err := fn(a); err != nil {
			return err
		}
	}
	return nil
}

// FindArticleRevisions lists an article's revisions, newest first.
func (s *Articles) FindArticleRevisions(ctx context.Context, id int64) ([]*hitori.ArticleRevision, error) {
	if _, err := s.FindArticleByID(ctx, id); err != nil {
		return nil, err
	}
	rows, err := s.db.r.QueryContext(ctx, `SELECT article_id, revision, title, body, kind, category, tags, author, created_at
		FROM article_revisions WHERE article_id = $1 ORDER BY revision DESC LIMIT 1000`, id)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: article revisions: %w", err)
	}
	defer rows.Close()
	var out []*hitori.ArticleRevision
	for rows.Next() {
		r, err := scanRevision(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// FindArticleRevision returns one revision of an article the user may read.
func (s *Articles) FindArticleRevision(ctx context.Context, id int64, rev int) (*hitori.ArticleRevision, error) {
	if _, err := s.FindArticleByID(ctx, id); err != nil {
		return nil, err
	}
	r, err := scanRevision(s.db.r.QueryRowContext(ctx, `SELECT article_id, revision, title, body, kind, category, tags, author, created_at
		FROM article_revisions WHERE article_id = $1 AND revision = $2`, id, rev))
	return r, notFound(err, "revision")
}

func scanRevision(row interface{ Scan(...any) error }) (*hitori.ArticleRevision, error) {
	r := &hitori.ArticleRevision{}
	var kind, tags string
	if err := row.Scan(&r.ArticleID, &r.Revision, &r.Title, &r.Body, &kind, &r.Category, &tags, &r.Author, &r.CreatedAt); err != nil {
		return nil, err
	}
	r.Kind, r.Tags, r.CreatedAt = hitori.ArticleKind(kind), splitTags(tags), r.CreatedAt.UTC()
	return r, nil
}
