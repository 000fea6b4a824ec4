package sqlstore_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"hitori"
	"hitori/sqlstore"
	"hitori/sqlstore/storetest"
)

func channelAdmin(t *testing.T, db *sqlstore.DB, role hitori.Role) context.Context {
	t.Helper()
	u := &hitori.User{Email: string(role) + "@example.com", Name: string(role), Role: role}
	if err := db.Users().CreateUser(context.Background(), u, "password123"); err != nil {
		t.Fatal(err)
	}
	return hitori.NewContextWithUser(context.Background(), u)
}

const slackURL = "https://hooks.slack.com/services/T000/B000/SuperSecretWebhookToken"

func TestChannelSecretsSealedAndMasked(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := channelAdmin(t, db, hitori.RoleAdmin)
		s := db.Channels()
		c := &hitori.AlertChannel{Name: "運用 Slack", Kind: hitori.ChannelSlack, Lang: "ja", Enabled: true,
			Secrets: map[string]string{"webhook_url": slackURL}}
		if err := s.CreateChannel(ctx, c); err != nil {
			t.Fatal(err)
		}
		if c.Secrets != nil || !strings.HasPrefix(c.Masked["webhook_url"], "https://hooks.slack.com/") || strings.Contains(c.Masked["webhook_url"], "SuperSecret") {
			t.Errorf("after create: secrets %v masked %v", c.Secrets, c.Masked)
		}
		// Nothing in the database holds the secret in the clear.
		assertNotInDatabase(t, db, "SuperSecretWebhookToken")
		got, _, err := s.FindChannel(ctx, c.ID)
		if err != nil || got.Secrets != nil || got.Masked["webhook_url"] != c.Masked["webhook_url"] {
			t.Fatalf("FindChannel = %+v, %v", got, err)
		}
		list, total, err := s.FindChannels(ctx, hitori.ChannelFilter{Query: "slack"})
		if err != nil || total != 1 || list[0].Channel.Secrets != nil {
			t.Fatalf("FindChannels = %v, %d, %v", list, total, err)
		}
		full, err := s.ChannelForDelivery(context.Background(), c.ID)
		if err != nil || full.Setting("webhook_url") != slackURL {
			t.Fatalf("ChannelForDelivery = %v, %v", full, err)
		}
		// An update with the secret left empty keeps it; a new one replaces it.
		upd := &hitori.AlertChannel{ID: c.ID, Name: "運用 Slack 2", Lang: "en", Secrets: map[string]string{"webhook_url": ""}}
		if err := s.UpdateChannel(ctx, upd); err != nil {
			t.Fatal(err)
		}
		if full, _ = s.ChannelForDelivery(context.Background(), c.ID); full.Setting("webhook_url") != slackURL || full.Name != "運用 Slack 2" || full.Enabled {
			t.Errorf("after keeping update: %+v", full)
		}
		upd = &hitori.AlertChannel{ID: c.ID, Name: "運用 Slack 2", Lang: "en", Enabled: true, Secrets: map[string]string{"webhook_url": slackURL + "2"}}
		if err := s.UpdateChannel(ctx, upd); err != nil {
			t.Fatal(err)
		}
		if full, _ = s.ChannelForDelivery(context.Background(), c.ID); full.Setting("webhook_url") != slackURL+"2" {
			t.Errorf("after replacing update: %q", full.Setting("webhook_url"))
		}
		assertNotInDatabase(t, db, "SuperSecretWebhookToken")
	})
}

// assertNotInDatabase scans every column of the tables a channel touches for s.
func assertNotInDatabase(t *testing.T, db *sqlstore.DB, s string) {
	t.Helper()
	for _, table := range []string{"channels", "notify_attempts", "audit_events", "jobs"} {
		vals, err := db.ScanTableForTest(context.Background(), table)
		if err != nil {
			t.Fatal(err)
		}
		for _, v := range vals {
			if strings.Contains(v, s) {
				t.Errorf("%s holds %q in the clear: %.80s", table, s, v)
			}
		}
	}
}

func TestChannelValidationAndAccess(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		admin := channelAdmin(t, db, hitori.RoleAdmin)
		tech := channelAdmin(t, db, hitori.RoleTechnician)
		s := db.Channels()
		tests := []struct {
			name  string
			c     hitori.AlertChannel
			field string
		}{
			{"no name", hitori.AlertChannel{Kind: hitori.ChannelSlack, Lang: "ja", Secrets: map[string]string{"webhook_url": slackURL}}, "name"},
			{"unknown kind", hitori.AlertChannel{Name: "x", Kind: "pager", Lang: "ja"}, "kind"},
			{"bad language", hitori.AlertChannel{Name: "x", Kind: hitori.ChannelSlack, Lang: "fr"}, "lang"},
			{"no webhook", hitori.AlertChannel{Name: "x", Kind: hitori.ChannelSlack, Lang: "ja"}, "webhook_url"},
			{"not a URL", hitori.AlertChannel{Name: "x", Kind: hitori.ChannelTeams, Lang: "ja", Secrets: map[string]string{"webhook_url": "hooks/abc"}}, "webhook_url"},
			{"bad address", hitori.AlertChannel{Name: "x", Kind: hitori.ChannelEmail, Lang: "ja", Settings: map[string]string{"to": "ops@example.com, nope"}}, "to"},
			{"room not digits", hitori.AlertChannel{Name: "x", Kind: hitori.ChannelChatwork, Lang: "ja", Settings: map[string]string{"room_id": "rid12"}, Secrets: map[string]string{"api_token": "t"}}, "room_id"},
			{"short signing secret", hitori.AlertChannel{Name: "x", Kind: hitori.ChannelWebhook, Lang: "ja", Secrets: map[string]string{"url": "https://example.com/h", "signing_secret": "short"}}, "signing_secret"},
			{"LINE WORKS without a target", hitori.AlertChannel{Name: "x", Kind: hitori.ChannelLineWorks, Lang: "ja",
				Settings: map[string]string{"bot_id": "1", "client_id": "c", "service_account": "s"},
				Secrets:  map[string]string{"client_secret": "x", "private_key": "-----BEGIN PRIVATE KEY-----"}}, "channel_id"},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				c := tt.c
				err := s.CreateChannel(admin, &c)
				e, ok := hitori.AsError(err)
				if !ok || e.Code != hitori.EINVALID || e.Fields[tt.field] == "" {
					t.Fatalf("err = %v, want a field error on %s", err, tt.field)
				}
			})
		}
		ok := &hitori.AlertChannel{Name: "mail", Kind: hitori.ChannelEmail, Lang: "ja", Settings: map[string]string{"to": "ops@example.com"}}
		if err := s.CreateChannel(tech, ok); hitori.ErrorCode(err) != hitori.EFORBIDDEN {
			t.Errorf("technician create: %v, want forbidden", err)
		}
		if err := s.CreateChannel(admin, ok); err != nil {
			t.Fatal(err)
		}
		dup := &hitori.AlertChannel{Name: "MAIL", Kind: hitori.ChannelEmail, Lang: "ja", Settings: map[string]string{"to": "ops@example.com"}}
		if e, _ := hitori.AsError(s.CreateChannel(admin, dup)); e == nil || e.Fields["name"] != "channel.error.name_taken" {
			t.Errorf("duplicate name: %v", e)
		}
		if _, _, err := s.FindChannel(tech, ok.ID); hitori.ErrorCode(err) != hitori.EFORBIDDEN {
			t.Errorf("technician find: %v, want forbidden", err)
		}
		if err := s.DeleteChannel(admin, ok.ID); err != nil {
			t.Fatal(err)
		}
		if _, _, err := s.FindChannel(admin, ok.ID); hitori.ErrorCode(err) != hitori.ENOTFOUND {
			t.Errorf("after delete: %v", err)
		}
	})
}

func TestChannelAttemptsAndHealth(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := channelAdmin(t, db, hitori.RoleAdmin)
		s := db.Channels()
		c := &hitori.AlertChannel{Name: "vendor", Kind: hitori.ChannelEmail, Lang: "ja", Enabled: true, Settings: map[string]string{"to": "v@example.com"}}
		if err := s.CreateChannel(ctx, c); err != nil {
			t.Fatal(err)
		}
		at := time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)
		steps := []struct {
			outcome    string
			err        string
			wantStreak int
			failing    int
		}{
			{hitori.AttemptRetry, "HTTP 503", 1, 1},
			{hitori.AttemptFailed, "HTTP 404: channel_not_found", 2, 1},
			{hitori.AttemptSent, "", 0, 0},
			{hitori.AttemptRetry, "no answer", 1, 1},
		}
		for i, st := range steps {
			a := &hitori.NotifyAttempt{ChannelID: c.ID, JobID: 77, Attempt: i + 1, At: at.Add(time.Duration(i) * time.Minute),
				Outcome: st.outcome, HTTPStatus: 503, Error: st.err, Duration: 1500 * time.Millisecond, Severity: "down", Subject: "障害"}
			if err := s.RecordAttempt(context.Background(), a); err != nil {
				t.Fatal(err)
			}
			_, h, err := s.FindChannel(ctx, c.ID)
			if err != nil || h.FailStreak != st.wantStreak || h.LastError != st.err || !h.LastAt.Equal(a.At) || h.LastOK != (st.outcome == hitori.AttemptSent) {
				t.Fatalf("step %d: health %+v, %v", i, h, err)
			}
			failing, err := s.FailingChannels(ctx, 10)
			if err != nil || len(failing) != st.failing {
				t.Fatalf("step %d: failing %v, %v", i, failing, err)
			}
		}
		list, total, err := s.ChannelAttempts(ctx, c.ID, 0, 2)
		if err != nil || total != 4 || len(list) != 2 || list[0].Error != "no answer" || list[0].Duration != 1500*time.Millisecond || list[1].Outcome != hitori.AttemptSent {
			t.Fatalf("ChannelAttempts = %+v, %d, %v", list, total, err)
		}
		byJob, err := s.JobAttempts(ctx, 77)
		if err != nil || len(byJob) != 4 || byJob[0].Attempt != 1 {
			t.Fatalf("JobAttempts = %v, %v", byJob, err)
		}
		// A disabled channel is not reported as failing.
		upd := &hitori.AlertChannel{ID: c.ID, Name: c.Name, Lang: "ja", Settings: map[string]string{"to": "v@example.com"}}
		if err := s.UpdateChannel(ctx, upd); err != nil {
			t.Fatal(err)
		}
		if failing, _ := s.FailingChannels(ctx, 10); len(failing) != 0 {
			t.Errorf("disabled channel reported failing: %v", failing)
		}
		// The test button queues a notify.send job with severity test.
		id, err := s.SendTest(ctx, c.ID, hitori.NotifyMessage{Subject: "テスト", Lang: "ja"})
		if err != nil {
			t.Fatal(err)
		}
		jobs, err := db.Jobs().List(context.Background(), hitori.JobFilter{State: hitori.JobQueued, Kind: hitori.JobNotifySend})
		if err != nil || len(jobs) != 1 || jobs[0].ID != id || !strings.Contains(jobs[0].Payload, `"severity":"test"`) {
			t.Fatalf("queued = %v, %v", jobs, err)
		}
		if err := s.DeleteChannel(ctx, c.ID); err != nil {
			t.Fatal(err)
		}
		if n, _, _ := s.ChannelAttempts(ctx, c.ID, 0, 10); len(n) != 0 {
			t.Errorf("attempts outlived their channel: %v", n)
		}
	})
}
