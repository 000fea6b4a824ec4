package sqlstore

import (
	"context"
	"database/sql"
	"fmt"

	"hitori"
)

// MaxItemArticles bounds the articles linked to one item.
const MaxItemArticles = 20

// LinkArticle links a knowledge article to a work item (staff only). Linking
// twice is harmless.
func (s *Items) LinkArticle(ctx context.Context, itemID, articleID int64) error {
	if _, err := requireStaff(ctx); err != nil {
		return err
	}
	if _, err := s.FindItemByID(ctx, itemID); err != nil {
		return err
	}
	if _, err := s.db.Articles().FindArticleByID(ctx, articleID); err != nil {
		return err
	}
	return s.db.write(ctx, func(tx *sql.Tx) error {
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM item_articles WHERE item_id = $1`, itemID).Scan(&n); err != nil {
			return err
		}
		if n >= MaxItemArticles {
			return hitori.FieldError("article", "error.too_many_links")
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO item_articles (item_id, article_id, created_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`,
			itemID, articleID, s.db.now())
		return err
	})
}

// UnlinkArticle removes a link (staff only).
func (s *Items) UnlinkArticle(ctx context.Context, itemID, articleID int64) error {
	if _, err := requireStaff(ctx); err != nil {
		return err
	}
	return s.db.write(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `DELETE FROM item_articles WHERE item_id = $1 AND article_id = $2`, itemID, articleID)
		return err
	})
}

// FindItemArticles lists the articles linked to an item that the context's
// user may read (a requester sees the public ones on their own item).
func (s *Items) FindItemArticles(ctx context.Context, itemID int64) ([]*hitori.Article, error) {
	if _, err := s.FindItemByID(ctx, itemID); err != nil {
		return nil, err
	}
	conds, args := visibleTo(ctx, []string{`id IN (SELECT article_id FROM item_articles WHERE item_id = $1)`}, []any{itemID})
	rows, err := s.db.r.QueryContext(ctx, `SELECT `+articleColumns+` FROM articles WHERE `+joinAnd(conds)+` ORDER BY title LIMIT 100`, args...)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: item articles: %w", err)
	}
	defer rows.Close()
	var out []*hitori.Article
	for rows.Next() {
		a, err := scanArticle(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

// FindArticleItems lists the items an article is linked to, newest first (staff only).
func (s *Items) FindArticleItems(ctx context.Context, articleID int64) ([]*hitori.Item, error) {
	if _, err := requireStaff(ctx); err != nil {
		return nil, err
	}
	rows, err := s.db.r.QueryContext(ctx, `SELECT item_id FROM item_articles WHERE article_id = $1 ORDER BY created_at DESC LIMIT 50`, articleID)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: article items: %w", err)
	}
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return nil, err
		}
		ids = append(ids, id)
	}
	rows.Close()
	var out []*hitori.Item
	for _, id := range ids {
		it, err := s.FindItemByID(ctx, id)
		if err != nil {
			return nil, err
		}
		out = append(out, it)
	}
	return out, nil
}

func joinAnd(conds []string) string {
	s := conds[0]
	for _, c := range conds[1:] {
		s += " AND " + c
	}
	return s
}
