package web

import (
	"net/http"

	"hitori"
)

// workMergeData is what work_merge.html shows before a merge.
type workMergeData struct {
	Dup, Into *hitori.Item
}

// workMerge is POST /work/items/{id}/merge: into names the item to keep.
// Without confirm=1 it shows both items and asks; with it, it merges and
// opens the kept item.
func (s *Server) workMerge(w http.ResponseWriter, r *http.Request) error {
	id, err := workItemID(r)
	if err != nil {
		return err
	}
	into, ok := hitori.ParseItemKey(r.PostFormValue("into"))
	if !ok || into == id {
		p, _, err := s.workItemPage(r, id)
		if err != nil {
			return err
		}
		p.Form.Set("into", r.PostFormValue("into"))
		key := "work.error.merge_target"
		if ok {
			key = "error.item_merge_self"
		}
		return s.formError(w, "work_item", p, hitori.FieldError("into", key))
	}
	ctx := r.Context()
	dup, err := s.stores.Items.FindItemByID(ctx, id)
	if err != nil {
		return err
	}
	target, err := s.stores.Items.FindItemByID(ctx, into)
	if hitori.ErrorCode(err) == hitori.ENOTFOUND {
		p, _, perr := s.workItemPage(r, id)
		if perr != nil {
			return perr
		}
		p.Form.Set("into", r.PostFormValue("into"))
		return s.formError(w, "work_item", p, hitori.FieldError("into", "work.error.merge_target"))
	} else if err != nil {
		return err
	}
	if r.PostFormValue("confirm") != "1" {
		p := s.newPage(r, workNav)
		p.Title = p.T("work.merge.title")
		p.Data = &workMergeData{Dup: dup, Into: target}
		s.render(w, http.StatusOK, "work_merge", p)
		return nil
	}
	if err := s.work.Merge(ctx, id, into); err != nil {
		return err
	}
	http.Redirect(w, r, workFlashURL(workItemURL(into), "merged"), http.StatusSeeOther)
	return nil
}
