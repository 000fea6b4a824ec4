package web

import (
	"net/http"
	"strconv"
)

// channelRoutes are the alert channels' pages, for administrators: the
// channels hold other services' credentials. The store checks every call
// again.
func (s *Server) channelRoutes() []route {
	return []route{
		{"GET /admin/channels", adminOnly, s.channelList, false},
		{"GET /admin/channels/new", adminOnly, s.channelNew, false},
		{"POST /admin/channels", adminOnly, s.channelCreate, false},
		{"GET /admin/channels/{id}", adminOnly, s.channelPage, false},
		{"GET /admin/channels/{id}/edit", adminOnly, s.channelEdit, false},
		{"POST /admin/channels/{id}", adminOnly, s.channelUpdate, false},
		{"GET /admin/channels/{id}/delete", adminOnly, s.channelDeleteConfirm, false},
		{"POST /admin/channels/{id}/delete", adminOnly, s.channelDelete, false},
		{"POST /admin/channels/{id}/test", adminOnly, s.channelTest, false},
	}
}

// channelNav keeps the channel pages under settings in the menu.
const channelNav = "settings"

// channelURL is a channel's page.
func channelURL(id int64) string { return "/admin/channels/" + strconv.FormatInt(id, 10) }

// channelFlash shows ?flash=KEY when KEY is one of the channel pages' messages.
func channelFlash(p *page, r *http.Request) {
	k := r.URL.Query().Get("flash")
	if k == "" {
		return
	}
	if m := p.T("channel.flash." + k); m != "channel.flash."+k {
		p.Flash = m
	}
}
