package web

import (
	"net/http"
	"strconv"
	"strings"

	"hitori"
)

// workQuadrant is POST /work/items/{id}/quadrant?q=1..4: one-click
// re-prioritising. Scripts (work.js) ask for JSON; forms get a redirect
// back to the page they came from.
func (s *Server) workQuadrant(w http.ResponseWriter, r *http.Request) error {
	id, err := workItemID(r)
	if err != nil {
		return err
	}
	n, err := strconv.Atoi(r.PostFormValue("q"))
	if err != nil || !hitori.Quadrant(n).Valid() {
		err := hitori.FieldError("q", "error.invalid")
		if workWantsJSON(r) {
			s.handleError(w, r, true, err)
			return nil
		}
		return err
	}
	it, err := s.work.Move(r.Context(), id, hitori.Quadrant(n))
	if err != nil {
		if workWantsJSON(r) { // the script shows the message
			s.handleError(w, r, true, err)
			return nil
		}
		return err
	}
	if workWantsJSON(r) {
		writeJSON(w, http.StatusOK, map[string]any{"id": it.ID, "quadrant": int(it.Quadrant())})
		return nil
	}
	http.Redirect(w, r, workFlashURL(workBack(r, workItemURL(id)), "moved"), http.StatusSeeOther)
	return nil
}

// workWantsJSON reports whether a script sent the request and wants JSON back.
func workWantsJSON(r *http.Request) bool {
	return strings.Contains(r.Header.Get("Accept"), "application/json")
}

// workReply is POST /work/items/{id}/replies: a public reply or an
// internal note, with minutes spent, and optionally a new status.
func (s *Server) workReply(w http.ResponseWriter, r *http.Request) error {
	id, err := workItemID(r)
	if err != nil {
		return err
	}
	e := &hitori.Event{ItemID: id, Kind: hitori.EventReply, Body: r.PostFormValue("body")}
	if r.PostFormValue("internal") != "" {
		e.Kind = hitori.EventNote
	}
	var ferr error
	if m := strings.TrimSpace(r.PostFormValue("minutes")); m != "" {
		if e.Minutes, err = strconv.Atoi(m); err != nil {
			ferr = hitori.FieldError("minutes", "error.item_minutes_invalid")
		}
	}
	st := hitori.Status(r.PostFormValue("status"))
	if ferr == nil && st != "" && !st.Valid() {
		ferr = hitori.FieldError("status", "error.invalid")
	}
	if ferr == nil {
		ferr = s.work.Reply(r.Context(), e, st)
	}
	if ferr != nil {
		p, _, err := s.workItemPage(r, id)
		if err != nil {
			return err
		}
		p.Form.Set("body", r.PostFormValue("body"))
		p.Form.Set("minutes", r.PostFormValue("minutes"))
		p.Form.Set("internal", r.PostFormValue("internal"))
		p.Form.Set("reply_status", r.PostFormValue("status"))
		return s.formError(w, "work_item", p, ferr)
	}
	flash := "replied"
	if e.Kind == hitori.EventNote {
		flash = "noted"
	}
	http.Redirect(w, r, workFlashURL(workItemURL(id), flash)+"#timeline", http.StatusSeeOther)
	return nil
}
