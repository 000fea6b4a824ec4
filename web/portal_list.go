package web

import (
	"net/http"
	"net/url"
	"unicode/utf8"

	"hitori"
)

// portalRoutes are the colleagues' side of the helpdesk: their own items,
// a short form to open one, and replies. Every signed-in user reaches
// them; the store refuses viewers (403) and hides other people's items
// (404), and the handlers hold staff to their own items here too, so the
// portal means "what I asked" for everyone.
func (s *Server) portalRoutes() []route {
	return []route{
		{"GET /portal", signedIn, s.portalList, false},
		{"GET /portal/new", signedIn, s.portalNew, false},
		{"POST /portal/new", signedIn, s.portalNewPrefill, false},
		{"POST /portal/items", signedIn, s.portalCreate, false},
		{"GET /portal/items/{id}", signedIn, s.portalItem, false},
		{"POST /portal/items/{id}/replies", signedIn, s.portalReply, false},
		{"POST /portal/items/{id}/resolve", signedIn, s.portalResolve, false},
		{"GET /portal/items/{id}/attachments/{aid}", signedIn, s.portalAttachment, false},
	}
}

// portalNav keeps the portal under "home" in the navigation: for a
// colleague the portal is the home page.
const portalNav = "home"

const portalPerPage = 20

// portalRow is one of my items in the portal's list.
type portalRow struct {
	*hitori.Item
	URL    string
	Status string
	Unread bool // a reply from the staff since I last opened it
}

// portalListData is what portal_list.html shows.
type portalListData struct {
	Rows  []portalRow
	Total int
	Pager pager
	Open  bool // the "open only" tab
}

// portalPage starts a portal page, refusing at once users who may not
// use items at all (viewers), so that they get 403 rather than a form.
func (s *Server) portalPage(r *http.Request, titleKey string) (*page, error) {
	if err := hitori.CheckItemAccess(hitori.UserFromContext(r.Context())); err != nil {
		return nil, err
	}
	p := s.newPage(r, portalNav)
	p.Title = p.T(titleKey)
	return p, nil
}

// portalList is GET /portal: my items, most recently active first.
func (s *Server) portalList(w http.ResponseWriter, r *http.Request) error {
	p, err := s.portalPage(r, "portal.title")
	if err != nil {
		return err
	}
	workFlash(p, r, "portal")
	pg := pageNumber(r.URL.Query().Get("page"))
	d := &portalListData{Open: r.URL.Query().Get("open") == "1"}
	f := hitori.ItemFilter{RequesterID: &p.User.ID, Sort: "updated", OpenOnly: d.Open, Offset: (pg - 1) * portalPerPage, Limit: portalPerPage}
	items, total, err := s.stores.Items.FindItems(r.Context(), f)
	if err != nil {
		return err
	}
	ids := make([]int64, len(items))
	for i, it := range items {
		ids[i] = it.ID
	}
	unread, err := s.stores.Items.FindUnreadItems(r.Context(), ids)
	if err != nil {
		return err
	}
	for _, it := range items {
		d.Rows = append(d.Rows, portalRow{Item: it, URL: portalItemURL(it.ID), Status: p.T(workStatusKey(it.Status)), Unread: unread[it.ID]})
	}
	d.Total, d.Pager = total, newPager(r, pg, portalPerPage, total)
	p.Data = d
	s.render(w, http.StatusOK, "portal_list", p)
	return nil
}

func portalItemURL(id int64) string { return "/portal/items/" + workIDText(id) }

// portalNewData is what portal_new.html shows.
type portalNewData struct {
	Categories []string
}

func (s *Server) portalNewPage(r *http.Request) (*page, error) {
	p, err := s.portalPage(r, "portal.new.title")
	if err != nil {
		return nil, err
	}
	p.Data = &portalNewData{Categories: s.work.Categories()}
	return p, nil
}

// Prefill bounds for ?title=&body= (the help chat links here with the
// conversation): longer text is cut, not refused, since the colleague
// can still edit it.
const (
	portalPrefillTitle = hitori.MaxItemTitle
	portalPrefillBody  = 8000
)

// portalNew is GET /portal/new?title=&body=: the short form.
func (s *Server) portalNew(w http.ResponseWriter, r *http.Request) error {
	p, err := s.portalNewPage(r)
	if err != nil {
		return err
	}
	q := r.URL.Query()
	p.Form = url.Values{"title": {portalCut(q.Get("title"), portalPrefillTitle)}, "body": {portalCut(q.Get("body"), portalPrefillBody)},
		"category": {q.Get("category")}}
	s.render(w, http.StatusOK, "portal_new", p)
	return nil
}

// portalCut shortens s to at most n characters.
func portalCut(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n])
}

// portalCreate is POST /portal/items: a ticket from the portal with me as
// the requester. It lands in quadrant 4 (neither urgent nor important)
// unless the colleague ticks "my work is stopped", which makes it urgent
// (quadrant 3); importance is the staff's call when they triage, which the
// store enforces (a requester may not set it).
func (s *Server) portalCreate(w http.ResponseWriter, r *http.Request) error {
	p, err := s.portalNewPage(r)
	if err != nil {
		return err
	}
	me := p.User
	f := r.PostForm
	it := &hitori.Item{Type: hitori.TypeTicket, Title: f.Get("title"), Body: f.Get("body"), Category: f.Get("category"),
		Urgent: f.Get("urgent") != "", Source: hitori.SourcePortal, RequesterID: &me.ID}
	files, err := portalUploads(r)
	if err == nil {
		err = s.work.Open(r.Context(), it)
	}
	if err != nil {
		p.Form = f
		return s.formError(w, "portal_new", p, err)
	}
	if err := s.portalSaveFiles(r.Context(), files, it.ID, 0); err != nil {
		return err
	}
	s.statusDeflect(r, it.ID) // an inquiry about a known outage is answered at once
	http.Redirect(w, r, workFlashURL(portalItemURL(it.ID), s.portalCreatedFlash()), http.StatusSeeOther)
	return nil
}
