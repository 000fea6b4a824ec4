package kb

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"

	"hitori"
	"hitori/markdown"
)

// UserByID finds the users of restricted articles for export.
type UserByID func(ctx context.Context, id int64) (*hitori.User, error)

// ExportDir writes every article as a Markdown file with front matter, in the
// format ImportDir reads, and returns how many it wrote. Files are written to
// a temporary name and renamed, so a reader never sees half a file.
func (s *Service) ExportDir(ctx context.Context, dir string, users UserByID) (int, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return 0, err
	}
	n := 0
	err := s.Store.AllArticles(ctx, func(a *hitori.Article) error {
		d := markdown.Doc{ID: Key(a), Title: a.Title, Category: a.Category, Tags: a.Tags, Type: markdown.Kind(a.Kind), Body: a.Body}
		if a.Visibility != hitori.VisibleEveryone {
			d.Visibility = markdown.Visibility(a.Visibility)
		}
		for _, id := range a.Readers {
			u, err := users(ctx, id)
			if err != nil {
				return fmt.Errorf("export %s: reader %d: %w", d.ID, id, err)
			}
			d.Users = append(d.Users, u.Email)
		}
		if a.ReviewBy != nil {
			t := a.ReviewBy.In(tokyo)
			var err error
			if d.ReviewBy, err = markdown.ParseDate(t.Format("2006-01-02")); err != nil {
				return err
			}
		}
		name := d.ID
		if a.Slug == "" {
			name = "article-" + strconv.FormatInt(a.ID, 10)
		}
		path := filepath.Join(dir, name+".md")
		tmp := path + ".tmp"
		if err := os.WriteFile(tmp, markdown.Format(d), 0o644); err != nil {
			return err
		}
		if err := os.Rename(tmp, path); err != nil {
			return err
		}
		n++
		return nil
	})
	return n, err
}
