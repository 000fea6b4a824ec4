package web

import (
	"context"
	"net/http"
	"strconv"
	"strings"

	"hitori"
)

// workExtras is what the canned replies, saved filters, item files and the
// ignored-mail log need from storage beyond items.
type workExtras interface {
	hitori.CannedReplyService
	hitori.SavedFilterService
	hitori.MailLogService
}

// extras returns the work area's extra stores. It cannot fail; the error
// keeps its callers' shape.
func (s *Server) extras() (workExtras, error) {
	return struct {
		hitori.ItemStore
		hitori.MailLogService
	}{s.stores.Items, s.stores.MailLog}, nil
}

// workCannedData is what work_canned.html shows.
type workCannedData struct {
	Replies []*hitori.CannedReply
	EditID  int64 // the reply whose form failed, re-shown with the typed values
	Max     int
}

// workCanned is GET /work/canned: the department's canned replies, each
// editable, and a form for a new one.
func (s *Server) workCanned(w http.ResponseWriter, r *http.Request) error {
	p, err := s.workCannedPage(r)
	if err != nil {
		return err
	}
	workFlash(p, r, "work")
	s.render(w, http.StatusOK, "work_canned", p)
	return nil
}

func (s *Server) workCannedPage(r *http.Request) (*page, error) {
	x, err := s.extras()
	if err != nil {
		return nil, err
	}
	list, err := x.ListCannedReplies(r.Context())
	if err != nil {
		return nil, err
	}
	p := s.newPage(r, workNav)
	p.Title = p.T("work.canned.title")
	p.Data = &workCannedData{Replies: list, Max: hitori.MaxCannedReplies}
	return p, nil
}

// workCannedSave is POST /work/canned: create (no id), update (id) or
// delete (id and delete=1) one canned reply.
func (s *Server) workCannedSave(w http.ResponseWriter, r *http.Request) error {
	x, err := s.extras()
	if err != nil {
		return err
	}
	ctx := r.Context()
	var id int64
	if v := r.PostFormValue("id"); v != "" {
		if id, err = strconv.ParseInt(v, 10, 64); err != nil || id < 1 {
			return hitori.KeyError(hitori.ENOTFOUND, "error.not_found")
		}
	}
	if id != 0 && r.PostFormValue("delete") != "" {
		if err := x.DeleteCannedReply(ctx, id); err != nil {
			return err
		}
		http.Redirect(w, r, workFlashURL("/work/canned", "canned_deleted"), http.StatusSeeOther)
		return nil
	}
	c := &hitori.CannedReply{ID: id, Title: r.PostFormValue("title"), Body: r.PostFormValue("body")}
	if id == 0 {
		err = x.CreateCannedReply(ctx, c)
	} else {
		err = x.UpdateCannedReply(ctx, c)
	}
	if err != nil {
		if hitori.ErrorCode(err) != hitori.EINVALID {
			return err
		}
		p, perr := s.workCannedPage(r)
		if perr != nil {
			return perr
		}
		p.Data.(*workCannedData).EditID = id
		p.Form = r.PostForm
		return s.formError(w, "work_canned", p, err)
	}
	http.Redirect(w, r, workFlashURL("/work/canned", "canned_saved")+"#canned-"+strconv.FormatInt(c.ID, 10), http.StatusSeeOther)
	return nil
}

// workCannedChoice is a canned reply offered on an item page, its
// placeholders already filled in for that item.
type workCannedChoice struct {
	ID    int64
	Title string
	Text  string
}

// workCannedText fills {{name}} and {{key}} of a canned reply for it.
func workCannedText(body string, it *hitori.Item) string {
	return strings.NewReplacer("{{name}}", workRequesterName(it), "{{key}}", it.Key()).Replace(body)
}

// workCannedChoices lists the canned replies for an item's page.
func (s *Server) workCannedChoices(ctx context.Context, it *hitori.Item) ([]workCannedChoice, error) {
	x, err := s.extras()
	if err != nil {
		return []workCannedChoice{}, nil // a store without canned replies offers none
	}
	list, err := x.ListCannedReplies(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]workCannedChoice, 0, len(list))
	for _, c := range list {
		out = append(out, workCannedChoice{ID: c.ID, Title: c.Title, Text: workCannedText(c.Body, it)})
	}
	return out, nil
}

// workCannedPrefill puts the canned reply ?canned=ID into the reply form:
// inserting one works without script too.
func workCannedPrefill(p *page, d *workItemData, id string) {
	if id == "" {
		return
	}
	for _, c := range d.Canned {
		if strconv.FormatInt(c.ID, 10) == id {
			p.Form.Set("body", c.Text)
			p.Form.Set("canned", id)
			return
		}
	}
}
