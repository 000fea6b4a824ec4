package web

import (
	"context"
	"net/http"
	"strconv"
	"strings"

	"hitori"
	"hitori/search"
)

// synonymsKey is where the admin's synonym list is kept in the settings table.
const synonymsKey = hitori.SettingSynonyms

// maxSynonymsBytes bounds the list: a few thousand rules at most.
const maxSynonymsBytes = 128 << 10

// loadSynonyms applies the stored synonym list to the search index, or the
// built-in list when none is stored yet.
func (s *Server) loadSynonyms(r *http.Request) (string, error) {
	text, err := s.stores.Settings.GetSetting(r.Context(), synonymsKey)
	if hitori.ErrorCode(err) == hitori.ENOTFOUND {
		return search.DefaultSynonymsText(), nil
	}
	return text, err
}

// kbSynonyms is GET /kb/synonyms: the admin-editable list applied at query time.
func (s *Server) kbSynonyms(w http.ResponseWriter, r *http.Request) error {
	text, err := s.loadSynonyms(r)
	if err != nil {
		return err
	}
	p := s.kbPage(r, "kb.synonyms.title")
	p.Form = map[string][]string{"synonyms": {text}}
	if r.URL.Query().Get("saved") != "" {
		p.Flash = p.T("kb.synonyms.saved")
	}
	s.render(w, http.StatusOK, "kb_synonyms", p)
	return nil
}

// kbSynonymsSave is POST /kb/synonyms: parse first (errors name the line),
// then store and apply; a bad list changes nothing.
func (s *Server) kbSynonymsSave(w http.ResponseWriter, r *http.Request) error {
	text := r.PostFormValue("synonyms")
	p := s.kbPage(r, "kb.synonyms.title")
	p.Form = r.PostForm
	if len(text) > maxSynonymsBytes {
		return s.formError(w, "kb_synonyms", p, hitori.FieldError("synonyms", "error.too_long"))
	}
	syn, err := search.ParseSynonyms(text)
	if err != nil {
		// The parser's message names the line and the rule; it is shown as is.
		p.Errors["synonyms"] = p.T("kb.synonyms.invalid") + " " + strings.TrimPrefix(err.Error(), "search: ")
		s.render(w, http.StatusUnprocessableEntity, "kb_synonyms", p)
		return nil
	}
	if err := s.stores.Settings.SetSetting(r.Context(), synonymsKey, text); err != nil {
		return s.formError(w, "kb_synonyms", p, err)
	}
	s.synMu.Lock()
	s.kb.Index.SetSynonyms(syn)
	s.synText = text
	s.synMu.Unlock()
	s.audit(r, p.User, hitori.AuditSettingsSynonyms, hitori.TargetSynonyms, hitori.AuditCode(hitori.DetailRules, strconv.Itoa(syn.Len())))
	http.Redirect(w, r, "/kb/synonyms?saved=1", http.StatusSeeOther)
	return nil
}

// applySynonyms parses and applies a stored list if it differs from the one
// this process last applied; a bad stored list is reported and ignored.
func (s *Server) applySynonyms(text string) error {
	s.synMu.Lock()
	defer s.synMu.Unlock()
	if text == s.synText {
		return nil
	}
	syn, err := search.ParseSynonyms(text)
	if err != nil {
		return err
	}
	s.kb.Index.SetSynonyms(syn)
	s.synText = text
	return nil
}

// followChanges keeps what this process holds in memory (the search index,
// the synonym list, the SLA settings) in step with edits made by any process
// sharing the database, until ctx ends.
func (s *Server) followChanges(ctx context.Context) {
	feed := s.cfg.Changes
	if feed == nil {
		return
	}
	s.kb.Follow(ctx, feed, s.log)
	feed.Subscribe(ctx, hitori.TopicSynonyms, s.reloadSynonyms)
	feed.Subscribe(ctx, hitori.TopicSettings, func(ctx context.Context) {
		if err := s.work.Load(ctx, s.stores.Settings); err != nil && ctx.Err() == nil {
			s.log.Warn("stored work settings", "err", err)
		}
	})
}

// reloadSynonyms re-reads the stored list and applies it when it differs
// from the one in force (this process's own saves come back unchanged).
func (s *Server) reloadSynonyms(ctx context.Context) {
	text, err := s.stores.Settings.GetSetting(ctx, synonymsKey)
	if hitori.ErrorCode(err) == hitori.ENOTFOUND || ctx.Err() != nil {
		return // none stored: the built-in list stays
	}
	if err == nil {
		err = s.applySynonyms(text)
	}
	if err != nil {
		s.log.Warn("stored synonym list", "err", err)
	}
}
