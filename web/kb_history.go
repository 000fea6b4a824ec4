package web

import (
	"net/http"
	"slices"
	"strconv"
	"strings"

	"hitori"
	"hitori/markdown"
)

// kbDiffContext is how many unchanged lines stay around each change; longer
// unchanged runs fold into one "n unchanged lines" row.
const kbDiffContext = 3

// kbDiffRow is one row of a rendered diff, or a fold of unchanged lines (Gap > 0).
type kbDiffRow struct {
	Op      string // "equal", "insert" or "delete", also the CSS class
	A, B    int
	Text    string
	Sign    string
	Marker  string // what a screen reader says instead of the colour
	Gap     int
	GapText string
}

// kbDiffRows folds long unchanged runs of a line diff. The marker texts are
// filled in by kbLabelDiff, which knows the reader's language.
func kbDiffRows(lines []markdown.DiffLine, context int) []kbDiffRow {
	changed := make([]bool, len(lines))
	for i, l := range lines {
		if l.Op != markdown.DiffEqual {
			for j := max(0, i-context); j <= min(len(lines)-1, i+context); j++ {
				changed[j] = true
			}
		}
	}
	var out []kbDiffRow
	for i := 0; i < len(lines); {
		if !changed[i] {
			j := i
			for j < len(lines) && !changed[j] {
				j++
			}
			out = append(out, kbDiffRow{Gap: j - i})
			i = j
			continue
		}
		l := lines[i]
		row := kbDiffRow{Op: l.Op.String(), A: l.A, B: l.B, Text: strings.TrimRight(l.Text, "\r\n")}
		switch l.Op {
		case markdown.DiffInsert:
			row.Sign = "+"
		case markdown.DiffDelete:
			row.Sign = "−"
		}
		out = append(out, row)
		i++
	}
	return out
}

// kbHistoryData is what kb_history.html shows.
type kbHistoryData struct {
	Article   *hitori.Article
	Revisions []*hitori.ArticleRevision
	From, To  int
}

// kbHistory is GET /kb/{id}/history: every revision with its author and
// date, two to compare, and a restore button for each older one.
func (s *Server) kbHistory(w http.ResponseWriter, r *http.Request) error {
	a, err := s.kbArticleByPath(r)
	if err != nil {
		return err
	}
	revs, err := s.stores.Articles.FindArticleRevisions(r.Context(), a.ID)
	if err != nil {
		return err
	}
	p := s.newPage(r, kbNav)
	p.Title = p.T("kb.history_title", a.Title)
	p.Data = &kbHistoryData{Article: a, Revisions: revs, From: max(1, a.Revision-1), To: a.Revision}
	s.render(w, http.StatusOK, "kb_history", p)
	return nil
}

// kbDiffData is what kb_diff.html shows.
type kbDiffData struct {
	Article    *hitori.Article
	From, To   *hitori.ArticleRevision
	Rows       []kbDiffRow
	Added      int
	Removed    int
	Changes    []kbFieldChange
	Identical  bool
	Revisions  []*hitori.ArticleRevision
	CanRestore bool
}

// kbFieldChange is a changed field other than the body.
type kbFieldChange struct{ Field, From, To string }

// kbDiff is GET /kb/{id}/diff?from=N&to=M (default: the last change).
func (s *Server) kbDiff(w http.ResponseWriter, r *http.Request) error {
	a, err := s.kbArticleByPath(r)
	if err != nil {
		return err
	}
	from, err := kbRevisionParam(r.URL.Query().Get("from"), max(1, a.Revision-1), "from")
	if err != nil {
		return err
	}
	to, err := kbRevisionParam(r.URL.Query().Get("to"), a.Revision, "to")
	if err != nil {
		return err
	}
	d := &kbDiffData{Article: a}
	if d.From, err = s.stores.Articles.FindArticleRevision(r.Context(), a.ID, from); err != nil {
		return err
	}
	if d.To, err = s.stores.Articles.FindArticleRevision(r.Context(), a.ID, to); err != nil {
		return err
	}
	if d.Revisions, err = s.stores.Articles.FindArticleRevisions(r.Context(), a.ID); err != nil {
		return err
	}
	p := s.newPage(r, kbNav)
	p.Title = p.T("kb.diff_title", a.Title)
	lines := markdown.Diff(d.From.Body, d.To.Body)
	for _, l := range lines {
		switch l.Op {
		case markdown.DiffInsert:
			d.Added++
		case markdown.DiffDelete:
			d.Removed++
		}
	}
	d.Rows = kbLabelDiff(p, kbDiffRows(lines, kbDiffContext))
	d.Changes = kbFieldChanges(p, d.From, d.To)
	d.Identical = d.Added+d.Removed == 0 && len(d.Changes) == 0
	d.CanRestore = d.From.Revision != a.Revision
	p.Data = d
	s.render(w, http.StatusOK, "kb_diff", p)
	return nil
}

// kbLabelDiff adds the screen-reader markers in the page's language.
func kbLabelDiff(p *page, rows []kbDiffRow) []kbDiffRow {
	for i := range rows {
		if rows[i].Gap > 0 {
			rows[i].GapText = p.T("kb.diff.gap", rows[i].Gap)
		}
		switch rows[i].Op {
		case "insert":
			rows[i].Marker = p.T("kb.diff.added_marker")
		case "delete":
			rows[i].Marker = p.T("kb.diff.removed_marker")
		}
	}
	return rows
}

func kbFieldChanges(p *page, a, b *hitori.ArticleRevision) []kbFieldChange {
	var out []kbFieldChange
	add := func(key, x, y string) {
		if x != y {
			out = append(out, kbFieldChange{Field: p.T(key), From: x, To: y})
		}
	}
	add("kb.field.title", a.Title, b.Title)
	add("kb.field.kind", p.T("kb.kind."+string(a.Kind)), p.T("kb.kind."+string(b.Kind)))
	add("kb.field.category", a.Category, b.Category)
	add("kb.field.tags", strings.Join(a.Tags, ", "), strings.Join(b.Tags, ", "))
	return out
}

// kbRevisionParam reads a revision number from the query; "" is def.
func kbRevisionParam(v string, def int, field string) (int, error) {
	if v == "" {
		return def, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 {
		return 0, hitori.FieldError(field, "error.invalid")
	}
	return n, nil
}

// kbRestore is POST /kb/{id}/restore with revision=N: it saves a new
// revision with N's title, body, kind, category and tags. History is never
// rewritten, so a restore can itself be undone the same way.
func (s *Server) kbRestore(w http.ResponseWriter, r *http.Request) error {
	a, err := s.kbArticleByPath(r)
	if err != nil {
		return err
	}
	n, err := strconv.Atoi(r.PostFormValue("revision"))
	if err != nil || n < 1 {
		return hitori.FieldError("revision", "error.invalid")
	}
	rev, err := s.stores.Articles.FindArticleRevision(r.Context(), a.ID, n)
	if err != nil {
		return err
	}
	if rev.Title == a.Title && rev.Body == a.Body && rev.Kind == a.Kind && rev.Category == a.Category && slices.Equal(rev.Tags, a.Tags) {
		http.Redirect(w, r, kbURL(a.ID)+"?restored="+strconv.Itoa(n), http.StatusSeeOther)
		return nil
	}
	a.Title, a.Body, a.Kind, a.Category, a.Tags = rev.Title, rev.Body, rev.Kind, rev.Category, rev.Tags
	if err := s.kb.Update(r.Context(), a); err != nil {
		return err
	}
	http.Redirect(w, r, kbURL(a.ID)+"?restored="+strconv.Itoa(n), http.StatusSeeOther)
	return nil
}
