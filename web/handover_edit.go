package web

import "net/http"

// handoverFlash shows ?flash=KEY when KEY is one of the handover pages'
// messages (handover.flash.*); anything else in the URL is ignored.
func handoverFlash(p *page, r *http.Request) {
	k := r.URL.Query().Get("flash")
	if k == "" {
		return
	}
	if m := p.T("handover.flash." + k); m != "handover.flash."+k {
		p.Flash = m
	}
}

// deleteConfirm is what handover_delete.html asks before a system, vendor
// or contract goes. Blocked (a catalogue key) says why it cannot go yet;
// the page then offers no button.
type deleteConfirm struct {
	Name    string
	Action  string // the POST that deletes
	Back    string // the page to return to
	Detail  string // catalogue key: what goes with it
	Blocked string
}

// renderDeleteConfirm shows the confirmation page of a handover delete.
func (s *Server) renderDeleteConfirm(w http.ResponseWriter, r *http.Request, d deleteConfirm) {
	p := s.handoverPage(r, "handover.delete.title", d)
	s.render(w, http.StatusOK, "handover_delete", p)
}
