package app

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"hitori"
	"hitori/intake"
	"hitori/jobs"
	"hitori/mail"
	"hitori/vault"
)

// vaultRotationSpec is when the daily rotation reminder runs: before the
// working day, on business days only.
const vaultRotationSpec = "daily 08:30 business"

// registerVault installs the vault's jobs: the alert to every
// administrator (queued by a recovery in its own transaction) and the daily
// list of overdue rotations. Both run even without mail, so their jobs
// never wait forever; without mail the audit log and the vault page are
// where the administrator sees them.
func registerVault(ctx context.Context, engine *jobs.Engine, svc *vault.Service, st hitori.Stores, m *intake.Mailer) error {
	notify := adminMail(st.Users, m)
	engine.Register(vault.JobAlert, vault.AlertHandler(alsoToChannels(notify, st.Incidents, st.Jobs)))
	engine.Register(vault.JobRotation, svc.RotationHandler(notify))
	if err := engine.Declare(ctx, hitori.Schedule{Name: vault.JobRotation, Kind: vault.JobRotation, Spec: vaultRotationSpec}); err != nil {
		return fmt.Errorf("app: schedule vault rotation reminder: %w", err)
	}
	return nil
}

// adminMail sends one message to every active administrator; nil when
// this process has no mail to send with.
func adminMail(users hitori.UserService, m *intake.Mailer) vault.Notify {
	if m == nil || m.Sender == nil {
		return nil
	}
	return func(ctx context.Context, subject, body string) error {
		list, _, err := users.FindUsers(ctx, hitori.UserFilter{Role: hitori.RoleAdmin, Limit: 500})
		if err != nil {
			return err
		}
		var to []mail.Address
		for _, u := range list {
			if !u.Disabled {
				to = append(to, mail.Address{Name: u.Name, Email: u.Email})
			}
		}
		if len(to) == 0 {
			return nil
		}
		_, domain, _ := strings.Cut(m.From.Email, "@")
		now := time.Now()
		id, err := mail.NewMessageID(domain, now, nil)
		if err != nil {
			return err
		}
		return m.Sender.Send(ctx, &mail.OutgoingMessage{From: m.From, To: to, Subject: subject, Text: body,
			MessageID: id, Date: now, AutoSubmitted: "auto-generated"})
	}
}

// alsoToChannels makes an emergency alert reach every enabled alert
// channel too (Slack, Teams, the vendor's webhook…), not only the
// administrators' mail: after a recovery with emergency shares there may be
// no administrator left to read it. The channels' messages are notify.send
// jobs; they are queued after the mail, so a mail failure retried by the
// job engine does not queue them twice.
func alsoToChannels(mailAdmins vault.Notify, channels hitori.AlertChannelNames, queue hitori.JobQueue) vault.Notify {
	if channels == nil || queue == nil {
		return mailAdmins
	}
	return func(ctx context.Context, subject, body string) error {
		if mailAdmins != nil {
			if err := mailAdmins(ctx, subject, body); err != nil {
				return err
			}
		}
		names, err := channels.AlertChannelNames(ctx)
		if err != nil {
			return err
		}
		for id := range names {
			p, err := json.Marshal(hitori.NotifyPayload{ChannelID: id, Message: hitori.NotifyMessage{
				Subject: subject, Text: body, Severity: "escalation", Lang: "ja"}})
			if err != nil {
				return err
			}
			if err := queue.Enqueue(ctx, &hitori.Job{Kind: hitori.JobNotifySend, Payload: string(p)}); err != nil {
				return err
			}
		}
		return nil
	}
}
