package notify

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	"hitori"
	"hitori/mail"
)

func TestClassification(t *testing.T) {
	tests := []struct {
		name       string
		status     int
		hdr        http.Header
		body       string
		permanent  bool
		retryAfter time.Duration
		ok         bool
	}{
		{"200 ok", 200, nil, "ok", false, 0, true},
		{"202 accepted (Teams)", 202, nil, "", false, 0, true},
		{"201 created (LINE WORKS)", 201, nil, "{}", false, 0, true},
		{"429 with seconds", 429, http.Header{"Retry-After": {"120"}}, "rate_limited", false, 2 * time.Minute, false},
		{"429 with a date", 429, http.Header{"Retry-After": {fixedNow.Add(90 * time.Second).Format(http.TimeFormat)}}, "", false, 90 * time.Second, false},
		{"429 without Retry-After", 429, nil, "", false, 0, false},
		{"429 with rubbish", 429, http.Header{"Retry-After": {"soon"}}, "", false, 0, false},
		{"500", 500, nil, "oops", false, 0, false},
		{"503 with Retry-After", 503, http.Header{"Retry-After": {"5"}}, "", false, 0, false},
		{"408", 408, nil, "", false, 0, false},
		{"400 invalid_payload", 400, nil, "invalid_payload", true, 0, false},
		{"401", 401, nil, "", true, 0, false},
		{"403 action_prohibited", 403, nil, "action_prohibited", true, 0, false},
		{"404 channel_not_found", 404, nil, "channel_not_found", true, 0, false},
		{"410 channel_is_archived", 410, nil, "channel_is_archived", true, 0, false},
		{"302 not followed", 302, http.Header{"Location": {"/elsewhere"}}, "", true, 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rc := newReceiver(t)
			rc.answer = func(*http.Request) (int, http.Header, string) { return tt.status, tt.hdr, tt.body }
			c := &hitori.AlertChannel{ID: 1, Kind: hitori.ChannelSlack, Lang: "en", Secrets: map[string]string{"webhook_url": rc.srv.URL + "/services/T/B/secretpart"}}
			status, err := testNotifier(rc).Send(context.Background(), c, testMessage, Delivery{JobID: 1})
			if status != tt.status {
				t.Errorf("status = %d, want %d", status, tt.status)
			}
			if tt.ok {
				if err != nil {
					t.Fatalf("err = %v, want nil", err)
				}
				return
			}
			var f *Failure
			if !errors.As(err, &f) {
				t.Fatalf("err = %v, want a *Failure", err)
			}
			if f.Permanent != tt.permanent || f.RetryAfter != tt.retryAfter || f.Status != tt.status {
				t.Errorf("failure = %+v, want permanent %v, retry after %v", f, tt.permanent, tt.retryAfter)
			}
			if tt.body != "" && !strings.Contains(f.Msg, tt.body) {
				t.Errorf("message %q lacks the answer %q", f.Msg, tt.body)
			}
		})
	}
}

func TestNoAnswerIsRetryableAndHidesTheURL(t *testing.T) {
	rc := newReceiver(t)
	target := rc.srv.URL + "/services/T/B/secretpart"
	rc.srv.Close() // nobody listens any more
	c := &hitori.AlertChannel{ID: 1, Kind: hitori.ChannelSlack, Secrets: map[string]string{"webhook_url": target}}
	_, err := testNotifier(rc).Send(context.Background(), c, testMessage, Delivery{})
	var f *Failure
	if !errors.As(err, &f) || f.Permanent {
		t.Fatalf("err = %#v, want a retryable failure", err)
	}
	if strings.Contains(f.Msg, "secretpart") || strings.Contains(f.Msg, rc.srv.URL) {
		t.Errorf("the error shows the webhook URL: %q", f.Msg)
	}
}

func TestLineConflictMeansDelivered(t *testing.T) {
	rc := newReceiver(t)
	rc.answer = func(*http.Request) (int, http.Header, string) {
		return 409, nil, `{"message":"The retry key is already accepted"}`
	}
	c := &hitori.AlertChannel{ID: 3, Kind: hitori.ChannelLine, Settings: map[string]string{"to": "U1"}, Secrets: map[string]string{"access_token": "t"}}
	if _, err := testNotifier(rc).Send(context.Background(), c, testMessage, Delivery{JobID: 5, Attempt: 2}); err != nil {
		t.Errorf("409 to a retried key: %v, want delivered", err)
	}
	if _, err := testNotifier(rc).Send(context.Background(), c, testMessage, Delivery{}); err == nil {
		t.Error("409 without a retry key counted as delivered")
	}
}

func TestLineWorksTokenIsCachedAndRenewed(t *testing.T) {
	_, keyPEM := testKey(t)
	rc := newReceiver(t)
	tokens, sends := 0, 0
	rc.answer = func(r *http.Request) (int, http.Header, string) {
		if r.URL.Path == "/oauth2/v2.0/token" {
			tokens++
			return 200, nil, `{"access_token":"tok` + string(rune('0'+tokens)) + `","expires_in":"86400"}`
		}
		sends++
		if sends == 2 {
			return 401, nil, `{"code":"UNAUTHORIZED"}`
		}
		return 201, nil, `{}`
	}
	now := fixedNow
	n := testNotifier(rc)
	n.Now = func() time.Time { return now }
	c := &hitori.AlertChannel{ID: 4, Kind: hitori.ChannelLineWorks, Lang: "en",
		Settings: map[string]string{"bot_id": "1", "user_id": "taro@example", "client_id": "c", "service_account": "s"},
		Secrets:  map[string]string{"client_secret": "x", "private_key": keyPEM}}
	send := func() error {
		_, err := n.Send(context.Background(), c, testMessage, Delivery{})
		return err
	}
	steps := []struct {
		name       string
		advance    time.Duration
		wantErr    bool
		wantTokens int
	}{
		{"first send fetches a token", 0, false, 1},
		{"a 401 is retryable and forgets the token", time.Minute, true, 1},
		{"the retry fetches a new one", time.Minute, false, 2},
		{"within its life it is reused", 23 * time.Hour, false, 2},
		{"five minutes before it ends it is renewed", 56 * time.Minute, false, 3},
	}
	for _, s := range steps {
		now = now.Add(s.advance)
		err := send()
		var f *Failure
		if (err != nil) != s.wantErr || (err != nil && (!errors.As(err, &f) || f.Permanent)) {
			t.Fatalf("%s: err = %v", s.name, err)
		}
		if tokens != s.wantTokens {
			t.Fatalf("%s: %d token requests, want %d", s.name, tokens, s.wantTokens)
		}
	}
	r, _ := rc.last("/v1.0/bots/1/users/taro@example/messages")
	want(t, "user message auth", r.Header.Get("Authorization"), "Bearer tok3")
}

func TestLineWorksBadKeyIsPermanent(t *testing.T) {
	rc := newReceiver(t)
	c := &hitori.AlertChannel{ID: 4, Kind: hitori.ChannelLineWorks,
		Settings: map[string]string{"bot_id": "1", "channel_id": "c"}, Secrets: map[string]string{"private_key": "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----"}}
	_, err := testNotifier(rc).Send(context.Background(), c, testMessage, Delivery{})
	var f *Failure
	if !errors.As(err, &f) || !f.Permanent {
		t.Fatalf("err = %v, want permanent", err)
	}
}

type fakeMail struct{ sent []*mail.OutgoingMessage }

func (m *fakeMail) Send(_ context.Context, msg *mail.OutgoingMessage) error {
	m.sent = append(m.sent, msg)
	return nil
}

func TestEmail(t *testing.T) {
	c := &hitori.AlertChannel{ID: 2, Kind: hitori.ChannelEmail, Lang: "en", Settings: map[string]string{"to": "ops@example.co.jp, vendor@example.com"}}
	n := New()
	n.Now = func() time.Time { return fixedNow }
	_, err := n.Send(context.Background(), c, testMessage, Delivery{JobID: 8})
	var f *Failure
	if !errors.As(err, &f) || !f.Permanent {
		t.Fatalf("without mail: %v, want a permanent failure", err)
	}
	fm := &fakeMail{}
	n.Mail, n.From = fm, mail.Address{Name: "hitori", Email: "helpdesk@example.co.jp"}
	if _, err := n.Send(context.Background(), c, testMessage, Delivery{JobID: 8}); err != nil {
		t.Fatal(err)
	}
	m := fm.sent[0]
	want(t, "recipients", strings.Join(m.Recipients(), ","), "ops@example.co.jp,vendor@example.com")
	want(t, "subject", m.Subject, testMessage.Subject)
	want(t, "auto-submitted", m.AutoSubmitted, "auto-generated")
	want(t, "message id", m.MessageID, "hitori.notify.2.8.7@example.co.jp")
	if !strings.Contains(m.Text, "確認済みにする: "+testMessage.AckLink) {
		t.Errorf("text lacks the acknowledge link: %q", m.Text)
	}
	en := testMessage
	en.Lang = ""
	n.Send(context.Background(), c, en, Delivery{JobID: 9})
	if !strings.Contains(fm.sent[1].Text, "Acknowledge: "+testMessage.AckLink) {
		t.Errorf("a message without a language is not in the channel's: %q", fm.sent[1].Text)
	}
}

func TestRedact(t *testing.T) {
	c := &hitori.AlertChannel{Secrets: map[string]string{"webhook_url": "https://hooks.example/services/T/B/abcdef?x=1", "short": "abc"}}
	got := Redact("bad https://hooks.example/services/T/B/abcdef?x=1 and https://hooks.example/services/T/B/abcdef abc", c)
	if strings.Contains(got, "abcdef") {
		t.Errorf("Redact left a secret: %q", got)
	}
	if !strings.HasSuffix(got, " abc") {
		t.Errorf("Redact removed a short non-secret word: %q", got)
	}
}

func TestPlainTextKeepsLinksWhenCut(t *testing.T) {
	m := testMessage
	m.Text = strings.Repeat("長", 6000)
	s := plainText(m, 5000)
	if n := len([]rune(s)); n > 5000 {
		t.Errorf("%d characters, want at most 5000", n)
	}
	if !strings.HasSuffix(s, m.AckLink) {
		t.Error("the acknowledge link was cut off")
	}
}
