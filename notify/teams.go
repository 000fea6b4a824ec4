package notify

import (
	"context"
	"encoding/json"
	"strings"

	"hitori"
)

// Microsoft Teams: a Workflows (Power Automate) webhook, "Post to a
// channel when a webhook request is received". Workflows take Adaptive
// Cards only (not the old connectors' MessageCard), wrapped as a message
// with one attachment; the answer is 202 Accepted.
// https://learn.microsoft.com/en-us/microsoftteams/platform/webhooks-and-connectors/how-to/connectors-using
// https://adaptivecards.io/explorer/
func (n *Notifier) sendTeams(ctx context.Context, c *hitori.AlertChannel, m hitori.NotifyMessage) (int, error) {
	body, err := json.Marshal(teamsPayload(m))
	if err != nil {
		return 0, permanentf("teams: %v", err)
	}
	status, _, err := n.post(ctx, c.Setting("webhook_url"), "application/json", body, nil)
	return status, err
}

// teamsColor colours the title by severity (Adaptive Card TextBlock colors).
var teamsColor = map[string]string{"down": "Attention", "escalation": "Attention", "reminder": "Warning", "up": "Good"}

// teamsPayload shapes m as an Adaptive Card 1.4 (what Teams renders).
func teamsPayload(m hitori.NotifyMessage) map[string]any {
	title := map[string]any{"type": "TextBlock", "text": m.Subject, "weight": "Bolder", "size": "Medium", "wrap": true}
	if col, ok := teamsColor[m.Severity]; ok {
		title["color"] = col
	}
	body := []any{title}
	if t := strings.TrimSpace(m.Text); t != "" {
		body = append(body, map[string]any{"type": "TextBlock", "text": cut(t, 10000), "wrap": true})
	}
	var actions []any
	if m.Link != "" {
		actions = append(actions, map[string]any{"type": "Action.OpenUrl", "title": label(m, "open"), "url": m.Link})
	}
	if m.AckLink != "" {
		actions = append(actions, map[string]any{"type": "Action.OpenUrl", "title": label(m, "ack"), "url": m.AckLink, "style": "positive"})
	}
	card := map[string]any{"$schema": "http://adaptivecards.io/schemas/adaptive-card.json", "type": "AdaptiveCard",
		"version": "1.4", "body": body}
	if len(actions) > 0 {
		card["actions"] = actions
	}
	return map[string]any{"type": "message", "attachments": []any{map[string]any{
		"contentType": "application/vnd.microsoft.card.adaptive", "contentUrl": nil, "content": card}}}
}
