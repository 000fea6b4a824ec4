package web

import (
	"net/http"
	"net/url"

	"hitori"
)

// channelFormData is what channel_form.html shows.
type channelFormData struct {
	Channel *hitori.AlertChannel // nil: a new channel
	Kind    hitori.ChannelKind   // "": choose a kind first
	Kinds   []hitori.ChannelKind
	Fields  []hitori.ChannelField
}

// Masked is what may be shown of a stored secret ("" when none is stored).
func (d *channelFormData) Masked(key string) string {
	if d.Channel == nil {
		return ""
	}
	return d.Channel.Masked[key]
}

func (s *Server) channelFormPage(r *http.Request, c *hitori.AlertChannel, kind hitori.ChannelKind, f url.Values) *page {
	p := s.newPage(r, channelNav)
	d := &channelFormData{Channel: c, Kind: kind, Kinds: hitori.ChannelKinds}
	if kind.Valid() {
		d.Fields = hitori.ChannelFieldsOf(kind)
	} else {
		d.Kind = ""
	}
	switch {
	case f != nil:
		p.Form = f
	case c == nil:
		p.Form = url.Values{"lang": {p.Lang}, "enabled": {"1"}}
	default:
		p.Form = url.Values{"name": {c.Name}, "lang": {c.Lang}}
		if c.Enabled {
			p.Form.Set("enabled", "1")
		}
		for k, v := range c.Settings {
			p.Form.Set(k, v)
		}
	}
	for _, fl := range d.Fields {
		if fl.Secret {
			p.Form.Del(fl.Key) // a secret is never sent back to the browser
		}
	}
	p.Data = d
	if c == nil {
		p.Title = p.T("channel.new.title")
	} else {
		p.Title = c.Name
	}
	return p
}

// channelFromForm reads a channel of kind from the form.
func channelFromForm(f url.Values, kind hitori.ChannelKind) *hitori.AlertChannel {
	c := &hitori.AlertChannel{Name: f.Get("name"), Kind: kind, Lang: f.Get("lang"), Enabled: f.Get("enabled") != "",
		Settings: map[string]string{}, Secrets: map[string]string{}}
	for _, fl := range hitori.ChannelFieldsOf(kind) {
		if fl.Secret {
			c.Secrets[fl.Key] = f.Get(fl.Key)
		} else {
			c.Settings[fl.Key] = f.Get(fl.Key)
		}
	}
	return c
}

// channelNew is GET /admin/channels/new: the kinds, then ?kind=K's form.
func (s *Server) channelNew(w http.ResponseWriter, r *http.Request) error {
	s.render(w, http.StatusOK, "channel_form", s.channelFormPage(r, nil, hitori.ChannelKind(r.URL.Query().Get("kind")), nil))
	return nil
}

// channelEdit is GET /admin/channels/{id}/edit.
func (s *Server) channelEdit(w http.ResponseWriter, r *http.Request) error {
	c, _, err := s.findChannel(r)
	if err != nil {
		return err
	}
	s.render(w, http.StatusOK, "channel_form", s.channelFormPage(r, c, c.Kind, nil))
	return nil
}

func (s *Server) findChannel(r *http.Request) (*hitori.AlertChannel, hitori.ChannelHealth, error) {
	id, err := pathID(r)
	if err != nil {
		return nil, hitori.ChannelHealth{}, err
	}
	return s.stores.Channels.FindChannel(r.Context(), id)
}

// channelCreate is POST /admin/channels.
func (s *Server) channelCreate(w http.ResponseWriter, r *http.Request) error {
	return s.channelSave(w, r, nil)
}

// channelUpdate is POST /admin/channels/{id}.
func (s *Server) channelUpdate(w http.ResponseWriter, r *http.Request) error {
	old, _, err := s.findChannel(r)
	if err != nil {
		return err
	}
	return s.channelSave(w, r, old)
}

// channelSave creates or updates a channel, or shows the form again with
// every bad field marked and the typed values (but no secret) kept.
func (s *Server) channelSave(w http.ResponseWriter, r *http.Request, old *hitori.AlertChannel) error {
	if err := r.ParseForm(); err != nil {
		return hitori.KeyError(hitori.EINVALID, "error.invalid")
	}
	f := r.PostForm
	kind := hitori.ChannelKind(f.Get("kind"))
	if old != nil {
		kind = old.Kind
	}
	c := channelFromForm(f, kind)
	var err error
	if old == nil {
		err = s.stores.Channels.CreateChannel(r.Context(), c)
	} else {
		c.ID = old.ID
		err = s.stores.Channels.UpdateChannel(r.Context(), c)
	}
	if err == nil {
		http.Redirect(w, r, channelURL(c.ID)+"?flash=saved", http.StatusSeeOther)
		return nil
	}
	return s.formError(w, "channel_form", s.channelFormPage(r, old, kind, f), err)
}
