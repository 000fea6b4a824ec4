package notify

import (
	"context"
	"crypto"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/x509"
	"encoding/base64"
	"encoding/json"
	"encoding/pem"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"hitori"
)

// receiver is a local stand-in for a service: it records each request and
// answers with the status the test sets.
type receiver struct {
	t      *testing.T
	srv    *httptest.Server
	mu     sync.Mutex
	got    []*http.Request
	bodies [][]byte
	answer func(r *http.Request) (int, http.Header, string)
}

func newReceiver(t *testing.T) *receiver {
	rc := &receiver{t: t}
	rc.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		rc.mu.Lock()
		rc.got, rc.bodies = append(rc.got, r), append(rc.bodies, b)
		answer := rc.answer
		rc.mu.Unlock()
		status, hdr, body := 200, http.Header{}, "ok"
		if answer != nil {
			status, hdr, body = answer(r)
		}
		for k, v := range hdr {
			w.Header()[k] = v
		}
		w.WriteHeader(status)
		io.WriteString(w, body)
	}))
	t.Cleanup(rc.srv.Close)
	return rc
}

// last returns the newest request to path and its body.
func (rc *receiver) last(path string) (*http.Request, []byte) {
	rc.t.Helper()
	rc.mu.Lock()
	defer rc.mu.Unlock()
	for i := len(rc.got) - 1; i >= 0; i-- {
		if rc.got[i].URL.Path == path {
			return rc.got[i], rc.bodies[i]
		}
	}
	rc.t.Fatalf("no request to %s", path)
	return nil, nil
}

var fixedNow = time.Date(2026, 12, 1, 3, 4, 5, 0, time.UTC)

func testNotifier(rc *receiver) *Notifier {
	n := New()
	n.Now = func() time.Time { return fixedNow }
	n.Endpoints = Endpoints{Chatwork: rc.srv.URL, Line: rc.srv.URL, LineWorksAPI: rc.srv.URL, LineWorksAuth: rc.srv.URL}
	return n
}

var testMessage = hitori.NotifyMessage{Subject: "メールサーバー停止", Text: "mail.example.co.jp が応答しません <#1>", Link: "https://hitori.example/incidents/7",
	AckLink: "https://hitori.example/incidents/7/ack?t=x", Severity: "down", Lang: "ja", IncidentID: 7}

func decodeJSON(t *testing.T, b []byte) map[string]any {
	t.Helper()
	var v map[string]any
	if err := json.Unmarshal(b, &v); err != nil {
		t.Fatalf("body is not JSON: %v: %s", err, b)
	}
	return v
}

// path walks a decoded JSON value: keys for objects, indexes for arrays.
func path(v any, steps ...any) any {
	for _, s := range steps {
		switch k := s.(type) {
		case string:
			m, _ := v.(map[string]any)
			v = m[k]
		case int:
			a, _ := v.([]any)
			if k >= len(a) {
				return nil
			}
			v = a[k]
		}
	}
	return v
}

func want(t *testing.T, what string, got, wantv any) {
	t.Helper()
	if got != wantv {
		t.Errorf("%s = %#v, want %#v", what, got, wantv)
	}
}

func testKey(t *testing.T) (*rsa.PrivateKey, string) {
	t.Helper()
	k, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	der, _ := x509.MarshalPKCS8PrivateKey(k)
	return k, string(pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der}))
}

func TestProvidersPayloads(t *testing.T) {
	key, keyPEM := testKey(t)
	tests := []struct {
		kind     hitori.ChannelKind
		settings func(base string) (map[string]string, map[string]string)
		path     string // where the message goes
		check    func(t *testing.T, r *http.Request, body []byte)
	}{
		{hitori.ChannelSlack, func(base string) (map[string]string, map[string]string) {
			return nil, map[string]string{"webhook_url": base + "/services/T0/B0/XXXX"}
		}, "/services/T0/B0/XXXX", func(t *testing.T, r *http.Request, body []byte) {
			want(t, "Content-Type", r.Header.Get("Content-Type"), "application/json")
			v := decodeJSON(t, body)
			if s, _ := v["text"].(string); !strings.HasPrefix(s, "メールサーバー停止") || !strings.Contains(s, "確認済みにする: https://hitori.example/incidents/7/ack?t=x") {
				t.Errorf("text = %q", s)
			}
			want(t, "header block", path(v, "blocks", 0, "type"), "header")
			want(t, "header text type", path(v, "blocks", 0, "text", "type"), "plain_text")
			want(t, "header text", path(v, "blocks", 0, "text", "text"), "メールサーバー停止")
			want(t, "section mrkdwn", path(v, "blocks", 1, "text", "type"), "mrkdwn")
			want(t, "section escaped", path(v, "blocks", 1, "text", "text"), "mail.example.co.jp が応答しません &lt;#1&gt;")
			want(t, "actions", path(v, "blocks", 2, "type"), "actions")
			want(t, "open button", path(v, "blocks", 2, "elements", 0, "url"), "https://hitori.example/incidents/7")
			want(t, "open label", path(v, "blocks", 2, "elements", 0, "text", "text"), "詳細を開く")
			want(t, "ack button", path(v, "blocks", 2, "elements", 1, "url"), "https://hitori.example/incidents/7/ack?t=x")
			want(t, "ack style", path(v, "blocks", 2, "elements", 1, "style"), "primary")
		}},
		{hitori.ChannelTeams, func(base string) (map[string]string, map[string]string) {
			return nil, map[string]string{"webhook_url": base + "/workflows/abc/triggers/manual/paths/invoke?sig=s3cret"}
		}, "/workflows/abc/triggers/manual/paths/invoke", func(t *testing.T, r *http.Request, body []byte) {
			want(t, "Content-Type", r.Header.Get("Content-Type"), "application/json")
			want(t, "sig kept", r.URL.Query().Get("sig"), "s3cret")
			v := decodeJSON(t, body)
			want(t, "type", v["type"], "message")
			want(t, "contentType", path(v, "attachments", 0, "contentType"), "application/vnd.microsoft.card.adaptive")
			if _, ok := path(v, "attachments", 0).(map[string]any)["contentUrl"]; !ok {
				t.Error("contentUrl missing (null expected)")
			}
			card := path(v, "attachments", 0, "content")
			want(t, "card type", path(card, "type"), "AdaptiveCard")
			want(t, "card version", path(card, "version"), "1.4")
			want(t, "card schema", path(card, "$schema"), "http://adaptivecards.io/schemas/adaptive-card.json")
			want(t, "title", path(card, "body", 0, "text"), "メールサーバー停止")
			want(t, "title colour", path(card, "body", 0, "color"), "Attention")
			want(t, "title wraps", path(card, "body", 0, "wrap"), true)
			want(t, "text", path(card, "body", 1, "text"), "mail.example.co.jp が応答しません <#1>")
			want(t, "open action", path(card, "actions", 0, "type"), "Action.OpenUrl")
			want(t, "open url", path(card, "actions", 0, "url"), "https://hitori.example/incidents/7")
			want(t, "ack title", path(card, "actions", 1, "title"), "確認済みにする")
		}},
		{hitori.ChannelChatwork, func(string) (map[string]string, map[string]string) {
			return map[string]string{"room_id": "123456"}, map[string]string{"api_token": "cw-token-0123456789"}
		}, "/v2/rooms/123456/messages", func(t *testing.T, r *http.Request, body []byte) {
			want(t, "token", r.Header.Get("X-ChatWorkToken"), "cw-token-0123456789")
			want(t, "Content-Type", r.Header.Get("Content-Type"), "application/x-www-form-urlencoded")
			f, err := url.ParseQuery(string(body))
			if err != nil {
				t.Fatal(err)
			}
			want(t, "self_unread", f.Get("self_unread"), "0")
			b := f.Get("body")
			if !strings.HasPrefix(b, "[info][title]メールサーバー停止[/title]mail.example.co.jp") || !strings.HasSuffix(b, "確認済みにする: https://hitori.example/incidents/7/ack?t=x[/info]") {
				t.Errorf("body = %q", b)
			}
		}},
		{hitori.ChannelLine, func(string) (map[string]string, map[string]string) {
			return map[string]string{"to": "U0123456789abcdef0123456789abcdef"}, map[string]string{"access_token": "line-token-0123456789"}
		}, "/v2/bot/message/push", func(t *testing.T, r *http.Request, body []byte) {
			want(t, "auth", r.Header.Get("Authorization"), "Bearer line-token-0123456789")
			want(t, "retry key", r.Header.Get("X-Line-Retry-Key"), retryKey(42, 9))
			if k := r.Header.Get("X-Line-Retry-Key"); len(k) != 36 || k[14] != '4' {
				t.Errorf("retry key %q is not a UUID v4 layout", k)
			}
			v := decodeJSON(t, body)
			want(t, "to", v["to"], "U0123456789abcdef0123456789abcdef")
			want(t, "message type", path(v, "messages", 0, "type"), "text")
			if s, _ := path(v, "messages", 0, "text").(string); !strings.HasPrefix(s, "メールサーバー停止\n\n") || !strings.Contains(s, "詳細: https://hitori.example/incidents/7") {
				t.Errorf("text = %q", s)
			}
		}},
		{hitori.ChannelLineWorks, func(string) (map[string]string, map[string]string) {
			return map[string]string{"bot_id": "2000001", "channel_id": "ch-1", "client_id": "cid", "service_account": "abc.serviceaccount@example"},
				map[string]string{"client_secret": "csecret-0123", "private_key": keyPEM}
		}, "/v1.0/bots/2000001/channels/ch-1/messages", func(t *testing.T, r *http.Request, body []byte) {
			want(t, "auth", r.Header.Get("Authorization"), "Bearer lw-access-token")
			v := decodeJSON(t, body)
			want(t, "content type", path(v, "content", "type"), "text")
			if s, _ := path(v, "content", "text").(string); !strings.HasPrefix(s, "メールサーバー停止") {
				t.Errorf("text = %q", s)
			}
		}},
		{hitori.ChannelWebhook, func(base string) (map[string]string, map[string]string) {
			return nil, map[string]string{"url": base + "/hook", "signing_secret": "0123456789abcdef-secret"}
		}, "/hook", func(t *testing.T, r *http.Request, body []byte) {
			ts := r.Header.Get(HeaderTimestamp)
			want(t, "timestamp", ts, "1796094245")
			if !Verify("0123456789abcdef-secret", ts, body, r.Header.Get(HeaderSignature)) {
				t.Errorf("signature %q does not verify", r.Header.Get(HeaderSignature))
			}
			if Verify("another-secret-0123456", ts, body, r.Header.Get(HeaderSignature)) {
				t.Error("signature verifies under another secret")
			}
			want(t, "delivery", r.Header.Get(HeaderDelivery), "9-42")
			want(t, "event", r.Header.Get(HeaderEvent), "notify")
			var p WebhookPayload
			if err := json.Unmarshal(body, &p); err != nil {
				t.Fatal(err)
			}
			wantp := WebhookPayload{Event: "notify", Delivery: "9-42", ChannelID: 9, Subject: testMessage.Subject, Text: testMessage.Text,
				Link: testMessage.Link, AckLink: testMessage.AckLink, Severity: "down", Lang: "ja", IncidentID: 7, SentAt: "2026-12-01T03:04:05Z"}
			if p != wantp {
				t.Errorf("payload = %+v, want %+v", p, wantp)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(string(tt.kind), func(t *testing.T) {
			rc := newReceiver(t)
			rc.answer = func(r *http.Request) (int, http.Header, string) {
				if r.URL.Path == "/oauth2/v2.0/token" {
					return 200, http.Header{"Content-Type": {"application/json"}},
						`{"access_token":"lw-access-token","refresh_token":"r","scope":"bot","token_type":"Bearer","expires_in":"86400"}`
				}
				return 200, nil, "ok"
			}
			settings, secrets := tt.settings(rc.srv.URL)
			c := &hitori.AlertChannel{ID: 9, Kind: tt.kind, Lang: "ja", Settings: settings, Secrets: secrets, Enabled: true}
			status, err := testNotifier(rc).Send(context.Background(), c, testMessage, Delivery{JobID: 42, Attempt: 1})
			if err != nil || status != 200 {
				t.Fatalf("Send = %d, %v", status, err)
			}
			r, body := rc.last(tt.path)
			want(t, "method", r.Method, "POST")
			want(t, "User-Agent", r.Header.Get("User-Agent"), userAgent)
			tt.check(t, r, body)
			if tt.kind == hitori.ChannelLineWorks {
				checkLineWorksToken(t, rc, &key.PublicKey)
			}
		})
	}
}

// checkLineWorksToken checks the token request: form fields and a JWT
// that verifies with the app's public key.
func checkLineWorksToken(t *testing.T, rc *receiver, pub *rsa.PublicKey) {
	r, body := rc.last("/oauth2/v2.0/token")
	want(t, "token Content-Type", r.Header.Get("Content-Type"), "application/x-www-form-urlencoded")
	f, _ := url.ParseQuery(string(body))
	want(t, "grant_type", f.Get("grant_type"), "urn:ietf:params:oauth:grant-type:jwt-bearer")
	want(t, "client_id", f.Get("client_id"), "cid")
	want(t, "client_secret", f.Get("client_secret"), "csecret-0123")
	want(t, "scope", f.Get("scope"), "bot")
	parts := strings.Split(f.Get("assertion"), ".")
	if len(parts) != 3 {
		t.Fatalf("assertion %q is not a JWT", f.Get("assertion"))
	}
	enc := base64.RawURLEncoding
	hdr, _ := enc.DecodeString(parts[0])
	h := decodeJSON(t, hdr)
	want(t, "alg", h["alg"], "RS256")
	want(t, "typ", h["typ"], "JWT")
	cl, _ := enc.DecodeString(parts[1])
	c := decodeJSON(t, cl)
	want(t, "iss", c["iss"], "cid")
	want(t, "sub", c["sub"], "abc.serviceaccount@example")
	want(t, "iat", c["iat"], float64(fixedNow.Unix()))
	want(t, "exp", c["exp"], float64(fixedNow.Add(time.Hour).Unix()))
	sig, _ := enc.DecodeString(parts[2])
	sum := sha256.Sum256([]byte(parts[0] + "." + parts[1]))
	if err := rsa.VerifyPKCS1v15(pub, crypto.SHA256, sum[:], sig); err != nil {
		t.Errorf("JWT signature: %v", err)
	}
}
