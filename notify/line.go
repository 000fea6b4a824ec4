package notify

import (
	"context"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"

	"hitori"
)

// LINE Messaging API: push message, POST /v2/bot/message/push with
// {"to", "messages": [{"type": "text", "text"}]} (text up to 5,000
// characters) and the channel access token as a bearer token.
// https://developers.line.biz/en/reference/messaging-api/#send-push-message
// Every attempt of one job carries the same X-Line-Retry-Key, so a retry
// after a lost answer cannot send twice: LINE answers 409 to a key it has
// already accepted, which means delivered.
// https://developers.line.biz/en/docs/messaging-api/retrying-api-request/
func (n *Notifier) sendLine(ctx context.Context, c *hitori.AlertChannel, m hitori.NotifyMessage, d Delivery) (int, error) {
	payload := map[string]any{"to": c.Setting("to"),
		"messages": []any{map[string]string{"type": "text", "text": plainText(m, 5000)}}}
	body, err := json.Marshal(payload)
	if err != nil {
		return 0, permanentf("line: %v", err)
	}
	hdr := http.Header{"Authorization": {"Bearer " + c.Setting("access_token")}}
	if d.JobID != 0 {
		hdr.Set("X-Line-Retry-Key", retryKey(d.JobID, c.ID))
	}
	target := strings.TrimRight(n.Endpoints.Line, "/") + "/v2/bot/message/push"
	status, _, err := n.post(ctx, target, "application/json", body, hdr)
	if status == http.StatusConflict && d.JobID != 0 {
		return status, nil // an earlier attempt of this job was accepted
	}
	return status, err
}

// retryKey is a UUID-shaped key fixed by the job and channel.
func retryKey(jobID, channelID int64) string {
	h := sha256.Sum256(fmt.Appendf(nil, "hitori notify.send %d %d", jobID, channelID))
	h[6] = h[6]&0x0f | 0x40 // version 4 layout, as LINE's examples
	h[8] = h[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", h[0:4], h[4:6], h[6:8], h[8:10], h[10:16])
}
