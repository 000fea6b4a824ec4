package notify

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"strings"

	"hitori"
)

// LINE WORKS: Bot API 2.0. A message goes to a talk room
// (POST /v1.0/bots/{botId}/channels/{channelId}/messages) or to one member
// (…/users/{userId}/messages) as {"content": {"type": "text", "text"}},
// with an access token as a bearer token; the answer is 201.
// https://developers.worksmobile.com/jp/reference/bot-channel-message-send
// https://developers.worksmobile.com/jp/reference/bot-user-message-send
// The token comes from service-account authentication (lineworks_jwt.go).
func (n *Notifier) sendLineWorks(ctx context.Context, c *hitori.AlertChannel, m hitori.NotifyMessage) (int, error) {
	token, err := n.lineWorksToken(ctx, c)
	if err != nil {
		return 0, err
	}
	bot := url.PathEscape(c.Setting("bot_id"))
	target := strings.TrimRight(n.Endpoints.LineWorksAPI, "/") + "/v1.0/bots/" + bot
	if ch := c.Setting("channel_id"); ch != "" {
		target += "/channels/" + url.PathEscape(ch) + "/messages"
	} else {
		target += "/users/" + url.PathEscape(c.Setting("user_id")) + "/messages"
	}
	body, err := json.Marshal(map[string]any{"content": map[string]string{"type": "text", "text": plainText(m, 2000)}})
	if err != nil {
		return 0, permanentf("lineworks: %v", err)
	}
	hdr := http.Header{"Authorization": {"Bearer " + token}}
	status, _, err := n.post(ctx, target, "application/json", body, hdr)
	if status == http.StatusUnauthorized {
		// The token was revoked or expired early: the next attempt fetches a new one.
		n.forgetToken(c.ID)
		if f, ok := err.(*Failure); ok {
			f.Permanent = false
		}
	}
	return status, err
}
