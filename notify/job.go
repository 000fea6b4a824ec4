package notify

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"sort"
	"strings"
	"time"

	"hitori"
	"hitori/jobs"
)

// Handler runs hitori.JobNotifySend jobs: it delivers the message, records
// the attempt and its result, and tells the engine whether to retry.
type Handler struct {
	Store    hitori.ChannelDelivery
	Notifier *Notifier
	Now      func() time.Time // the attempt's time; nil: time.Now
	Log      *slog.Logger
}

// Job is the handler of hitori.JobNotifySend. It is run at least once:
// LINE (retry key), the generic webhook (X-Hitori-Delivery) and e-mail
// (Message-ID) carry the job's identity so duplicates can be recognised.
func (h *Handler) Job(ctx context.Context, j *hitori.Job) error {
	var p hitori.NotifyPayload
	if err := json.Unmarshal([]byte(j.Payload), &p); err != nil {
		return jobs.Permanent(fmt.Errorf("notify: payload: %w", err))
	}
	c, err := h.Store.ChannelForDelivery(ctx, p.ChannelID)
	if hitori.ErrorCode(err) == hitori.ENOTFOUND {
		return jobs.Permanent(fmt.Errorf("notify: channel %d no longer exists", p.ChannelID))
	} else if err != nil {
		return fmt.Errorf("notify: channel %d: %w", p.ChannelID, err)
	}
	if !c.Enabled && p.Message.Severity != "test" {
		return nil // switched off: alerts to it are dropped, not failed
	}
	now := time.Now
	if h.Now != nil {
		now = h.Now
	}
	at, start := now(), time.Now()
	status, sendErr := h.Notifier.Send(ctx, c, p.Message, Delivery{JobID: j.ID, Attempt: j.Attempts})
	a := &hitori.NotifyAttempt{ChannelID: c.ID, JobID: j.ID, Attempt: j.Attempts, At: at, Outcome: hitori.AttemptSent,
		HTTPStatus: status, Duration: time.Since(start), Severity: p.Message.Severity, Subject: cut(p.Message.Subject, 200)}
	var f *Failure
	if sendErr != nil {
		if !errors.As(sendErr, &f) {
			f = retryablef("%v", sendErr)
		}
		f.Msg = cut(Redact(f.Msg, c), hitori.ChannelErrorMax)
		a.Error, a.Outcome = f.Msg, hitori.AttemptRetry
		if f.Permanent || j.Attempts >= j.MaxAttempts {
			a.Outcome = hitori.AttemptFailed
		}
	}
	if err := h.Store.RecordAttempt(context.WithoutCancel(ctx), a); err != nil {
		h.log().Error("notify: record attempt", "channel", c.ID, "job", j.ID, "err", err)
	}
	if f == nil {
		return nil // delivered; a lost record must not send it twice
	}
	out := fmt.Errorf("notify: %s channel %d: %w", c.Kind, c.ID, f)
	switch {
	case f.Permanent:
		return jobs.Permanent(out)
	case f.RetryAfter > 0:
		return jobs.RetryAfter(out, f.RetryAfter)
	}
	return out
}

func (h *Handler) log() *slog.Logger {
	if h.Log == nil {
		return slog.Default()
	}
	return h.Log
}

// Redact removes the channel's secrets from a text (a service may echo a
// token or a URL in its error), longest first so that no part of one is
// left behind.
func Redact(s string, c *hitori.AlertChannel) string {
	var vals []string
	for _, v := range c.Secrets {
		if len(v) >= 6 {
			vals = append(vals, v)
			if u, _, ok := strings.Cut(v, "?"); ok && len(u) >= 6 {
				vals = append(vals, u)
			}
		}
	}
	sort.Slice(vals, func(i, j int) bool { return len(vals[i]) > len(vals[j]) })
	for _, v := range vals {
		s = strings.ReplaceAll(s, v, "••••")
	}
	return s
}
