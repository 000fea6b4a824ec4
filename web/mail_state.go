package web

import "hitori"

// mailConfigured reports whether this process can send mail to requesters.
// Pages promise mail only when it is, and tell the staff when it is not,
// since without SMTP every notice is silently skipped.
func (s *Server) mailConfigured() bool {
	return s.cfg.Mailer != nil && s.cfg.Mailer.Sender != nil
}

// portalCreatedFlash names the portal's "received" message: it mentions
// mail only when a notice will be sent.
func (s *Server) portalCreatedFlash() string {
	if s.mailConfigured() {
		return "created"
	}
	return "created_nomail"
}

// replyReachNote is the catalogue key of the warning next to the staff
// reply form when a public reply will not reach the requester by mail
// (and perhaps not at all); "" when it will.
func (s *Server) replyReachNote(it *hitori.Item) string {
	switch {
	case it.Type != hitori.TypeTicket:
		return "" // the staff's own task: nobody waits for a reply
	case it.RequesterID == nil && it.RequesterEmail == "":
		return "work.reply.reach_nobody"
	case s.mailConfigured():
		return ""
	case it.RequesterID != nil:
		return "work.reply.reach_portal_only"
	}
	return "work.reply.reach_none"
}
