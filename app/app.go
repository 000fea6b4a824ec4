// Package app builds hitori's services once from its stores. cmd/hitori and
// the web tests both call Build, so what runs and what is tested are wired
// the same way.
package app

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"hitori"
	"hitori/asset"
	"hitori/duty"
	"hitori/handover"
	"hitori/intake"
	"hitori/jobs"
	"hitori/kb"
	"hitori/monitor"
	"hitori/notify"
	"hitori/report"
	"hitori/standin"
	"hitori/status"
	"hitori/vault"
	"hitori/work"
)

// Options are what Build needs beyond the stores.
type Options struct {
	// Mailer sends requesters their notifications; nil: no notices are
	// owed (none reach the outbox).
	Mailer *intake.Mailer
	// Engine runs background jobs; Build registers the areas' handlers on
	// it. nil: jobs are queued but this process runs none (commands, tests).
	Engine *jobs.Engine
	Log    *slog.Logger
	// LoadIndexInBackground builds the knowledge index after Build returns
	// (serve: the server listens at once and searches wait for the index);
	// otherwise Build loads it before returning (commands, tests).
	LoadIndexInBackground bool
	// VaultKeys wraps the vault key in key-file mode (the data folder's
	// sealed.Keyring); nil: the vault cannot be created or opened without
	// a passphrase.
	VaultKeys hitori.Sealer
	// MonitorKeep is how long raw monitor results are kept (0: monitor.DefaultKeep).
	MonitorKeep time.Duration
	// BaseURL is the public URL alert messages link to (incident pages,
	// ack links); empty: the mailer's, if any.
	BaseURL string
	// Notifier delivers alert messages (notify.send); nil: notify.New()
	// with the helpdesk's mail server for e-mail channels.
	Notifier *notify.Notifier
}

// Services are the stores and the services built on them: what web.New
// and the background channels (mail intake) are given.
type Services struct {
	Stores hitori.Stores
	Work   *work.Service
	KB     *kb.Service
	Asset  *asset.Service
	Vault  *vault.Service
	Alerts *asset.Alerts // expiry alerts of warranties, leases and license renewals
	Duty   *duty.Service // recurring duties and their tasks on the board
	// Status links new inquiries about an open incident to it and answers them.
	Status *status.Deflector
	Report *report.Service
	Engine *jobs.Engine // nil when this process runs no jobs
	Mailer *intake.Mailer

	// Handover is the systems register, vendors, contracts and readiness.
	Handover *handover.Service
	// Incidents alerts about monitors' outages and turns them into items.
	Incidents *monitor.Alerts
	// Standin is the absence mode (time-boxed read-only access for a stand-in).
	Standin *standin.Service
	// ContractAlerts are the contracts' decision-date alerts.
	ContractAlerts *handover.Alerts
}

// Build makes each service once, registers their job handlers and loads
// the knowledge base's index.
func Build(ctx context.Context, st hitori.Stores, opt Options) (*Services, error) {
	svc := &Services{Stores: st, Engine: opt.Engine, Mailer: opt.Mailer}
	svc.Work = work.New(st.Items, st.Settings)
	svc.Work.Users = st.Users
	svc.Report = report.New(st.Reports, st.Settings)
	svc.Report.Risk = svc.Work.Risk
	if opt.Mailer != nil {
		// Notices are owed only where someone can send them.
		st.Items.SetItemOutbox(work.Outbox)
		if opt.Engine != nil {
			opt.Engine.Register(hitori.JobItemNotice, svc.Work.NoticeHandler(MailerSend(opt.Mailer), st.Users))
		}
	}
	svc.Asset = asset.New(st.Assets)
	if err := buildAlerts(ctx, svc, opt); err != nil {
		return nil, err
	}
	if opt.Engine != nil {
		opt.Engine.Register(asset.JobLedgerImport, svc.Asset.LedgerImportJob)
	}
	svc.Asset.Settings = st.Settings
	svc.Vault = vault.New(st.Vault, opt.VaultKeys)
	if opt.Engine != nil {
		if err := registerVault(ctx, opt.Engine, svc.Vault, st, opt.Mailer); err != nil {
			return nil, err
		}
	}
	if opt.Engine != nil && st.Monitors != nil {
		opt.Engine.Register(monitor.JobRollup, monitor.RollupJob(st.Monitors, opt.MonitorKeep, nil))
		sc := hitori.Schedule{Name: monitor.JobRollup, Kind: monitor.JobRollup, Spec: monitor.RollupSchedule}
		if err := opt.Engine.Declare(ctx, sc); err != nil {
			return nil, fmt.Errorf("app: schedule %s: %w", sc.Name, err)
		}
	}
	svc.Handover = buildHandover(st)
	svc.Report.Readiness = svc.Handover.Readiness // the dashboard's and monthly report's readiness gaps
	if err := buildIncidents(ctx, svc, opt); err != nil {
		return nil, err
	}
	registerNotify(svc, opt)
	if err := buildDuties(ctx, svc, opt); err != nil {
		return nil, err
	}
	if err := buildStandin(ctx, svc, opt); err != nil {
		return nil, err
	}
	if err := buildContractAlerts(ctx, svc, opt); err != nil {
		return nil, err
	}
	svc.KB = kb.New(st.Articles, st.Articles)
	svc.KB.Items = st.Items
	if opt.LoadIndexInBackground {
		log := opt.Log
		if log == nil {
			log = slog.Default()
		}
		svc.KB.LoadInBackground(ctx, log)
		return svc, nil
	}
	if err := svc.KB.Load(ctx); err != nil {
		return nil, fmt.Errorf("app: load knowledge base: %w", err)
	}
	return svc, nil
}

// MailerSend adapts an intake.Mailer to the work package's notices.
func MailerSend(m *intake.Mailer) work.SendFunc {
	return func(ctx context.Context, n work.Notice) error {
		_, err := m.Send(ctx, intake.Notice{Kind: n.Kind, Item: n.Item, Event: n.Event, Lang: n.Lang})
		return err
	}
}

// buildAlerts wires the expiry alerts: a daily run on the job engine, and
// their mail to administrators where mail can be sent.
func buildAlerts(ctx context.Context, svc *Services, opt Options) error {
	st := svc.Stores
	svc.Alerts = &asset.Alerts{Store: st.Assets, Settings: st.Settings, Users: st.Users}
	if m := opt.Mailer; m != nil && m.Sender != nil {
		a := svc.Alerts
		a.Sender, a.From, a.Domain, a.BaseURL, a.Lang = m.Sender, m.From, m.Domain, m.BaseURL, m.Lang
	}
	if opt.Engine == nil {
		return nil
	}
	opt.Engine.Register(asset.JobAlerts, svc.Alerts.Job)
	if svc.Alerts.Sender != nil {
		opt.Engine.Register(asset.JobAlertMail, svc.Alerts.MailJob)
	}
	sc := hitori.Schedule{Name: asset.JobAlerts, Kind: asset.JobAlerts, Spec: asset.AlertSchedule}
	if err := opt.Engine.Declare(ctx, sc); err != nil {
		return fmt.Errorf("app: schedule %s: %w", sc.Name, err)
	}
	return nil
}

// buildHandover wires the handover register to the areas it reads: the
// asset area's expiries, the monitors and the vault's kit state.
func buildHandover(st hitori.Stores) *handover.Service {
	h := handover.New(st.Handover)
	h.Settings = st.Settings
	if st.Assets != nil {
		h.Expiries = st.Assets
	}
	if st.Monitors != nil {
		h.Monitors = st.Monitors
	}
	if st.Vault != nil {
		h.Vault = st.Vault
	}
	return h
}

// buildDuties wires the recurring duties: their service on the work
// service (tasks open through it) and the daily run that opens the tasks
// ahead of time.
func buildDuties(ctx context.Context, svc *Services, opt Options) error {
	svc.Duty = duty.New(svc.Stores.Duties, svc.Work, svc.Stores.Items)
	svc.Status = &status.Deflector{Incidents: svc.Stores.Incidents, Settings: svc.Stores.Settings, Items: svc.Stores.Items,
		Jobs: svc.Stores.Jobs, Mail: opt.Mailer != nil, Users: svc.Stores.Users}
	if opt.Engine == nil {
		return nil
	}
	opt.Engine.Register(duty.JobGenerate, svc.Duty.Job)
	sc := hitori.Schedule{Name: duty.JobGenerate, Kind: duty.JobGenerate, Spec: duty.GenerateSchedule}
	if err := opt.Engine.Declare(ctx, sc); err != nil {
		return fmt.Errorf("app: schedule %s: %w", sc.Name, err)
	}
	return nil
}

// buildContractAlerts wires the decision-date alerts: a daily run on the
// job engine, and their mail to administrators where mail can be sent.
func buildContractAlerts(ctx context.Context, svc *Services, opt Options) error {
	st := svc.Stores
	a := &handover.Alerts{Store: st.Handover, Settings: st.Settings, Users: st.Users}
	svc.ContractAlerts = a
	if m := opt.Mailer; m != nil && m.Sender != nil {
		a.Sender, a.From, a.Domain, a.BaseURL, a.Lang = m.Sender, m.From, m.Domain, m.BaseURL, m.Lang
	}
	if opt.Engine == nil {
		return nil
	}
	opt.Engine.Register(handover.JobContractAlerts, a.Job)
	if a.Sender != nil {
		opt.Engine.Register(handover.JobContractAlertMail, a.MailJob)
	}
	sc := hitori.Schedule{Name: handover.JobContractAlerts, Kind: handover.JobContractAlerts, Spec: handover.ContractAlertSchedule}
	if err := opt.Engine.Declare(ctx, sc); err != nil {
		return fmt.Errorf("app: schedule %s: %w", sc.Name, err)
	}
	return nil
}
