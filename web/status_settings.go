package web

import (
	"net/http"
	"net/url"

	"hitori"
	"hitori/status"
)

// statusSettingsPage shows the form with values f (nil: the stored ones).
func (s *Server) statusSettingsPage(r *http.Request, f url.Values) (*page, error) {
	p := s.newPage(r, "settings")
	p.Title = p.T("status.settings.title")
	if f == nil {
		set, err := status.Load(r.Context(), s.stores.Settings)
		if err != nil {
			return nil, err
		}
		reply := set.ReplyText
		if reply == "" { // the built-in reply: shown in the reader's language, sent in the requester's
			reply = status.DefaultReply(p.Lang)
		}
		f = url.Values{"reply_text": {reply}, "keywords": {set.Keywords}}
		if set.Public {
			f.Set("public", "1")
		}
		if set.AutoReply {
			f.Set("autoreply", "1")
		}
	}
	p.Form = f
	return p, nil
}

// statusSettings is GET /admin/status.
func (s *Server) statusSettings(w http.ResponseWriter, r *http.Request) error {
	p, err := s.statusSettingsPage(r, nil)
	if err != nil {
		return err
	}
	if r.URL.Query().Get("flash") == "saved" {
		p.Flash = p.T("status.settings.saved")
	}
	s.render(w, http.StatusOK, "status_settings", p)
	return nil
}

// statusSettingsSave is POST /admin/status.
func (s *Server) statusSettingsSave(w http.ResponseWriter, r *http.Request) error {
	if err := r.ParseForm(); err != nil {
		return hitori.KeyError(hitori.EINVALID, "error.invalid")
	}
	f := r.PostForm
	set := status.Settings{Public: f.Get("public") != "", AutoReply: f.Get("autoreply") != "",
		ReplyText: f.Get("reply_text"), Keywords: f.Get("keywords")}
	if err := status.Save(r.Context(), s.stores.Settings, set); err != nil {
		p, perr := s.statusSettingsPage(r, f)
		if perr != nil {
			return perr
		}
		return s.formError(w, "status_settings", p, err)
	}
	http.Redirect(w, r, "/admin/status?flash=saved", http.StatusSeeOther)
	return nil
}
