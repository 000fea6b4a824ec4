package web

import (
	"net/http"
	"net/url"

	"hitori"
)

// workNewData is what work_new.html shows.
type workNewData struct {
	Types      []hitori.ItemType
	Sources    []hitori.Source
	Staff      *workStaff
	Categories []string
}

// workSources are the channels staff record an item from by hand.
var workSources = []hitori.Source{hitori.SourceStaff, hitori.SourcePhone, hitori.SourceWalkUp, hitori.SourceEmail, hitori.SourceChat}

func (s *Server) workNewPage(r *http.Request) (*page, error) {
	dir, err := s.workStaffDir(r.Context())
	if err != nil {
		return nil, err
	}
	p := s.newPage(r, workNav)
	p.Title = p.T("work.new.title")
	p.Data = &workNewData{Types: []hitori.ItemType{hitori.TypeTicket, hitori.TypeTask}, Sources: workSources, Staff: dir,
		Categories: s.work.Categories()}
	return p, nil
}

// workNew is GET /work/items/new: an empty ticket (or ?type=task) form,
// assigned to the one filling it in.
func (s *Server) workNew(w http.ResponseWriter, r *http.Request) error {
	p, err := s.workNewPage(r)
	if err != nil {
		return err
	}
	f := url.Values{}
	f.Set("type", string(hitori.TypeTicket))
	if r.URL.Query().Get("type") == string(hitori.TypeTask) {
		f.Set("type", string(hitori.TypeTask))
	}
	f.Set("source", string(hitori.SourceStaff))
	f.Set("assignee", workIDText(p.User.ID))
	for _, k := range []string{"title", "body", "requester"} {
		f.Set(k, r.URL.Query().Get(k))
	}
	p.Form = f
	s.render(w, http.StatusOK, "work_new", p)
	return nil
}

// workCreate is POST /work/items: a ticket or task with every field, its
// SLA clock started by the work service.
func (s *Server) workCreate(w http.ResponseWriter, r *http.Request) error {
	f := r.PostForm
	it := &hitori.Item{Type: hitori.ItemType(f.Get("type")), Title: f.Get("title"), Body: f.Get("body"),
		Source: hitori.Source(f.Get("source")), Category: f.Get("category"), Tags: splitList(f.Get("tags")),
		Urgent: f.Get("urgent") != "", Important: f.Get("important") != "", Vendor: f.Get("vendor")}
	if it.Source == "" {
		it.Source = hitori.SourceStaff
	}
	err := s.workResolveRequester(r.Context(), it, f.Get("requester"))
	if err == nil {
		it.AssigneeID, err = workAssignee(f.Get("assignee"))
	}
	if err == nil {
		it.DueAt, err = workDue(f.Get("due"))
	}
	if err == nil {
		err = s.work.Create(r.Context(), it)
	}
	if err != nil {
		p, perr := s.workNewPage(r)
		if perr != nil {
			return perr
		}
		p.Form = f
		return s.formError(w, "work_new", p, err)
	}
	http.Redirect(w, r, workFlashURL(workItemURL(it.ID), "created"), http.StatusSeeOther)
	return nil
}
