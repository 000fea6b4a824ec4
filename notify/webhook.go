package notify

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"net/http"
	"strconv"

	"hitori"
)

// WebhookPayload is what the generic webhook POSTs, as JSON (docs/notify.md).
type WebhookPayload struct {
	Event      string `json:"event"` // always "notify"
	Delivery   string `json:"delivery"`
	ChannelID  int64  `json:"channel_id"`
	Subject    string `json:"subject"`
	Text       string `json:"text"`
	Link       string `json:"link,omitempty"`
	AckLink    string `json:"ack_link,omitempty"`
	Severity   string `json:"severity,omitempty"`
	Lang       string `json:"lang"`
	IncidentID int64  `json:"incident_id,omitempty"`
	SentAt     string `json:"sent_at"` // RFC 3339, UTC
}

// Headers of the generic webhook. The signature is
// "sha256=" + hex(HMAC-SHA256(signing secret, timestamp + "." + body)):
// the receiver recomputes it over the raw body it read, compares in
// constant time and refuses timestamps more than a few minutes old.
const (
	HeaderSignature = "X-Hitori-Signature"
	HeaderTimestamp = "X-Hitori-Timestamp"
	HeaderDelivery  = "X-Hitori-Delivery" // the same on every retry: the receiver's idempotency key
	HeaderEvent     = "X-Hitori-Event"
)

// Sign returns the signature header's value for body sent at timestamp.
func Sign(secret, timestamp string, body []byte) string {
	mac := hmac.New(sha256.New, []byte(secret))
	mac.Write([]byte(timestamp))
	mac.Write([]byte("."))
	mac.Write(body)
	return "sha256=" + hex.EncodeToString(mac.Sum(nil))
}

// Verify reports whether signature is body's at timestamp under secret.
func Verify(secret, timestamp string, body []byte, signature string) bool {
	return hmac.Equal([]byte(Sign(secret, timestamp, body)), []byte(signature))
}

func (n *Notifier) sendWebhook(ctx context.Context, c *hitori.AlertChannel, m hitori.NotifyMessage, d Delivery) (int, error) {
	now := n.now().UTC()
	delivery := strconv.FormatInt(c.ID, 10) + "-" + strconv.FormatInt(d.JobID, 10)
	body, err := json.Marshal(WebhookPayload{Event: "notify", Delivery: delivery, ChannelID: c.ID, Subject: m.Subject,
		Text: m.Text, Link: m.Link, AckLink: m.AckLink, Severity: m.Severity, Lang: m.Lang, IncidentID: m.IncidentID,
		SentAt: now.Format("2006-01-02T15:04:05Z")})
	if err != nil {
		return 0, permanentf("webhook: %v", err)
	}
	ts := strconv.FormatInt(now.Unix(), 10)
	hdr := http.Header{HeaderTimestamp: {ts}, HeaderSignature: {Sign(c.Setting("signing_secret"), ts, body)},
		HeaderDelivery: {delivery}, HeaderEvent: {"notify"}}
	status, _, err := n.post(ctx, c.Setting("url"), "application/json", body, hdr)
	return status, err
}
