package vault

import (
	"context"
	"fmt"
	"strings"
	"time"

	"hitori"
)

// JobRotation is the daily job listing credentials past their rotate-by date.
const JobRotation = "vault.rotation"

// Notify sends one message to every administrator (e-mail through the
// mailer in app.Build).
type Notify func(ctx context.Context, subject, body string) error

// Overdue returns entries whose rotate-by date is on or before now's day.
func (s *Service) Overdue(ctx context.Context, now time.Time) ([]*hitori.VaultEntry, error) {
	all, err := s.Store.ListVaultEntries(ctx)
	if err != nil {
		return nil, err
	}
	var out []*hitori.VaultEntry
	for _, e := range all {
		if IsOverdue(e, now) {
			out = append(out, e)
		}
	}
	return out, nil
}

// IsOverdue reports whether e should have been rotated by now.
func IsOverdue(e *hitori.VaultEntry, now time.Time) bool {
	return e.RotateBy != nil && !e.RotateBy.After(now)
}

// RotationHandler is the JobRotation handler: it tells the administrators
// which credentials are overdue (names and dates only, never a secret).
func (s *Service) RotationHandler(notify Notify) func(context.Context, *hitori.Job) error {
	return func(ctx context.Context, _ *hitori.Job) error {
		due, err := s.Overdue(ctx, s.now())
		if err != nil || len(due) == 0 || notify == nil {
			return err
		}
		var b strings.Builder
		b.WriteString("パスワードの変更期限を過ぎた資格情報があります。\n\n")
		for _, e := range due {
			fmt.Fprintf(&b, "- %s (%s) 期限 %s\n", e.System, e.Username, e.RotateBy.Format("2006-01-02"))
		}
		return notify(ctx, fmt.Sprintf("[hitori] パスワード変更期限切れ %d 件", len(due)), b.String())
	}
}

// AlertHandler is the JobAlert handler: it mails every administrator.
func AlertHandler(notify Notify) func(context.Context, *hitori.Job) error {
	return func(ctx context.Context, j *hitori.Job) error {
		if notify == nil {
			return nil
		}
		body := "hitori の資格情報金庫で重要な操作が行われました。心当たりがない場合はすぐに確認してください。\n\n" + j.Payload + "\n"
		return notify(ctx, "[hitori] 金庫の緊急操作の通知", body)
	}
}
