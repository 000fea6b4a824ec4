package web

import (
	"net/http"
	"slices"

	"hitori/intake"
	"hitori/mail"
)

const workMailPerPage = 50

// workMailReasons are the reasons intake ignores a message for, in the
// order the filter offers them.
var workMailReasons = []string{mail.IgnoreAutoReply, mail.IgnoreBounce, mail.IgnoreReadReceipt, mail.IgnoreLoop,
	mail.IgnoreBulk, intake.ReasonUnreadable}

// workMailRow is one ignored message worded for the log.
type workMailRow struct {
	*intake.Received
	ReasonText string
}

// workMailData is what work_mail.html shows.
type workMailData struct {
	Rows    []workMailRow
	Total   int
	Pager   pager
	Reasons []string
	Reason  string
}

// workMailLog is GET /work/mail: the mail intake ignored (auto-replies,
// bounces, read receipts, loops…) and why, newest first, so the staff can
// see nothing was silently lost. ?reason= narrows it to one reason.
func (s *Server) workMailLog(w http.ResponseWriter, r *http.Request) error {
	x, err := s.extras()
	if err != nil {
		return err
	}
	reason := r.URL.Query().Get("reason")
	if !slices.Contains(workMailReasons, reason) {
		reason = ""
	}
	pg := pageNumber(r.URL.Query().Get("page"))
	list, total, err := x.FindIgnoredMail(r.Context(), reason, (pg-1)*workMailPerPage, workMailPerPage)
	if err != nil {
		return err
	}
	p := s.newPage(r, workNav)
	p.Title = p.T("work.mail.title")
	d := &workMailData{Total: total, Pager: newPager(r, pg, workMailPerPage, total), Reasons: workMailReasons, Reason: reason}
	for _, m := range list {
		d.Rows = append(d.Rows, workMailRow{Received: m, ReasonText: workMailReason(p, m.Reason)})
	}
	p.Data = d
	s.render(w, http.StatusOK, "work_mail", p)
	return nil
}

// workMailReason words a reason; one intake adds later shows as itself.
func workMailReason(p *page, reason string) string {
	if slices.Contains(workMailReasons, reason) {
		return p.T("work.mail.reason." + reason)
	}
	return reason
}
