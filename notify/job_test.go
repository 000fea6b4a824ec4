package notify_test

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"time"

	"hitori"
	"hitori/jobs"
	"hitori/notify"
	"hitori/sqlstore"
	"hitori/sqlstore/storetest"
)

// TestHandlerRecordsAttempts runs the notify.send handler against a real
// store and a local receiver: every attempt is recorded with its outcome,
// and the engine is told to retry (after Retry-After) or give up.
func TestHandlerRecordsAttempts(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		var status int
		var retry string
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if retry != "" {
				w.Header().Set("Retry-After", retry)
			}
			w.WriteHeader(status)
			w.Write([]byte("answer"))
		}))
		t.Cleanup(srv.Close)
		admin := &hitori.User{Email: "admin@example.com", Name: "admin", Role: hitori.RoleAdmin}
		if err := db.Users().CreateUser(context.Background(), admin, "password123"); err != nil {
			t.Fatal(err)
		}
		ctx := hitori.NewContextWithUser(context.Background(), admin)
		c := &hitori.AlertChannel{Name: "hook", Kind: hitori.ChannelWebhook, Lang: "en", Enabled: true,
			Secrets: map[string]string{"url": srv.URL + "/in/TOKEN-in-path-123", "signing_secret": "0123456789abcdef0123"}}
		if err := db.Channels().CreateChannel(ctx, c); err != nil {
			t.Fatal(err)
		}
		at := time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
		h := &notify.Handler{Store: db.Channels(), Notifier: notify.New(), Now: func() time.Time { return at }}
		payload, _ := json.Marshal(hitori.NotifyPayload{ChannelID: c.ID, Message: hitori.NotifyMessage{Subject: "down", Severity: "down"}})
		tests := []struct {
			name       string
			status     int
			retry      string
			attempt    int
			outcome    string
			permanent  bool
			retryAfter bool
		}{
			{"delivered", 200, "", 1, hitori.AttemptSent, false, false},
			{"rate limited", 429, "30", 1, hitori.AttemptRetry, false, true},
			{"service fault", 502, "", 2, hitori.AttemptRetry, false, false},
			{"service fault on the last attempt", 500, "", 10, hitori.AttemptFailed, false, false},
			{"refused", 403, "", 1, hitori.AttemptFailed, true, false},
		}
		for i, tt := range tests {
			status, retry = tt.status, tt.retry
			j := &hitori.Job{ID: int64(100 + i), Kind: hitori.JobNotifySend, Payload: string(payload), Attempts: tt.attempt, MaxAttempts: 10}
			err := h.Job(context.Background(), j)
			if (err == nil) != (tt.outcome == hitori.AttemptSent) || jobs.IsPermanent(err) != tt.permanent {
				t.Fatalf("%s: err = %v", tt.name, err)
			}
			var f *notify.Failure
			if err != nil && (!errors.As(err, &f) || (f.RetryAfter == 30*time.Second) != tt.retryAfter) {
				t.Errorf("%s: failure %+v", tt.name, f)
			}
			got, err := db.Channels().JobAttempts(ctx, j.ID)
			if err != nil || len(got) != 1 {
				t.Fatalf("%s: attempts %v, %v", tt.name, got, err)
			}
			a := got[0]
			if a.Outcome != tt.outcome || a.HTTPStatus != tt.status || a.Attempt != tt.attempt || !a.At.Equal(at) || a.Severity != "down" {
				t.Errorf("%s: attempt %+v", tt.name, a)
			}
			if tt.status != 200 && (a.Error == "" || containsAny(a.Error, "TOKEN-in-path-123", srv.URL)) {
				t.Errorf("%s: error text %q", tt.name, a.Error)
			}
		}
		// A deleted channel's job fails for good; a malformed payload too.
		if err := db.Channels().DeleteChannel(ctx, c.ID); err != nil {
			t.Fatal(err)
		}
		for _, p := range []string{string(payload), `{"channel_id": "x"`} {
			if err := h.Job(context.Background(), &hitori.Job{ID: 200, Payload: p, Attempts: 1, MaxAttempts: 10}); !jobs.IsPermanent(err) {
				t.Errorf("payload %s: %v, want permanent", p, err)
			}
		}
	})
}

func containsAny(s string, subs ...string) bool {
	return slices.ContainsFunc(subs, func(x string) bool { return strings.Contains(s, x) })
}
