package web

import (
	"net/http"
	"strconv"
	"strings"

	"hitori"
)

const attemptsPerPage = 50

// channelPageData is what channel_page.html shows.
type channelPageData struct {
	Channel  *hitori.AlertChannel
	Health   hitori.ChannelHealth
	Fields   []hitori.ChannelField
	Attempts []*hitori.NotifyAttempt
	Pager    pager
	TestJob  int64                   // the test sent from this page, 0: none
	Test     []*hitori.NotifyAttempt // its attempts so far
}

// TestState is the test's outcome so far: "waiting", "sent", "retry" or "failed".
func (d *channelPageData) TestState() string {
	if len(d.Test) == 0 {
		return "waiting"
	}
	return d.Test[len(d.Test)-1].Outcome
}

// LastTest is the test's latest attempt.
func (d *channelPageData) LastTest() *hitori.NotifyAttempt { return d.Test[len(d.Test)-1] }

// Seconds shows an attempt's duration.
func (d *channelPageData) Seconds(a *hitori.NotifyAttempt) string {
	return strconv.FormatFloat(a.Duration.Seconds(), 'f', 1, 64)
}

// channelPage is GET /admin/channels/{id}: the settings (secrets masked),
// the health, the test button's result and the attempt history.
func (s *Server) channelPage(w http.ResponseWriter, r *http.Request) error {
	c, h, err := s.findChannel(r)
	if err != nil {
		return err
	}
	q := r.URL.Query()
	d := &channelPageData{Channel: c, Health: h, Fields: hitori.ChannelFieldsOf(c.Kind)}
	pg := pageNumber(q.Get("page"))
	list, total, err := s.stores.Channels.ChannelAttempts(r.Context(), c.ID, (pg-1)*attemptsPerPage, attemptsPerPage)
	if err != nil {
		return err
	}
	d.Attempts, d.Pager = list, newPager(r, pg, attemptsPerPage, total)
	if id, err := strconv.ParseInt(q.Get("test"), 10, 64); err == nil && id > 0 {
		d.TestJob = id
		all, err := s.stores.Channels.JobAttempts(r.Context(), id)
		if err != nil {
			return err
		}
		for _, a := range all {
			if a.ChannelID == c.ID {
				d.Test = append(d.Test, a)
			}
		}
	}
	p := s.newPage(r, channelNav)
	p.Title = c.Name
	p.Data = d
	channelFlash(p, r)
	s.render(w, http.StatusOK, "channel_page", p)
	return nil
}

// channelTest is POST /admin/channels/{id}/test: it queues a test message
// in the channel's language and returns to the page, which shows the
// result once the job has run.
func (s *Server) channelTest(w http.ResponseWriter, r *http.Request) error {
	c, _, err := s.findChannel(r)
	if err != nil {
		return err
	}
	loc := s.locales[c.Lang]
	if loc == nil {
		loc = s.localeFor(r)
	}
	base := strings.TrimRight(s.cfg.BaseURL, "/")
	if base == "" {
		scheme := "http"
		if r.TLS != nil {
			scheme = "https"
		}
		base = scheme + "://" + r.Host
	}
	u := identityFrom(r).user
	msg := hitori.NotifyMessage{Subject: loc.T("channel.test.subject"), Text: loc.T("channel.test.text", c.Name, u.Email),
		Link: base + channelURL(c.ID), Lang: c.Lang}
	id, err := s.stores.Channels.SendTest(r.Context(), c.ID, msg)
	if err != nil {
		return err
	}
	http.Redirect(w, r, channelURL(c.ID)+"?flash=test_queued&test="+strconv.FormatInt(id, 10)+"#test", http.StatusSeeOther)
	return nil
}

// channelDeleteConfirm is GET /admin/channels/{id}/delete: what will go, and a button.
func (s *Server) channelDeleteConfirm(w http.ResponseWriter, r *http.Request) error {
	c, _, err := s.findChannel(r)
	if err != nil {
		return err
	}
	p := s.newPage(r, channelNav)
	p.Title = p.T("channel.delete.title")
	p.Data = c
	s.render(w, http.StatusOK, "channel_delete", p)
	return nil
}

// channelDelete is POST /admin/channels/{id}/delete: the channel and its history.
func (s *Server) channelDelete(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	if err := s.stores.Channels.DeleteChannel(r.Context(), id); err != nil {
		return err
	}
	http.Redirect(w, r, "/admin/channels?flash=deleted", http.StatusSeeOther)
	return nil
}
