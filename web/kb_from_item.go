package web

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"hitori"
)

// kbFromItem is POST /work/items/{id}/faq: one click turns a resolved item
// into a draft FAQ — the question from the item, the answer from the last
// public reply. It is saved staff-only, so it reaches colleagues only after
// someone reviews it and sets it to everyone.
func (s *Server) kbFromItem(w http.ResponseWriter, r *http.Request) error {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		return hitori.KeyError(hitori.ENOTFOUND, "error.not_found")
	}
	ctx := r.Context()
	it, err := s.stores.Items.FindItemByID(ctx, id)
	if err != nil {
		return err
	}
	if it.Status.Open() {
		return hitori.KeyError(hitori.ECONFLICT, "kb.faq.not_resolved")
	}
	events, err := s.stores.Items.FindEvents(ctx, id)
	if err != nil {
		return err
	}
	answer := ""
	for _, e := range events {
		if e.Kind == hitori.EventReply && strings.TrimSpace(e.Body) != "" {
			answer = e.Body // the last public reply is the one that resolved it
		}
	}
	loc := s.localeFor(r)
	if answer == "" {
		answer = loc.T("kb.faq.answer_todo")
	}
	body := fmt.Sprintf("## %s\n\n%s\n\n## %s\n\n%s\n", loc.T("kb.faq.question"), strings.TrimSpace(it.Body),
		loc.T("kb.faq.answer"), strings.TrimSpace(answer))
	a := &hitori.Article{Title: it.Title, Body: body, Kind: hitori.KindFAQ, Category: it.Category, Tags: it.Tags,
		Visibility: hitori.VisibleStaff}
	if err := s.kb.Create(ctx, a); err != nil {
		return err
	}
	s.audit(r, identityFrom(r).user, "article.from_item", hitori.AuditCode(hitori.TargetItemArticle, strconv.FormatInt(it.ID, 10), strconv.FormatInt(a.ID, 10)), a.Title)
	http.Redirect(w, r, fmt.Sprintf("/kb/%d/edit", a.ID), http.StatusSeeOther)
	return nil
}
