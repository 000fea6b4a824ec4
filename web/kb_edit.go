package web

import (
	"html/template"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"hitori"
	"hitori/kb"
	"hitori/markdown"
)

// kbMaxReaders bounds the reader list of a restricted article.
const kbMaxReaders = 200

// kbStarter is one kind's starter body, for the script that swaps it in
// when the kind changes on a new article.
type kbStarter struct {
	Kind hitori.ArticleKind
	Body string
}

// kbFormData is what kb_form.html shows.
type kbFormData struct {
	Action     string
	Article    *hitori.Article // nil for a new article
	Kinds      []hitori.ArticleKind
	Visibility []hitori.Visibility
	Categories []kb.Facet
	Starters   []kbStarter
	Preview    template.HTML
	Conflict   *kbConflict
}

// kbConflict is the version someone else saved while this form was open,
// and how the text in the form differs from it.
type kbConflict struct {
	Current *hitori.Article
	Rows    []kbDiffRow
}

func (s *Server) kbFormPage(r *http.Request, a *hitori.Article) *page {
	p := s.newPage(r, kbNav)
	d := &kbFormData{Action: "/kb", Article: a, Kinds: hitori.ArticleKinds,
		Visibility: []hitori.Visibility{hitori.VisibleEveryone, hitori.VisibleStaff, hitori.VisibleRestricted}}
	d.Categories, _ = s.kb.Facets(p.User)
	if a == nil {
		p.Title = p.T("kb.new")
		for _, k := range hitori.ArticleKinds {
			d.Starters = append(d.Starters, kbStarter{Kind: k, Body: markdown.Template(string(k), p.Lang)})
		}
	} else {
		p.Title = p.T("kb.edit_title", a.Title)
		d.Action = kbURL(a.ID)
	}
	p.Data = d
	return p
}

// kbNew is GET /kb/new?kind=…: an empty form with the kind's starter body.
// title, category and tags may be prefilled (from the insights page, say).
func (s *Server) kbNew(w http.ResponseWriter, r *http.Request) error {
	p := s.kbFormPage(r, nil)
	q := r.URL.Query()
	kind := hitori.ArticleKind(q.Get("kind"))
	if !slices.Contains(hitori.ArticleKinds, kind) {
		kind = hitori.KindFAQ
	}
	p.Form = url.Values{"title": {kbCap(q.Get("title"), hitori.MaxArticleTitle)}, "kind": {string(kind)},
		"category": {q.Get("category")}, "tags": {q.Get("tags")}, "visibility": {string(hitori.VisibleEveryone)},
		"body": {markdown.Template(string(kind), p.Lang)}}
	s.render(w, http.StatusOK, "kb_form", p)
	return nil
}

// kbEdit is GET /kb/{id}/edit.
func (s *Server) kbEdit(w http.ResponseWriter, r *http.Request) error {
	a, err := s.kbArticleByPath(r)
	if err != nil {
		return err
	}
	p := s.kbFormPage(r, a)
	p.Form, err = s.kbFormValues(r, a)
	if err != nil {
		return err
	}
	s.render(w, http.StatusOK, "kb_form", p)
	return nil
}

// kbFormValues fills the form from a stored article.
func (s *Server) kbFormValues(r *http.Request, a *hitori.Article) (url.Values, error) {
	var readers []string
	for _, id := range a.Readers {
		u, err := s.stores.Users.FindUserByID(r.Context(), id)
		if err != nil {
			return nil, err
		}
		readers = append(readers, u.Email)
	}
	return url.Values{"title": {a.Title}, "kind": {string(a.Kind)}, "category": {a.Category}, "tags": {strings.Join(a.Tags, ", ")},
		"visibility": {string(a.Visibility)}, "readers": {strings.Join(readers, "\n")}, "review_by": {kbDate(a.ReviewBy)},
		"slug": {a.Slug}, "body": {a.Body}, "revision": {strconv.Itoa(a.Revision)}}, nil
}

// kbCreate is POST /kb.
func (s *Server) kbCreate(w http.ResponseWriter, r *http.Request) error {
	p := s.kbFormPage(r, nil)
	a := &hitori.Article{}
	if done, err := s.kbReadForm(w, r, p, a); done || err != nil {
		return err
	}
	if err := s.kb.Create(r.Context(), a); err != nil {
		return s.formError(w, "kb_form", p, err)
	}
	http.Redirect(w, r, kbURL(a.ID)+"?saved=1", http.StatusSeeOther)
	return nil
}

// kbUpdate is POST /kb/{id}. The hidden revision is the one the editor
// started from: if someone saved since, the store refuses with ECONFLICT
// and the form comes back with the text as typed, the other version and a
// diff between the two, and the revision moved on so a second save is a
// deliberate choice to keep this text.
func (s *Server) kbUpdate(w http.ResponseWriter, r *http.Request) error {
	old, err := s.kbArticleByPath(r)
	if err != nil {
		return err
	}
	p := s.kbFormPage(r, old)
	a := &hitori.Article{ID: old.ID}
	rev, err := strconv.Atoi(r.PostFormValue("revision"))
	if err != nil || rev < 1 {
		p.Form = r.PostForm
		p.Form.Set("revision", strconv.Itoa(old.Revision))
		return s.formError(w, "kb_form", p, hitori.FieldError("revision", "error.invalid"))
	}
	if done, err := s.kbReadForm(w, r, p, a); done || err != nil {
		return err
	}
	a.Revision = rev
	err = s.kb.Update(r.Context(), a)
	if hitori.ErrorCode(err) == hitori.ECONFLICT {
		cur, ferr := s.stores.Articles.FindArticleByID(r.Context(), old.ID)
		if ferr != nil {
			return ferr
		}
		p.Data.(*kbFormData).Conflict = &kbConflict{Current: cur, Rows: kbLabelDiff(p, kbDiffRows(markdown.Diff(cur.Body, a.Body), kbDiffContext))}
		p.Form.Set("revision", strconv.Itoa(cur.Revision))
	}
	if err != nil {
		return s.formError(w, "kb_form", p, err)
	}
	http.Redirect(w, r, kbURL(a.ID)+"?saved=1", http.StatusSeeOther)
	return nil
}

// kbReadForm reads the posted form into a. It answers the request itself
// (done) when the form has errors the store cannot see (unknown readers, a
// bad date) or when the editor asked for a preview.
func (s *Server) kbReadForm(w http.ResponseWriter, r *http.Request, p *page, a *hitori.Article) (done bool, err error) {
	if err := r.ParseForm(); err != nil {
		return true, hitori.FieldError("body", "error.too_long")
	}
	f := r.PostForm
	// Browsers send CRLF from a textarea; imported files have LF. Keeping
	// LF stops every line from showing as changed in the history.
	body := strings.ReplaceAll(f.Get("body"), "\r\n", "\n")
	f.Set("body", body)
	p.Form = f
	a.Title, a.Body, a.Kind, a.Category, a.Slug = f.Get("title"), body, hitori.ArticleKind(f.Get("kind")), f.Get("category"), f.Get("slug")
	a.Tags = splitList(f.Get("tags"))
	a.Visibility = hitori.Visibility(f.Get("visibility"))
	review, ok := kbParseDate(f.Get("review_by"))
	if !ok {
		p.Errors["review_by"] = p.T("error.invalid")
	}
	a.ReviewBy = review
	if a.Visibility == hitori.VisibleRestricted {
		emails := splitList(strings.ReplaceAll(f.Get("readers"), " ", ","))
		if len(emails) > kbMaxReaders {
			p.Errors["readers"] = p.T("error.too_long")
		}
		var unknown []string
		for _, e := range emails {
			if len(unknown)+len(a.Readers) > kbMaxReaders {
				break
			}
			u, err := s.stores.Users.FindUserByEmail(r.Context(), e)
			switch {
			case hitori.ErrorCode(err) == hitori.ENOTFOUND:
				unknown = append(unknown, e)
			case err != nil:
				return true, err
			case !slices.Contains(a.Readers, u.ID):
				a.Readers = append(a.Readers, u.ID)
			}
		}
		if len(unknown) > 0 {
			p.Errors["readers"] = p.T("kb.error.reader_unknown", strings.Join(unknown, ", "))
		}
	}
	if len(p.Errors) > 0 {
		p.Errors["_"] = p.T("error.fields")
		s.render(w, http.StatusUnprocessableEntity, "kb_form", p)
		return true, nil
	}
	if f.Get("preview") != "" {
		html, _, err := markdown.Render(a.Body)
		if err != nil {
			p.Errors["body"] = p.T("kb.render_failed")
		}
		p.Data.(*kbFormData).Preview = html
		s.render(w, http.StatusOK, "kb_form", p)
		return true, nil
	}
	return false, nil
}

// kbDelete is POST /kb/{id}/delete (administrators): the article and its
// history go; the audit log keeps who did it.
func (s *Server) kbDelete(w http.ResponseWriter, r *http.Request) error {
	a, err := s.kbArticleByPath(r)
	if err != nil {
		return err
	}
	if err := s.kb.Delete(r.Context(), a.ID); err != nil {
		return err
	}
	s.audit(r, identityFrom(r).user, kbAuditDelete, kb.Key(a), a.Title)
	http.Redirect(w, r, "/kb?deleted=1", http.StatusSeeOther)
	return nil
}

// kbAuditDelete is the audit action of deleting an article (labelled in kb.json).
const kbAuditDelete = "article.delete"
