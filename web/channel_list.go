package web

import (
	"net/http"
	"strings"

	"hitori"
)

const channelsPerPage = 50

// channelListData is what channel_list.html shows.
type channelListData struct {
	Channels []*hitori.ChannelSummary
	Kinds    []hitori.ChannelKind
	Query    string
	Pager    pager
}

// channelList is GET /admin/channels: every channel with its health.
func (s *Server) channelList(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	d := &channelListData{Query: strings.TrimSpace(q.Get("q")), Kinds: hitori.ChannelKinds}
	pg := pageNumber(q.Get("page"))
	list, total, err := s.stores.Channels.FindChannels(r.Context(), hitori.ChannelFilter{Query: d.Query,
		Offset: (pg - 1) * channelsPerPage, Limit: channelsPerPage})
	if err != nil {
		return err
	}
	d.Channels, d.Pager = list, newPager(r, pg, channelsPerPage, total)
	p := s.newPage(r, channelNav)
	p.Title = p.T("channel.list.title")
	p.Data = d
	channelFlash(p, r)
	s.render(w, http.StatusOK, "channel_list", p)
	return nil
}

// homeFailingChannels is the dashboard's block of channels whose latest
// delivery failed, for administrators; an error leaves the block out
// rather than the home page.
func (s *Server) homeFailingChannels(r *http.Request) []*hitori.ChannelSummary {
	u := identityFrom(r).user
	if u == nil || u.Role != hitori.RoleAdmin || s.stores.Channels == nil {
		return nil
	}
	list, err := s.stores.Channels.FailingChannels(r.Context(), 5)
	if err != nil {
		s.log.Error("home: failing channels", "request_id", requestID(r), "err", err)
		return nil
	}
	return list
}
