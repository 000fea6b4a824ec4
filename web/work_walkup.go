package web

import (
	"net/http"
	"strconv"
	"strings"

	"hitori"
)

// walkupAnchor is the fragment the walk-up redirect adds: _walkup.html
// holds an element with this id that CSS shows only as the :target, so
// any page the capture started from shows the confirmation, without a
// script and without that page's handler knowing about walk-ups.
const walkupAnchor = "#walkup-saved"

// workWalkupForm is GET /work/walkup: the capture form as a page of its
// own, for a narrow screen or a keyboard user who prefers it to the
// header's drop-down.
func (s *Server) workWalkupForm(w http.ResponseWriter, r *http.Request) error {
	p := s.newPage(r, workNav)
	p.Title = p.T("work.walkup.title")
	p.Form = map[string][]string{"next": {safeNext(r.URL.Query().Get("next"))}}
	s.render(w, http.StatusOK, "work_walkup", p)
	return nil
}

// workWalkup is POST /work/walkup: "ちょっといい？" captured in two clicks.
// It opens a ticket from the walk-up channel (who asked, what about),
// logs the minutes as an internal note, resolves it when it was "done now",
// and returns to the page the capture started from.
func (s *Server) workWalkup(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	f := r.PostForm
	it := &hitori.Item{Title: f.Get("what"), Category: f.Get("category")}
	minutes, err := walkupMinutes(f.Get("minutes"))
	if err == nil && strings.TrimSpace(f.Get("who")) == "" {
		err = hitori.FieldError("who", "error.required")
	}
	if err == nil {
		err = s.workResolveRequester(ctx, it, f.Get("who"))
	}
	if err == nil {
		err = s.work.WalkUp(ctx, it, minutes, f.Get("done") != "")
	}
	if err != nil {
		p := s.newPage(r, workNav)
		p.Title = p.T("work.walkup.title")
		p.Form = f
		if e, ok := hitori.AsError(err); ok && e.Fields["title"] != "" {
			e.Fields["what"] = e.Fields["title"] // the form calls the title "what"
		}
		return s.formError(w, "work_walkup", p, err)
	}
	back := workBack(r, "/work")
	if i := strings.IndexByte(back, '#'); i >= 0 {
		back = back[:i]
	}
	http.Redirect(w, r, back+walkupAnchor, http.StatusSeeOther)
	return nil
}

// walkupMinutes reads the minutes field: empty is none. The range is
// work.Service.WalkUp's to check.
func walkupMinutes(v string) (int, error) {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil {
		return 0, hitori.FieldError("minutes", "error.item_minutes_invalid")
	}
	return n, nil
}
