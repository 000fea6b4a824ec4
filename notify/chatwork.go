package notify

import (
	"context"
	"net/http"
	"net/url"
	"strings"

	"hitori"
)

// Chatwork: API v2, POST /v2/rooms/{room_id}/messages with the form fields
// body and self_unread, the API token in X-ChatWorkToken; the answer is
// {"message_id": "…"}. Over the limit (300 requests per 5 minutes) it
// answers 429.
// https://developer.chatwork.com/reference/post-rooms-room_id-messages
// Message notation ([info][title]…[/title]…[/info]): https://developer.chatwork.com/docs/message-notation
func (n *Notifier) sendChatwork(ctx context.Context, c *hitori.AlertChannel, m hitori.NotifyMessage) (int, error) {
	room := c.Setting("room_id")
	if room == "" || strings.Trim(room, "0123456789") != "" {
		return 0, permanentf("chatwork: the room ID must be digits")
	}
	form := url.Values{"body": {chatworkBody(m)}, "self_unread": {"0"}}
	hdr := http.Header{"X-Chatworktoken": {c.Setting("api_token")}, "Accept": {"application/json"}}
	target := strings.TrimRight(n.Endpoints.Chatwork, "/") + "/v2/rooms/" + room + "/messages"
	status, _, err := n.post(ctx, target, "application/x-www-form-urlencoded", []byte(form.Encode()), hdr)
	return status, err
}

// chatworkBody frames m as an [info] box titled with the subject.
func chatworkBody(m hitori.NotifyMessage) string {
	var b strings.Builder
	b.WriteString("[info][title]" + m.Subject + "[/title]")
	if t := strings.TrimSpace(m.Text); t != "" {
		b.WriteString(cut(t, 10000))
	}
	if l := links(m); len(l) > 0 {
		b.WriteString("\n\n" + strings.Join(l, "\n"))
	}
	b.WriteString("[/info]")
	return b.String()
}
