package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"unicode/utf8"

	"hitori"
)

var _ hitori.ArticleFileService = (*Articles)(nil)

// AddArticleFile records an attachment whose bytes the caller has already stored.
func (s *Articles) AddArticleFile(ctx context.Context, f *hitori.ArticleFile) error {
	author, err := requireStaff(ctx)
	if err != nil {
		return err
	}
	f.Name = strings.TrimSpace(f.Name)
	switch {
	case f.Name == "":
		return hitori.FieldError("file", "error.required")
	case utf8.RuneCountInString(f.Name) > hitori.MaxFileNameLen:
		return hitori.FieldError("file", "error.too_long")
	case f.Size <= 0 || f.Size > hitori.MaxArticleFileSize:
		return hitori.FieldError("file", "error.file_too_large")
	case len(f.SHA256) != 64:
		return hitori.FieldError("file", "error.invalid")
	}
	if _, err := s.FindArticleByID(ctx, f.ArticleID); err != nil {
		return err
	}
	f.Author, f.CreatedAt = author, s.db.now()
	return s.db.write(ctx, func(tx *sql.Tx) error {
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM article_files WHERE article_id = $1`, f.ArticleID).Scan(&n); err != nil {
			return err
		}
		if n >= hitori.MaxArticleFiles {
			return hitori.FieldError("file", "error.too_many_files")
		}
		err := tx.QueryRowContext(ctx, `INSERT INTO article_files (article_id, name, content_type, size, sha256, author, created_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`, f.ArticleID, f.Name, f.ContentType, f.Size, f.SHA256, f.Author, f.CreatedAt).Scan(&f.ID)
		if err != nil {
			return fmt.Errorf("sqlstore: add article file: %w", err)
		}
		return s.db.touch(ctx, tx, hitori.TopicArticles)
	})
}

const articleFileColumns = `id, article_id, name, content_type, size, sha256, author, created_at`

func scanArticleFile(row interface{ Scan(...any) error }) (*hitori.ArticleFile, error) {
	f := &hitori.ArticleFile{}
	if err := row.Scan(&f.ID, &f.ArticleID, &f.Name, &f.ContentType, &f.Size, &f.SHA256, &f.Author, &f.CreatedAt); err != nil {
		return nil, err
	}
	f.CreatedAt = f.CreatedAt.UTC()
	return f, nil
}

// FindArticleFiles lists an article's attachments, oldest first.
func (s *Articles) FindArticleFiles(ctx context.Context, articleID int64) ([]*hitori.ArticleFile, error) {
	if _, err := s.FindArticleByID(ctx, articleID); err != nil {
		return nil, err
	}
	rows, err := s.db.r.QueryContext(ctx, `SELECT `+articleFileColumns+` FROM article_files WHERE article_id = $1 ORDER BY id LIMIT 1000`, articleID)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: article files: %w", err)
	}
	defer rows.Close()
	var out []*hitori.ArticleFile
	for rows.Next() {
		f, err := scanArticleFile(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, f)
	}
	return out, rows.Err()
}

// FindArticleFile returns one attachment of an article the user may read.
func (s *Articles) FindArticleFile(ctx context.Context, articleID, fileID int64) (*hitori.ArticleFile, error) {
	if _, err := s.FindArticleByID(ctx, articleID); err != nil {
		return nil, err
	}
	f, err := scanArticleFile(s.db.r.QueryRowContext(ctx, `SELECT `+articleFileColumns+` FROM article_files WHERE article_id = $1 AND id = $2`, articleID, fileID))
	return f, notFound(err, "file")
}

// DeleteArticleFile removes an attachment's record (the bytes may be shared and stay).
func (s *Articles) DeleteArticleFile(ctx context.Context, articleID, fileID int64) error {
	if _, err := requireStaff(ctx); err != nil {
		return err
	}
	return s.db.write(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `DELETE FROM article_files WHERE article_id = $1 AND id = $2`, articleID, fileID)
		if err != nil {
			return fmt.Errorf("sqlstore: delete article file: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return hitori.KeyError(hitori.ENOTFOUND, "error.not_found")
		}
		return s.db.touch(ctx, tx, hitori.TopicArticles)
	})
}
