package notify

import (
	"context"
	"encoding/json"
	"strings"

	"hitori"
)

// Slack: an incoming webhook, POST of {"text", "blocks"} as JSON; the
// answer is 200 "ok", or 400/403/404/410 with an error word such as
// invalid_payload or channel_not_found.
// https://api.slack.com/messaging/webhooks
// Block limits: https://api.slack.com/reference/block-kit/blocks
func (n *Notifier) sendSlack(ctx context.Context, c *hitori.AlertChannel, m hitori.NotifyMessage) (int, error) {
	body, err := json.Marshal(slackPayload(m))
	if err != nil {
		return 0, permanentf("slack: %v", err)
	}
	status, _, err := n.post(ctx, c.Setting("webhook_url"), "application/json", body, nil)
	return status, err
}

type slackText struct {
	Type string `json:"type"`
	Text string `json:"text"`
}

type slackBlock struct {
	Type     string         `json:"type"`
	Text     *slackText     `json:"text,omitempty"`
	Elements []slackElement `json:"elements,omitempty"`
}

type slackElement struct {
	Type  string    `json:"type"`
	Text  slackText `json:"text"`
	URL   string    `json:"url"`
	Style string    `json:"style,omitempty"`
}

// slackPayload shapes m: the subject as a header, the body as a section
// (escaped: Slack reads &, < and > as markup), the links as buttons, and
// the whole as plain text for notifications and old clients.
func slackPayload(m hitori.NotifyMessage) map[string]any {
	blocks := []slackBlock{{Type: "header", Text: &slackText{"plain_text", cut(m.Subject, 150)}}}
	if t := strings.TrimSpace(m.Text); t != "" {
		blocks = append(blocks, slackBlock{Type: "section", Text: &slackText{"mrkdwn", cut(slackEscape(t), 3000)}})
	}
	var buttons []slackElement
	if m.Link != "" {
		buttons = append(buttons, slackElement{Type: "button", Text: slackText{"plain_text", label(m, "open")}, URL: m.Link})
	}
	if m.AckLink != "" {
		buttons = append(buttons, slackElement{Type: "button", Text: slackText{"plain_text", label(m, "ack")}, URL: m.AckLink, Style: "primary"})
	}
	if len(buttons) > 0 {
		blocks = append(blocks, slackBlock{Type: "actions", Elements: buttons})
	}
	return map[string]any{"text": plainText(m, 3000), "blocks": blocks}
}

// slackEscape escapes the three characters Slack's mrkdwn treats as markup.
// https://api.slack.com/reference/surfaces/formatting#escaping
func slackEscape(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;").Replace(s)
}
