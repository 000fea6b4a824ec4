package web

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"hitori"
)

// workUpdate is POST /work/items/{id}: the field editor. Every field is
// sent; the store records only those that changed.
func (s *Server) workUpdate(w http.ResponseWriter, r *http.Request) error {
	id, err := workItemID(r)
	if err != nil {
		return err
	}
	upd, ferr := workUpdateFromForm(r)
	if ferr == nil {
		_, ferr = s.work.Update(r.Context(), id, upd)
	}
	if ferr != nil {
		p, _, err := s.workItemPage(r, id)
		if err != nil {
			return err
		}
		p.Form = r.PostForm
		return s.formError(w, "work_item", p, ferr)
	}
	http.Redirect(w, r, workFlashURL(workItemURL(id), "saved"), http.StatusSeeOther)
	return nil
}

// workUpdateFromForm reads the field editor.
func workUpdateFromForm(r *http.Request) (hitori.ItemUpdate, error) {
	f := r.PostForm
	title, category, vendor := f.Get("title"), f.Get("category"), f.Get("vendor")
	st := hitori.Status(f.Get("status"))
	tags := splitList(f.Get("tags"))
	urgent, important := f.Get("urgent") != "", f.Get("important") != ""
	upd := hitori.ItemUpdate{Title: &title, Status: &st, Category: &category, Tags: &tags, Urgent: &urgent,
		Important: &important, Vendor: &vendor}
	assignee, err := workAssignee(f.Get("assignee"))
	if err != nil {
		return upd, err
	}
	upd.AssigneeID = &assignee
	due, err := workDue(f.Get("due"))
	if err != nil {
		return upd, err
	}
	upd.DueAt = &due
	if f.Has("kind") { // forms from before the field existed keep the kind
		kind := hitori.WorkKind(f.Get("kind"))
		upd.Kind = &kind
	}
	return upd, nil
}

// workAssignee reads the assignee select: "" is nobody.
func workAssignee(v string) (*int64, error) {
	if v == "" || v == "none" {
		return nil, nil
	}
	id, err := strconv.ParseInt(v, 10, 64)
	if err != nil || id < 1 {
		return nil, hitori.FieldError("assignee", "error.invalid")
	}
	return &id, nil
}

// workDue reads a datetime-local value as Tokyo time; "" is no due date.
func workDue(v string) (*time.Time, error) {
	if strings.TrimSpace(v) == "" {
		return nil, nil
	}
	t, err := time.ParseInLocation(workDueLayout, strings.TrimSpace(v), tokyo)
	if err != nil {
		return nil, hitori.FieldError("due", "work.error.due_invalid")
	}
	return &t, nil
}
