package app

import (
	"hitori"
	"hitori/notify"
)

// registerNotify runs notify.send jobs in this process: alert messages to
// the channels, through the helpdesk's mail server for e-mail channels.
func registerNotify(svc *Services, opt Options) {
	if opt.Engine == nil || svc.Stores.Channels == nil {
		return
	}
	n := opt.Notifier
	if n == nil {
		n = notify.New()
	}
	if m := opt.Mailer; m != nil && m.Sender != nil && n.Mail == nil {
		n.Mail, n.From, n.Domain = m.Sender, m.From, m.Domain
	}
	h := &notify.Handler{Store: svc.Stores.Channels, Notifier: n, Log: opt.Log}
	opt.Engine.Register(hitori.JobNotifySend, h.Job)
}
