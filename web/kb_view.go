package web

import (
	"fmt"
	"html/template"
	"net/http"
	"strconv"

	"hitori"
	"hitori/markdown"
)

// kbRelatedCount is how many related articles an article page lists.
const kbRelatedCount = 5

// kbLink is a titled link to an article (short JSON names: it travels in the chat form).
type kbLink struct {
	Title string `json:"t"`
	URL   string `json:"u"`
}

// kbViewData is what kb_view.html shows.
type kbViewData struct {
	Article   *hitori.Article
	HTML      template.HTML
	Source    string // the Markdown, shown as text when it cannot be rendered
	TOC       []markdown.Heading
	Review    string
	Stale     bool
	Related   []kbLink
	Readers   []string
	Files     []*hitori.ArticleFile
	Items     []kbLink // work items this article is linked to (staff only)
	CanEdit   bool
	CanDelete bool
}

// kbView is GET /kb/{id}: the rendered article with its table of contents,
// facts and related articles.
func (s *Server) kbView(w http.ResponseWriter, r *http.Request) error {
	a, err := s.kbArticleByPath(r)
	if err != nil {
		return err
	}
	p := s.newPage(r, kbNav)
	p.Title = a.Title
	q := r.URL.Query()
	switch {
	case q.Get("saved") != "":
		p.Flash = p.T("kb.flash.saved")
	case q.Get("restored") != "":
		p.Flash = p.T("kb.flash.restored", q.Get("restored"))
	case q.Get("solved") != "":
		p.Flash = p.T("kb.deflect.thanks")
	}
	d := &kbViewData{Article: a, Review: kbDate(a.ReviewBy), Stale: kbStale(a.ReviewBy, s.now()),
		CanEdit: p.User.Role.IsStaff(), CanDelete: p.User.Role == hitori.RoleAdmin}
	html, headings, err := markdown.RenderRefs(kbDropTitle(a.Body, a.Title), s.kb.Refs(p.User))
	if err != nil {
		// Too large or too deeply nested to render safely: show the source as text.
		d.Source = a.Body
	}
	d.HTML = html
	for _, h := range headings {
		if h.Level == 2 || h.Level == 3 {
			d.TOC = append(d.TOC, h)
		}
	}
	if len(d.TOC) < 2 {
		d.TOC = nil // a contents list of one entry is noise
	}
	if d.Files, err = s.stores.Articles.FindArticleFiles(r.Context(), a.ID); err != nil {
		return err
	}
	if d.CanEdit {
		items, err := s.stores.Items.FindArticleItems(r.Context(), a.ID)
		if err != nil {
			return err
		}
		for _, it := range items {
			d.Items = append(d.Items, kbLink{Title: it.Key() + " " + it.Title, URL: fmt.Sprintf("/work/items/%d", it.ID)})
		}
	}
	related, err := s.kb.Related(r.Context(), a, kbRelatedCount)
	if err != nil {
		return err
	}
	for _, h := range related {
		if ref, ok := s.kb.Ref(h.ID); ok {
			d.Related = append(d.Related, kbLink{Title: h.Title, URL: ref.URL()})
		}
	}
	if d.CanEdit && a.Visibility == hitori.VisibleRestricted {
		for _, id := range a.Readers {
			if u, err := s.stores.Users.FindUserByID(r.Context(), id); err == nil {
				d.Readers = append(d.Readers, u.Email)
			} else {
				d.Readers = append(d.Readers, "#"+strconv.FormatInt(id, 10))
			}
		}
	}
	p.Data = d
	s.render(w, http.StatusOK, "kb_view", p)
	return nil
}
