// Package notify delivers alert messages to the channels administrators
// set up: e-mail, Slack, Microsoft Teams, Chatwork, LINE WORKS, LINE and a
// generic JSON webhook, one small file each. It runs hitori.JobNotifySend
// jobs (Handler), records every attempt, and tells the job engine which
// failures are worth retrying: timeouts, 429 (after its Retry-After) and
// 5xx are; other 4xx answers and broken settings are not.
package notify

import (
	"context"
	"fmt"
	"net/http"
	"sync"
	"time"

	"hitori"
	"hitori/mail"
)

// MailSender delivers a rendered message; *mail.Sender is one.
type MailSender interface {
	Send(ctx context.Context, m *mail.OutgoingMessage) error
}

// Endpoints are the services' API roots; tests point them at loopback.
type Endpoints struct {
	Chatwork      string // https://api.chatwork.com
	Line          string // https://api.line.me
	LineWorksAPI  string // https://www.worksapis.com
	LineWorksAuth string // https://auth.worksmobile.com
}

// DefaultEndpoints are the real services'.
var DefaultEndpoints = Endpoints{Chatwork: "https://api.chatwork.com", Line: "https://api.line.me",
	LineWorksAPI: "https://www.worksapis.com", LineWorksAuth: "https://auth.worksmobile.com"}

// Timeout bounds one delivery (a token request and the message together).
const Timeout = 20 * time.Second

// ResponseMax is the most of an answer read: enough for an error message,
// too little for a misbehaving server to fill memory.
const ResponseMax = 64 << 10

// Notifier sends messages. The zero value is not usable: use New.
type Notifier struct {
	HTTP      *http.Client
	Endpoints Endpoints
	// Mail sends the e-mail channels' messages; nil: e-mail channels fail
	// (permanently) with a message saying mail is not set up.
	Mail   MailSender
	From   mail.Address
	Domain string // of Message-IDs; empty: From's domain
	Now    func() time.Time

	mu     sync.Mutex
	tokens map[int64]cachedToken // LINE WORKS access tokens by channel
}

// New returns a Notifier with a client that follows no redirects (a
// webhook URL's secret must not travel to wherever it points) and the real
// services' endpoints.
func New() *Notifier {
	return &Notifier{
		HTTP: &http.Client{Timeout: Timeout, CheckRedirect: func(*http.Request, []*http.Request) error {
			return http.ErrUseLastResponse
		}},
		Endpoints: DefaultEndpoints,
		Now:       time.Now,
	}
}

// Delivery names one attempt, for the services' idempotency keys.
type Delivery struct {
	JobID   int64
	Attempt int
}

// Send delivers m to c once. It returns the HTTP status of the service's
// answer (0 without one) and a *Failure when the message did not go out.
func (n *Notifier) Send(ctx context.Context, c *hitori.AlertChannel, m hitori.NotifyMessage, d Delivery) (int, error) {
	ctx, cancel := context.WithTimeout(ctx, Timeout)
	defer cancel()
	if m.Lang != "ja" && m.Lang != "en" {
		m.Lang = c.Lang
	}
	switch c.Kind {
	case hitori.ChannelEmail:
		return 0, n.sendEmail(ctx, c, m, d)
	case hitori.ChannelSlack:
		return n.sendSlack(ctx, c, m)
	case hitori.ChannelTeams:
		return n.sendTeams(ctx, c, m)
	case hitori.ChannelChatwork:
		return n.sendChatwork(ctx, c, m)
	case hitori.ChannelLineWorks:
		return n.sendLineWorks(ctx, c, m)
	case hitori.ChannelLine:
		return n.sendLine(ctx, c, m, d)
	case hitori.ChannelWebhook:
		return n.sendWebhook(ctx, c, m, d)
	}
	return 0, permanentf("unknown channel kind %q", c.Kind)
}

func (n *Notifier) now() time.Time {
	if n.Now == nil {
		return time.Now()
	}
	return n.Now()
}

// Failure is why a message did not go out, and whether trying again can help.
type Failure struct {
	Status     int           // the service's HTTP status; 0 without an answer
	Permanent  bool          // a retry cannot help (4xx, broken settings)
	RetryAfter time.Duration // the service asked to wait this long (429)
	Msg        string
}

func (f *Failure) Error() string { return f.Msg }

func permanentf(format string, args ...any) *Failure {
	return &Failure{Permanent: true, Msg: fmt.Sprintf(format, args...)}
}

func retryablef(format string, args ...any) *Failure {
	return &Failure{Msg: fmt.Sprintf(format, args...)}
}
