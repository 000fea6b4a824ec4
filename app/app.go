// Package app builds hitori's services once from its stores. cmd/hitori and
// the web tests both call Build, so what runs and what is tested are wired
// the same way.
package app

import (
	"context"
	"fmt"
	"log/slog"

	"hitori"
	"hitori/intake"
	"hitori/kb"
	"hitori/work"
)

// Options are what Build needs beyond the stores.
type Options struct {
	// Mailer sends requesters their notifications; nil: no notices.
	Mailer *intake.Mailer
	Log    *slog.Logger
}

// Services are the stores and the services built on them: what web.New
// and the background channels (mail intake) are given.
type Services struct {
	Stores hitori.Stores
	Work   *work.Service
	KB     *kb.Service
	// Notifier queues requesters' notifications; nil without a mailer.
	Notifier *work.MailNotifier
}

// Build makes each service once and loads the knowledge base's index.
func Build(ctx context.Context, st hitori.Stores, opt Options) (*Services, error) {
	log := opt.Log
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	svc := &Services{Stores: st}
	svc.Work = work.New(st.Items, st.Settings)
	if opt.Mailer != nil {
		svc.Notifier = work.NewMailNotifier(MailerSend(opt.Mailer), st.Users, log, 200)
		svc.Work.Notify = svc.Notifier
	}
	svc.KB = kb.New(st.Articles, st.Articles)
	svc.KB.Items = st.Items
	if err := svc.KB.Load(ctx); err != nil {
		return nil, fmt.Errorf("app: load knowledge base: %w", err)
	}
	return svc, nil
}

// MailerSend adapts an intake.Mailer to the work package's notifier.
func MailerSend(m *intake.Mailer) work.SendFunc {
	return func(ctx context.Context, n work.Notice) error {
		_, err := m.Send(ctx, intake.Notice{Kind: n.Kind, Item: n.Item, Event: n.Event, Lang: n.Lang})
		return err
	}
}
