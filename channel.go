package hitori

import (
	"context"
	"net/mail"
	"net/url"
	"strings"
	"time"
	"unicode/utf8"
)

// ChannelKind is the service an alert channel delivers through.
type ChannelKind string

// Channel kinds, one small file each under notify/.
const (
	ChannelEmail     ChannelKind = "email"
	ChannelSlack     ChannelKind = "slack"
	ChannelTeams     ChannelKind = "teams"
	ChannelChatwork  ChannelKind = "chatwork"
	ChannelLineWorks ChannelKind = "lineworks"
	ChannelLine      ChannelKind = "line"
	ChannelWebhook   ChannelKind = "webhook"
)

// ChannelKinds lists every kind in display order.
var ChannelKinds = []ChannelKind{ChannelEmail, ChannelSlack, ChannelTeams, ChannelChatwork, ChannelLineWorks, ChannelLine, ChannelWebhook}

// Valid reports whether k is a known kind.
func (k ChannelKind) Valid() bool { return len(ChannelFieldsOf(k)) > 0 }

// Limits on a channel's fields.
const (
	ChannelNameMax    = 100
	ChannelSettingMax = 2000 // one setting's value, a URL or an ID
	ChannelKeyMax     = 8000 // a PEM private key
	ChannelErrorMax   = 500  // an attempt's error as stored
	ChannelSecretMin  = 16   // a webhook's signing secret
)

// ChannelField is one setting of a kind. Secret settings (webhook URLs,
// tokens, private keys) are sealed at rest and shown back only masked.
type ChannelField struct {
	Key      string
	Secret   bool
	Optional bool
	Check    string // "url", "emails", "digits", "pem", "secret" or "" (any text)
}

// channelFields are each kind's settings in form order.
var channelFields = map[ChannelKind][]ChannelField{
	ChannelEmail:    {{Key: "to", Check: "emails"}},
	ChannelSlack:    {{Key: "webhook_url", Secret: true, Check: "url"}},
	ChannelTeams:    {{Key: "webhook_url", Secret: true, Check: "url"}},
	ChannelChatwork: {{Key: "room_id", Check: "digits"}, {Key: "api_token", Secret: true}},
	ChannelLineWorks: {{Key: "bot_id"}, {Key: "channel_id", Optional: true}, {Key: "user_id", Optional: true},
		{Key: "client_id"}, {Key: "client_secret", Secret: true}, {Key: "service_account"}, {Key: "private_key", Secret: true, Check: "pem"}},
	ChannelLine:    {{Key: "to"}, {Key: "access_token", Secret: true}},
	ChannelWebhook: {{Key: "url", Secret: true, Check: "url"}, {Key: "signing_secret", Secret: true, Check: "secret"}},
}

// ChannelFieldsOf returns kind's settings in form order (nil: unknown kind).
func ChannelFieldsOf(k ChannelKind) []ChannelField { return channelFields[k] }

// AlertChannel is one place alerts go: a Slack channel, a mailing list, a
// vendor's webhook. Settings hold the plain settings; Secrets the secret
// ones in the clear, set only on the way in (a form) and out (delivery);
// Masked shows the stored secrets to people.
type AlertChannel struct {
	ID        int64
	Name      string
	Kind      ChannelKind
	Lang      string // "ja" or "en": the language messages to it are written in
	Settings  map[string]string
	Secrets   map[string]string
	Masked    map[string]string
	Enabled   bool
	CreatedAt time.Time
	UpdatedAt time.Time
}

// Setting returns a setting or secret by key, whichever holds it.
func (c *AlertChannel) Setting(key string) string {
	if v, ok := c.Secrets[key]; ok {
		return v
	}
	return c.Settings[key]
}

// Validate checks a channel as it is about to be stored; keep lists the
// secrets already stored, which an update may leave empty to keep.
func (c *AlertChannel) Validate(keep map[string]bool) error {
	c.Name = strings.TrimSpace(c.Name)
	switch {
	case c.Name == "":
		return FieldError("name", "error.required")
	case utf8.RuneCountInString(c.Name) > ChannelNameMax:
		return FieldError("name", "error.too_long")
	case !c.Kind.Valid():
		return FieldError("kind", "channel.error.kind")
	case c.Lang != "ja" && c.Lang != "en":
		return FieldError("lang", "channel.error.lang")
	}
	e := &Error{Code: EINVALID, Key: "error.fields", Message: "error.fields", Fields: map[string]string{}}
	// Only the kind's own settings are kept, each on its side.
	settings, secrets := map[string]string{}, map[string]string{}
	for _, f := range ChannelFieldsOf(c.Kind) {
		v := strings.TrimSpace(c.Setting(f.Key))
		if f.Check == "pem" {
			v = strings.ReplaceAll(v, "\r\n", "\n")
		}
		if f.Secret {
			secrets[f.Key] = v
		} else {
			settings[f.Key] = v
		}
		if v == "" {
			if !f.Optional && !(f.Secret && keep[f.Key]) {
				e.Fields[f.Key] = "error.required"
			}
			continue
		}
		if key := checkSetting(f, v); key != "" {
			e.Fields[f.Key] = key
		}
	}
	c.Settings, c.Secrets = settings, secrets
	if c.Kind == ChannelLineWorks && settings["channel_id"] == "" && settings["user_id"] == "" {
		e.Fields["channel_id"] = "channel.error.lineworks_target"
	}
	if len(e.Fields) > 0 {
		return e
	}
	return nil
}

// checkSetting returns the catalogue key of what is wrong with v, or "".
func checkSetting(f ChannelField, v string) string {
	limit := ChannelSettingMax
	if f.Check == "pem" {
		limit = ChannelKeyMax
	}
	if len(v) > limit {
		return "error.too_long"
	}
	switch f.Check {
	case "url":
		u, err := url.Parse(v)
		if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
			return "channel.error.url"
		}
	case "emails":
		for _, a := range SplitAddresses(v) {
			if _, err := mail.ParseAddress(a); err != nil {
				return "error.email_invalid"
			}
		}
	case "digits":
		if strings.Trim(v, "0123456789") != "" {
			return "channel.error.digits"
		}
	case "pem":
		if !strings.Contains(v, "-----BEGIN") {
			return "channel.error.pem"
		}
	case "secret":
		if len(v) < ChannelSecretMin {
			return "channel.error.secret_short"
		}
	}
	return ""
}

// SplitAddresses splits a list of e-mail addresses at commas, semicolons,
// spaces and line ends (as people paste them).
func SplitAddresses(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool {
		return r == ',' || r == ';' || r == ' ' || r == '\n' || r == '\r' || r == '\t' || r == '、'
	})
}

// MaskSecret shows enough of a secret to recognise it and not enough to
// use it: a URL keeps its scheme and host, anything else its last four
// characters, and short values or keys nothing.
func MaskSecret(v string) string {
	const dots = "••••••••"
	if strings.Contains(v, "-----BEGIN") {
		return dots + " (PEM)"
	}
	if u, err := url.Parse(v); err == nil && u.Scheme != "" && u.Host != "" {
		if len(v) < 24 {
			return u.Scheme + "://" + u.Host + "/" + dots
		}
		return u.Scheme + "://" + u.Host + "/" + dots + v[len(v)-4:]
	}
	if len(v) < 12 {
		return dots
	}
	return dots + v[len(v)-4:]
}

// ChannelHealth is what the latest delivery attempts say about a channel.
type ChannelHealth struct {
	LastAt     time.Time // zero before the first attempt
	LastOK     bool
	LastError  string
	FailStreak int // failed attempts in a row, up to now
}

// Failing reports whether the latest attempt failed: the channel is shown
// as failing until one succeeds.
func (h ChannelHealth) Failing() bool { return h.FailStreak > 0 }

// ChannelSummary is a channel on the list, with its health.
type ChannelSummary struct {
	Channel *AlertChannel
	Health  ChannelHealth
}

// Outcomes of a delivery attempt.
const (
	AttemptSent   = "sent"   // delivered
	AttemptRetry  = "retry"  // failed, the job tries again
	AttemptFailed = "failed" // failed for good
)

// NotifyAttempt is one try at delivering a message to a channel.
type NotifyAttempt struct {
	ID         int64
	ChannelID  int64
	JobID      int64
	Attempt    int // the job's attempt number
	At         time.Time
	Outcome    string
	HTTPStatus int // 0: no HTTP answer (mail, a connection error)
	Error      string
	Duration   time.Duration
	Severity   string
	Subject    string
}

// ChannelFilter selects channels for the list.
type ChannelFilter struct {
	Query  string
	Offset int
	Limit  int
}

// Audit actions and target of the alert channels.
const (
	AuditChannelCreate = "channel.create"
	AuditChannelUpdate = "channel.update"
	AuditChannelDelete = "channel.delete"
	AuditChannelTest   = "channel.test"
	TargetChannel      = "target.channel" // args: channel id
)

// ChannelService is the alert channels as administrators manage them.
type ChannelService interface {
	CreateChannel(ctx context.Context, c *AlertChannel) error
	// UpdateChannel changes a channel; an empty secret keeps the stored one.
	UpdateChannel(ctx context.Context, c *AlertChannel) error
	DeleteChannel(ctx context.Context, id int64) error
	// FindChannel returns a channel with its secrets masked, never in the clear.
	FindChannel(ctx context.Context, id int64) (*AlertChannel, ChannelHealth, error)
	FindChannels(ctx context.Context, f ChannelFilter) ([]*ChannelSummary, int, error)
	// FailingChannels lists the enabled channels whose latest attempt failed.
	FailingChannels(ctx context.Context, limit int) ([]*ChannelSummary, error)
	ChannelAttempts(ctx context.Context, channelID int64, offset, limit int) ([]*NotifyAttempt, int, error)
	JobAttempts(ctx context.Context, jobID int64) ([]*NotifyAttempt, error)
	// SendTest queues a JobNotifySend of msg to the channel and audits it;
	// it returns the job's ID.
	SendTest(ctx context.Context, id int64, msg NotifyMessage) (int64, error)
}

// ChannelDelivery is what the notify.send handler needs: no user in the
// context, it acts for the installation.
type ChannelDelivery interface {
	// ChannelForDelivery returns a channel with its secrets in the clear.
	ChannelForDelivery(ctx context.Context, id int64) (*AlertChannel, error)
	// RecordAttempt stores an attempt and moves the channel's health.
	RecordAttempt(ctx context.Context, a *NotifyAttempt) error
}

// ChannelStore is the alert channels' storage.
type ChannelStore interface {
	ChannelService
	ChannelDelivery
}
