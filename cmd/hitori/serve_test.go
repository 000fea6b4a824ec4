package main

import (
	"context"
	"log/slog"
	"strings"
	"testing"
	"time"
)

func TestServeMailFlags(t *testing.T) {
	log := slog.New(slog.DiscardHandler)
	var none mailFlags
	if m, err := none.mailer(nil, "", log); m != nil || err != nil {
		t.Errorf("no SMTP: %v, %v; want nothing", m, err)
	}
	if p, err := none.poller(nil, nil, "", log); p != nil || err != nil {
		t.Errorf("no IMAP: %v, %v; want nothing", p, err)
	}
	tests := []struct {
		name string
		f    mailFlags
		imap bool
		want string
	}{
		{"smtp without from", mailFlags{smtpAddr: "smtp.example.jp:587"}, false, "--mail-from"},
		{"bad smtp tls", mailFlags{smtpAddr: "smtp.example.jp:587", from: "help@example.jp", smtpTLS: "ssl"}, false, "--smtp-tls"},
		{"oauth without refresh token", mailFlags{smtpAddr: "smtp.example.jp:587", from: "help@example.jp", smtpUser: "help@example.jp",
			oauthTokenURL: "https://login.example/token", oauthClientID: "id"}, false, "HITORI_OAUTH_REFRESH_TOKEN"},
		{"imap without user", mailFlags{imapAddr: "imap.example.jp:993"}, true, "--imap-user"},
		{"imap without password", mailFlags{imapAddr: "imap.example.jp:993", imapUser: "help"}, true, "HITORI_IMAP_PASSWORD"},
	}
	for _, tt := range tests {
		var err error
		if tt.imap {
			_, err = tt.f.poller(nil, nil, "", log)
		} else {
			_, err = tt.f.mailer(nil, "", log)
		}
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: %v, want an error naming %s", tt.name, err, tt.want)
		}
	}

	t.Setenv("HITORI_SMTP_PASSWORD", "s3cret")
	t.Setenv("HITORI_IMAP_INTERVAL", "30s")
	fs := newFlags("serve", "", &strings.Builder{})
	var f mailFlags
	f.register(fs)
	if err := fs.Parse([]string{"--smtp-addr", "smtp.example.jp:587", "--mail-from", "IT <help@example.jp>"}); err != nil {
		t.Fatal(err)
	}
	f.secrets()
	if f.smtpPass != "s3cret" || f.imapInterval != 30*time.Second || f.imapMailbox != "INBOX" || f.smtpTLS != "starttls" {
		t.Errorf("flags: password from env %v, interval %v, mailbox %q, smtp tls %q", f.smtpPass == "s3cret", f.imapInterval, f.imapMailbox, f.smtpTLS)
	}
	m, err := f.mailer(nil, "https://hd.example.jp", log)
	if err != nil || m == nil || m.From.Email != "help@example.jp" || m.From.Name != "IT" || m.BaseURL != "https://hd.example.jp" {
		t.Fatalf("mailer %+v, %v", m, err)
	}
}

// TestWarnOpenSetup: serving beyond this machine before an administrator
// exists logs a warning (issue 9).
func TestWarnOpenSetup(t *testing.T) {
	tests := []struct {
		addr  string
		users int
		warn  bool
	}{
		{"0.0.0.0:8080", 0, true},
		{":8080", 0, true},
		{"[::]:8080", 0, true},
		{"192.168.1.10:8080", 0, true},
		{"hitori.example.co.jp:8080", 0, true},
		{"0.0.0.0:8080", 1, false},
		{"127.0.0.1:8080", 0, false},
		{"[::1]:8080", 0, false},
		{"localhost:8080", 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.addr, func(t *testing.T) {
			var buf strings.Builder
			log := slog.New(slog.NewTextHandler(&buf, nil))
			warnOpenSetup(t.Context(), log, tt.addr, func(context.Context) (int, error) { return tt.users, nil })
			if got := strings.Contains(buf.String(), "level=WARN") && strings.Contains(buf.String(), "setup"); got != tt.warn {
				t.Fatalf("warned %v, want %v: %q", got, tt.warn, buf.String())
			}
		})
	}
}
