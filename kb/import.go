package kb

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"time"

	"hitori"
	"hitori/markdown"
)

// tokyo is where review dates (calendar days) are anchored.
var tokyo = func() *time.Location {
	if l, err := time.LoadLocation("Asia/Tokyo"); err == nil {
		return l
	}
	return time.FixedZone("JST", 9*3600)
}()

// FileError is one file that could not be imported, with the reason.
type FileError struct {
	File string
	Err  error
}

func (e FileError) Error() string { return e.File + ": " + e.Err.Error() }

// ImportReport says what an import did.
type ImportReport struct {
	Created, Updated, Unchanged int
	Errors                      []FileError
	// Warnings are cross-references ([kb-999]) to articles that are neither
	// in the folder nor in the knowledge base; they import, as plain text.
	Warnings []FileError
}

// MaxImportFiles bounds one import.
const MaxImportFiles = 20000

// UserLookup finds users named in restricted articles' front matter.
type UserLookup func(ctx context.Context, email string) (*hitori.User, error)

// ImportDir reads every *.md file in dir (not recursive). Every file is
// parsed and checked before anything is written: a folder with one broken
// file imports nothing and reports every problem with its file and line.
func (s *Service) ImportDir(ctx context.Context, dir string, users UserLookup) (ImportReport, error) {
	var rep ImportReport
	files, err := filepath.Glob(filepath.Join(dir, "*.md"))
	if err != nil {
		return rep, err
	}
	if len(files) == 0 {
		return rep, hitori.Errorf(hitori.EINVALID, "no *.md files in %s", dir)
	}
	if len(files) > MaxImportFiles {
		return rep, hitori.Errorf(hitori.EINVALID, "%d files: at most %d per import", len(files), MaxImportFiles)
	}
	sort.Strings(files)
	var arts []*hitori.Article
	var names []string // each article's file
	slugs := map[string]string{}
	for _, f := range files {
		a, err := s.readFile(ctx, f, users)
		if err != nil {
			rep.Errors = append(rep.Errors, FileError{File: filepath.Base(f), Err: err})
			continue
		}
		if a.Slug != "" {
			if other, dup := slugs[a.Slug]; dup {
				rep.Errors = append(rep.Errors, FileError{File: filepath.Base(f), Err: fmt.Errorf("id %q is also used by %s", a.Slug, other)})
				continue
			}
			slugs[a.Slug] = filepath.Base(f)
		}
		arts = append(arts, a)
		names = append(names, filepath.Base(f))
	}
	if len(rep.Errors) > 0 {
		return rep, hitori.Errorf(hitori.EINVALID, "%d of %d files have errors; nothing was imported", len(rep.Errors), len(files))
	}
	for _, a := range arts {
		if err := s.upsert(ctx, a, &rep); err != nil {
			return rep, fmt.Errorf("import %s: %w", a.Slug, err)
		}
	}
	for i, a := range arts {
		for _, key := range markdown.Refs(a.Body) {
			if _, ok := slugs[key]; ok {
				continue
			}
			if _, err := s.Store.FindArticleBySlug(ctx, key); hitori.ErrorCode(err) == hitori.ENOTFOUND {
				rep.Warnings = append(rep.Warnings, FileError{File: names[i], Err: fmt.Errorf("[%s] refers to a missing article", key)})
			} else if err != nil {
				return rep, fmt.Errorf("import: check [%s]: %w", key, err)
			}
		}
	}
	return rep, nil
}

func (s *Service) readFile(ctx context.Context, path string, users UserLookup) (*hitori.Article, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if st.Size() > hitori.MaxArticleBody+64<<10 {
		return nil, fmt.Errorf("file is %d bytes: at most %d", st.Size(), hitori.MaxArticleBody)
	}
	src, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	d, err := markdown.Parse(src)
	if err != nil {
		return nil, err
	}
	if d.ID == "" {
		d.ID = strings.TrimSuffix(filepath.Base(path), ".md")
	}
	a := &hitori.Article{Slug: d.ID, Title: d.Title, Body: d.Body, Kind: hitori.ArticleKind(d.Type), Category: d.Category,
		Tags: d.Tags, Visibility: hitori.Visibility(d.Visibility)}
	if !d.ReviewBy.IsZero() {
		t := d.ReviewBy.Time(tokyo).UTC()
		a.ReviewBy = &t
	}
	for _, email := range d.Users {
		u, err := users(ctx, email)
		if err != nil {
			return nil, fmt.Errorf("users: %s: %s", email, hitori.ErrorMessage(err))
		}
		a.Readers = append(a.Readers, u.ID)
	}
	if err := a.Validate(); err != nil {
		e, _ := hitori.AsError(err)
		for f, k := range e.Fields {
			return nil, fmt.Errorf("%s: %s", f, k)
		}
		return nil, err
	}
	return a, nil
}

// upsert creates the article, or saves a new revision when its content changed.
func (s *Service) upsert(ctx context.Context, a *hitori.Article, rep *ImportReport) error {
	old, err := s.Store.FindArticleBySlug(ctx, a.Slug)
	if hitori.ErrorCode(err) == hitori.ENOTFOUND {
		rep.Created++
		return s.Create(ctx, a)
	} else if err != nil {
		return err
	}
	if sameContent(old, a) {
		rep.Unchanged++
		return nil
	}
	a.ID, a.Revision = old.ID, old.Revision
	rep.Updated++
	return s.Update(ctx, a)
}

func sameContent(a, b *hitori.Article) bool {
	sameTime := (a.ReviewBy == nil) == (b.ReviewBy == nil) && (a.ReviewBy == nil || a.ReviewBy.Equal(*b.ReviewBy))
	return a.Title == b.Title && a.Body == b.Body && a.Kind == b.Kind && a.Category == b.Category &&
		slices.Equal(a.Tags, b.Tags) && a.Visibility == b.Visibility && slices.Equal(a.Readers, b.Readers) && sameTime
}
