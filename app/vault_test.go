package app

import (
	"context"
	"encoding/json"
	"testing"

	"hitori"
	"hitori/sqlstore"
	"hitori/sqlstore/storetest"
)

// TestVaultAlertReachesEveryChannel: an emergency alert (a recovery with
// emergency shares) goes to every enabled alert channel as a notify.send
// job besides the administrators' mail, and to no disabled one.
func TestVaultAlertReachesEveryChannel(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		st := db.Stores()
		admin := &hitori.User{Email: "admin@example.com", Name: "admin", Role: hitori.RoleAdmin}
		if err := st.Users.CreateUser(context.Background(), admin, "password123"); err != nil {
			t.Fatal(err)
		}
		ctx := hitori.NewContextWithUser(context.Background(), admin)
		on := &hitori.AlertChannel{Name: "ベンダー", Kind: hitori.ChannelWebhook, Lang: "ja", Enabled: true,
			Settings: map[string]string{}, Secrets: map[string]string{"url": "https://example.com/hook", "signing_secret": "receiver-secret-0123456789"}}
		off := &hitori.AlertChannel{Name: "止めた Slack", Kind: hitori.ChannelSlack, Lang: "ja", Enabled: false,
			Secrets: map[string]string{"webhook_url": "https://hooks.slack.com/services/T000/B000/XYZ"}}
		for _, c := range []*hitori.AlertChannel{on, off} {
			if err := st.Channels.CreateChannel(ctx, c); err != nil {
				t.Fatalf("channel %s: %v", c.Name, err)
			}
		}
		mailed := 0
		send := alsoToChannels(func(context.Context, string, string) error { mailed++; return nil }, st.Incidents, st.Jobs)
		if err := send(context.Background(), "[hitori] 金庫の緊急操作の通知", "recovered"); err != nil {
			t.Fatal(err)
		}
		jobs, err := st.Jobs.List(context.Background(), hitori.JobFilter{State: hitori.JobQueued, Kind: hitori.JobNotifySend})
		if err != nil {
			t.Fatal(err)
		}
		if mailed != 1 || len(jobs) != 1 {
			t.Fatalf("mailed %d, %d notify.send jobs; want 1 and 1", mailed, len(jobs))
		}
		var p hitori.NotifyPayload
		if err := json.Unmarshal([]byte(jobs[0].Payload), &p); err != nil || p.ChannelID != on.ID || p.Message.Subject != "[hitori] 金庫の緊急操作の通知" {
			t.Errorf("job payload %s (%v), want channel %d", jobs[0].Payload, err, on.ID)
		}
	})
}
