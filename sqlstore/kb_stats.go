package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"hitori"
)

var _ hitori.SelfServiceStats = (*Articles)(nil)

// userIDOf is the context's user for a statistics row; the command line has none.
func userIDOf(ctx context.Context) any {
	if u := hitori.UserFromContext(ctx); u != nil {
		return u.ID
	}
	return nil
}

// RecordUnanswered logs a chat question no article answered, with its grouping key.
func (s *Articles) RecordUnanswered(ctx context.Context, question, key string) error {
	return s.db.write(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `INSERT INTO kb_unanswered (question, norm, user_id, created_at) VALUES ($1, $2, $3, $4)`,
			question, key, userIDOf(ctx), s.db.now()); err != nil {
			return fmt.Errorf("sqlstore: record unanswered question: %w", err)
		}
		return nil
	})
}

// RecordDeflection counts one "this solved it" for an article. The slug is
// kept beside the id so an export of the statistics still names the article.
func (s *Articles) RecordDeflection(ctx context.Context, articleID int64, slug, query string) error {
	return s.db.write(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `INSERT INTO kb_deflections (article_id, article_slug, query_text, user_id, created_at) VALUES ($1, $2, $3, $4, $5)`,
			articleID, slug, query, userIDOf(ctx), s.db.now()); err != nil {
			return fmt.Errorf("sqlstore: record deflection: %w", err)
		}
		return nil
	})
}

// TopUnanswered groups unanswered questions by key, most asked first. Each
// group shows its latest wording: the row with the group's highest id, which
// keeps the query free of window functions and of aggregated timestamps
// (SQLite returns those as text).
func (s *Articles) TopUnanswered(ctx context.Context, since time.Time, limit int) ([]hitori.UnansweredQuestion, int, error) {
	if _, err := requireStaff(ctx); err != nil {
		return nil, 0, err
	}
	_, limit = hitori.Page(0, limit, 20, 200)
	since = since.UTC()
	var total int
	if err := s.db.r.QueryRowContext(ctx, `SELECT COUNT(*) FROM kb_unanswered WHERE created_at >= $1`, since).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("sqlstore: count unanswered questions: %w", err)
	}
	rows, err := s.db.r.QueryContext(ctx, `SELECT u.norm, u.question, u.created_at, g.n
		FROM (SELECT norm, COUNT(*) AS n, MAX(id) AS last_id FROM kb_unanswered WHERE created_at >= $1 GROUP BY norm) g
		JOIN kb_unanswered u ON u.id = g.last_id
		ORDER BY g.n DESC, u.id DESC LIMIT $2`, since, limit)
	if err != nil {
		return nil, 0, fmt.Errorf("sqlstore: unanswered questions: %w", err)
	}
	defer rows.Close()
	out := []hitori.UnansweredQuestion{}
	for rows.Next() {
		var q hitori.UnansweredQuestion
		if err := rows.Scan(&q.Key, &q.Example, &q.LastAt, &q.Count); err != nil {
			return nil, 0, fmt.Errorf("sqlstore: unanswered questions: %w", err)
		}
		q.LastAt = q.LastAt.UTC()
		out = append(out, q)
	}
	return out, total, rows.Err()
}

// DeflectionCounts lists the articles that solved most problems.
func (s *Articles) DeflectionCounts(ctx context.Context, since time.Time, limit int) ([]hitori.DeflectionCount, int, error) {
	if _, err := requireStaff(ctx); err != nil {
		return nil, 0, err
	}
	_, limit = hitori.Page(0, limit, 20, 200)
	since = since.UTC()
	var total int
	if err := s.db.r.QueryRowContext(ctx, `SELECT COUNT(*) FROM kb_deflections WHERE created_at >= $1`, since).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("sqlstore: count deflections: %w", err)
	}
	rows, err := s.db.r.QueryContext(ctx, `SELECT a.id, COALESCE(a.slug, ''), a.title, g.n, d.created_at
		FROM (SELECT article_id, COUNT(*) AS n, MAX(id) AS last_id FROM kb_deflections WHERE created_at >= $1 GROUP BY article_id) g
		JOIN articles a ON a.id = g.article_id
		JOIN kb_deflections d ON d.id = g.last_id
		ORDER BY g.n DESC, a.id LIMIT $2`, since, limit)
	if err != nil {
		return nil, 0, fmt.Errorf("sqlstore: deflections: %w", err)
	}
	defer rows.Close()
	out := []hitori.DeflectionCount{}
	for rows.Next() {
		var d hitori.DeflectionCount
		if err := rows.Scan(&d.ArticleID, &d.Slug, &d.Title, &d.Count, &d.LastAt); err != nil {
			return nil, 0, fmt.Errorf("sqlstore: deflections: %w", err)
		}
		d.LastAt = d.LastAt.UTC()
		out = append(out, d)
	}
	return out, total, rows.Err()
}

// DismissUnanswered deletes every question of a group, e.g. once an article answers it.
func (s *Articles) DismissUnanswered(ctx context.Context, key string) error {
	if _, err := requireStaff(ctx); err != nil {
		return err
	}
	return s.db.write(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `DELETE FROM kb_unanswered WHERE norm = $1`, key); err != nil {
			return fmt.Errorf("sqlstore: dismiss unanswered question: %w", err)
		}
		return nil
	})
}
