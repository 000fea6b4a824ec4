package mail

import (
	"strings"
	"testing"
)

// mustMessage parses a message built from header lines and a body.
func mustMessage(tb testing.TB, header, body string) *Message {
	tb.Helper()
	raw := strings.ReplaceAll(strings.TrimSpace(header), "\n", "\r\n") + "\r\n\r\n" + body
	m, err := parse([]byte(raw), DefaultLimits())
	if err != nil {
		tb.Fatalf("parse: %v", err)
	}
	return m
}

// TestClassify covers each reason and ordinary mail that must stay a ticket.
func TestClassify(t *testing.T) {
	const from = "From: 佐藤 <sato@example.jp>\nSubject: 件名\n"
	tests := []struct{ name, header, want, quiet string }{
		{"ordinary", from, "", ""},
		{"auto-submitted no", from + "Auto-Submitted: no", "", ""},
		{"auto-replied", from + "Auto-Submitted: auto-replied", IgnoreAutoReply, QuietAutomatic},
		// Kept, without an acknowledgement: a program's notice may be real work.
		{"auto-generated with params", from + "Auto-Submitted: Auto-Generated; owner-email=x@y", "", QuietAutomatic},
		{"exchange suppress", from + "X-Auto-Response-Suppress: All", "", QuietAutomatic},
		{"precedence bulk", from + "Precedence: bulk", "", QuietBulk},
		{"precedence list", from + "Precedence: list", "", QuietBulk},
		{"precedence junk", from + "Precedence: junk", "", QuietBulk},
		{"precedence auto_reply", from + "Precedence: auto_reply", IgnoreAutoReply, ""},
		{"out of office with bulk", from + "Auto-Submitted: auto-replied\nPrecedence: bulk", IgnoreAutoReply, QuietBulk},
		{"subject 自動応答", "From: a@example.jp\nSubject: 自動応答: 件名", IgnoreAutoReply, ""},
		{"subject automatic reply", "From: a@example.jp\nSubject: Automatic reply: x", IgnoreAutoReply, ""},
		{"subject out of office", "From: a@example.jp\nSubject: Out of Office: x", IgnoreAutoReply, ""},
		{"subject full-width colon", "From: a@example.jp\nSubject: 自動返信：x", IgnoreAutoReply, ""},
		{"subject 開封済み", "From: a@example.jp\nSubject: 開封済み: x", IgnoreReadReceipt, ""},
		{"subject undeliverable", "From: a@example.jp\nSubject: Undeliverable: x", IgnoreBounce, ""},
		{"forwarded bounce is a ticket", "From: a@example.jp\nSubject: FW: Undeliverable: x", "", ""},
		{"mailer-daemon", "From: MAILER-DAEMON@mx.example.jp\nSubject: x", IgnoreBounce, ""},
		{"postmaster", "From: Postmaster <postmaster@example.jp>\nSubject: x", IgnoreBounce, ""},
		{"failed recipients", from + "X-Failed-Recipients: b@example.jp", IgnoreBounce, ""},
		{"null return path", "Return-Path: <>\n" + from, IgnoreBounce, ""},
		{"dsn report", from + "Content-Type: multipart/report; report-type=delivery-status; boundary=b", IgnoreBounce, ""},
		{"mdn report", from + "Content-Type: multipart/report; report-type=\"disposition-notification\"; boundary=b", IgnoreReadReceipt, ""},
		{"noreply web form is a ticket", "From: portal-noreply@example.jp\nReply-To: a@example.jp\nSubject: 問い合わせ", "", ""},
		{"too many hops", from + strings.Repeat("Received: from x by y\n", maxHops+1), IgnoreLoop, ""},
		{"normal hops", from + strings.Repeat("Received: from x by y\n", 8), "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := mustMessage(t, tt.header, "本文\r\n")
			if m.Ignore != tt.want || m.Quiet != tt.quiet {
				t.Errorf("Ignore, Quiet = %q, %q; want %q, %q", m.Ignore, m.Quiet, tt.want, tt.quiet)
			}
		})
	}
}

// TestCheckLoop covers our own X-Loop value and our own sender address.
func TestCheckLoop(t *testing.T) {
	tests := []struct {
		name, header string
		want         bool
	}{
		{"x-loop ours", "From: a@example.jp\nX-Loop: it-help@minato-seiko.example", true},
		{"x-loop other", "From: a@example.jp\nX-Loop: list@example.org", false},
		{"from ourselves", "From: IT <IT-Help@minato-seiko.example>", true},
		{"ordinary", "From: a@example.jp", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := mustMessage(t, tt.header, "x")
			got := m.CheckLoop("it-help@minato-seiko.example", "it-help@minato-seiko.example")
			if got != tt.want || (m.Ignore == IgnoreLoop) != tt.want {
				t.Errorf("CheckLoop = %v, Ignore = %q; want %v", got, m.Ignore, tt.want)
			}
		})
	}
	t.Run("earlier reason kept", func(t *testing.T) {
		m := mustMessage(t, "From: it-help@minato-seiko.example\nAuto-Submitted: auto-replied", "x")
		if !m.CheckLoop("", "it-help@minato-seiko.example") || m.Ignore != IgnoreAutoReply {
			t.Errorf("Ignore = %q, want %q", m.Ignore, IgnoreAutoReply)
		}
	})
}
