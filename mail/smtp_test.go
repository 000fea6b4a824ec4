package mail

import (
	"bufio"
	"context"
	"encoding/base64"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
)

// fakeSMTP is a scripted SMTP server that records what the client said.
type fakeSMTP struct {
	addr  string
	mechs string

	mu    sync.Mutex
	auth  []string // decoded login exchange
	rcpts []string
	data  string
}

func startFakeSMTP(t *testing.T, mechs string) *fakeSMTP {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	f := &fakeSMTP{addr: ln.Addr().String(), mechs: mechs}
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go f.serve(c)
		}
	}()
	return f
}

func (f *fakeSMTP) serve(c net.Conn) {
	defer c.Close()
	r := bufio.NewReader(c)
	say := func(s string) { c.Write([]byte(s + "\r\n")) }
	read := func() string { l, _ := r.ReadString('\n'); return strings.TrimRight(l, "\r\n") }
	decode := func(s string) string { b, _ := base64.StdEncoding.DecodeString(s); return string(b) }
	record := func(s string) { f.mu.Lock(); f.auth = append(f.auth, s); f.mu.Unlock() }
	say("220 fake ESMTP")
	for {
		l := read()
		verb := strings.ToUpper(strings.Fields(l + " x")[0])
		switch {
		case verb == "EHLO":
			say("250-fake")
			if f.mechs != "" {
				say("250-AUTH " + f.mechs)
			}
			say("250 8BITMIME")
		case strings.HasPrefix(strings.ToUpper(l), "AUTH PLAIN "):
			record(decode(l[len("AUTH PLAIN "):]))
			say("235 ok")
		case strings.ToUpper(l) == "AUTH LOGIN":
			say("334 " + base64.StdEncoding.EncodeToString([]byte("Username:")))
			record(decode(read()))
			say("334 " + base64.StdEncoding.EncodeToString([]byte("Password:")))
			record(decode(read()))
			say("235 ok")
		case strings.HasPrefix(strings.ToUpper(l), "AUTH XOAUTH2 "):
			record(decode(l[len("AUTH XOAUTH2 "):]))
			say("334 " + base64.StdEncoding.EncodeToString([]byte(`{"status":"401","schemes":"bearer"}`)))
			record("answer:" + read())
			say("535 5.7.3 Authentication unsuccessful")
		case verb == "MAIL":
			say("250 ok")
		case verb == "RCPT":
			f.mu.Lock()
			f.rcpts = append(f.rcpts, l)
			f.mu.Unlock()
			say("250 ok")
		case verb == "DATA":
			say("354 go on")
			var b strings.Builder
			for l := read(); l != "."; l = read() {
				b.WriteString(strings.TrimPrefix(l, ".") + "\r\n")
			}
			f.mu.Lock()
			f.data = b.String()
			f.mu.Unlock()
			say("250 queued")
		case verb == "QUIT":
			say("221 bye")
			return
		case l == "":
			return
		default:
			say("502 unknown")
		}
	}
}

func TestSenderLogins(t *testing.T) {
	tests := []struct {
		name     string
		mechs    string
		token    TokenSource
		mode     TLSMode
		wantErr  string
		wantAuth []string
	}{
		{"plain", "PLAIN LOGIN", nil, TLSNone, "", []string{"\x00helpdesk\x00secret"}},
		{"login only (Microsoft 365)", "LOGIN XOAUTH2", nil, TLSNone, "", []string{"helpdesk", "secret"}},
		{"xoauth2 refused", "LOGIN XOAUTH2", TokenFunc(func(context.Context) (string, error) { return "tok", nil }), TLSNone,
			"login", []string{"user=helpdesk\x01auth=Bearer tok\x01\x01", "answer:"}},
		{"no login offered", "", nil, TLSNone, "offers no login", nil},
		{"starttls not offered", "PLAIN", nil, TLSStartTLS, "offers no STARTTLS", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := startFakeSMTP(t, tt.mechs)
			s := &Sender{Addr: srv.addr, TLS: tt.mode, Username: "helpdesk", Password: "secret", Token: tt.token, Timeout: 5 * time.Second}
			m := sampleOutgoing()
			err := s.Send(context.Background(), m)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("error %v, want one containing %q", err, tt.wantErr)
				}
			} else if err != nil {
				t.Fatal(err)
			}
			srv.mu.Lock()
			defer srv.mu.Unlock()
			if strings.Join(srv.auth, "|") != strings.Join(tt.wantAuth, "|") {
				t.Fatalf("login exchange %q, want %q", srv.auth, tt.wantAuth)
			}
			if tt.wantErr == "" {
				raw, _ := m.Bytes()
				if srv.data != string(raw) || len(srv.rcpts) != 2 {
					t.Fatalf("server got %d recipients and %d bytes, want 2 and the rendered message", len(srv.rcpts), len(srv.data))
				}
			}
		})
	}
}

func TestSenderRefusesPasswordInClear(t *testing.T) {
	s := &Sender{Addr: "mail.example:25", TLS: TLSNone, Username: "u", Password: "p"}
	if _, err := s.auth(context.Background(), nil, "mail.example", false); err == nil || !strings.Contains(err.Error(), "without TLS") {
		t.Fatalf("got %v", err)
	}
	for _, tt := range []struct {
		in   string
		want TLSMode
		ok   bool
	}{{"", TLSImplicit, true}, {"STARTTLS", TLSStartTLS, true}, {"none", TLSNone, true}, {"ssl", "", false}} {
		if got, err := ParseTLSMode(tt.in); got != tt.want || (err == nil) != tt.ok {
			t.Errorf("ParseTLSMode(%q) = %q, %v", tt.in, got, err)
		}
	}
}

func TestRefreshToken(t *testing.T) {
	calls := 0
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		calls++
		r.ParseForm()
		if r.Form.Get("grant_type") != "refresh_token" || r.Form.Get("client_id") != "app" || r.Form.Get("scope") != "a b" {
			http.Error(w, `{"error":"invalid_request"}`, http.StatusBadRequest)
			return
		}
		if r.Form.Get("refresh_token") == "old" {
			w.Write([]byte(`{"access_token":"at1","expires_in":3600,"refresh_token":"new"}`))
			return
		}
		w.Write([]byte(`{"access_token":"at2","expires_in":3600}`))
	}))
	defer srv.Close()
	now := time.Unix(1764000000, 0)
	var rotated string
	rt := &RefreshToken{TokenURL: srv.URL, ClientID: "app", Refresh: "old", Scopes: []string{"a", "b"},
		Now: func() time.Time { return now }, OnRotate: func(s string) { rotated = s }}
	ctx := context.Background()
	if tok, err := rt.Token(ctx); err != nil || tok != "at1" || rotated != "new" {
		t.Fatalf("%q %v rotated %q", tok, err, rotated)
	}
	if tok, _ := rt.Token(ctx); tok != "at1" || calls != 1 {
		t.Fatalf("cached token: %q after %d calls", tok, calls)
	}
	now = now.Add(time.Hour)
	if tok, err := rt.Token(ctx); err != nil || tok != "at2" || calls != 2 {
		t.Fatalf("refreshed: %q %v after %d calls", tok, err, calls)
	}
	bad := &RefreshToken{TokenURL: srv.URL, ClientID: "other"}
	if _, err := bad.Token(ctx); err == nil || !strings.Contains(err.Error(), "invalid_request") {
		t.Fatalf("error %v", err)
	}
}
