package mail

import (
	"strings"

	"golang.org/x/text/width"
)

// maxHops is the Received count above which a message is taken to be
// looping; RFC 5321 suggests at least 100 before an MTA gives up, but
// office mail crosses fewer than 15.
const maxHops = 30

// Subject prefixes of machine-written mail, compared after width folding and lower-casing.
var (
	receiptPrefixes = []string{"開封済み:", "開封済み :", "開封確認:", "既読:", "read:", "not read:", "未開封:", "read receipt"}
	bouncePrefixes  = []string{"undeliverable:", "undelivered mail returned to sender", "delivery status notification", "mail delivery failed", "returned mail:", "failure notice", "配信不能:", "配信エラー:"}
	autoPrefixes    = []string{"自動応答:", "自動応答 :", "自動返信:", "自動返信 :", "不在:", "不在通知", "automatic reply:", "auto reply:", "autoreply:", "auto:", "auto-reply:", "out of office", "out of the office"}
)

// classify returns why a message must not become a ticket, or "". The
// order puts the most specific evidence first: a report's declared type,
// then headers a mail system sets, then subject conventions.
func classify(h Header, ctype string, params map[string]string, subject string, from Address) string {
	if ctype == "multipart/report" {
		switch strings.ToLower(params["report-type"]) {
		case "delivery-status", "global-delivery-status":
			return IgnoreBounce
		case "disposition-notification", "global-disposition-notification":
			return IgnoreReadReceipt
		}
	}
	local, _, _ := strings.Cut(strings.ToLower(from.Email), "@")
	if h.Has("X-Failed-Recipients") || local == "mailer-daemon" || local == "postmaster" {
		return IgnoreBounce
	}
	subj := strings.ToLower(width.Fold.String(subject))
	switch {
	case hasAnyPrefix(subj, receiptPrefixes):
		return IgnoreReadReceipt
	case hasAnyPrefix(subj, bouncePrefixes):
		return IgnoreBounce
	}
	if v := strings.ToLower(token(h.Get("Auto-Submitted"))); v != "" && v != "no" {
		return IgnoreAutoReply // RFC 3834: auto-replied, auto-generated, auto-notified
	}
	if h.Has("X-Auto-Response-Suppress") || h.Has("X-Autoreply") || h.Has("X-Autorespond") || hasAnyPrefix(subj, autoPrefixes) {
		return IgnoreAutoReply
	}
	switch strings.ToLower(token(h.Get("Precedence"))) {
	case "bulk", "junk", "list":
		return IgnoreBulk
	case "auto_reply":
		return IgnoreAutoReply
	}
	if h.Has("Return-Path") && strings.Trim(trimValue(h.Get("Return-Path")), "<> ") == "" {
		return IgnoreBounce // only mail systems send with a null envelope sender
	}
	if h.Count("Received") > maxHops {
		return IgnoreLoop
	}
	return ""
}

// CheckLoop marks the message as a loop when it carries our own X-Loop
// value or comes from one of our own addresses, so the helpdesk never
// answers itself. It reports whether a loop was found; an earlier Ignore
// reason is kept.
func (m *Message) CheckLoop(xLoop string, own ...string) bool {
	loop := false
	if xLoop = strings.TrimSpace(xLoop); xLoop != "" {
		for _, f := range m.Header {
			if strings.EqualFold(f.Name, "X-Loop") && strings.Contains(strings.ToLower(f.Value), strings.ToLower(xLoop)) {
				loop = true
			}
		}
	}
	for _, a := range own {
		if a != "" && strings.EqualFold(strings.TrimSpace(a), m.From.Email) {
			loop = true
		}
	}
	if loop && m.Ignore == "" {
		m.Ignore = IgnoreLoop
	}
	return loop
}

// token returns the first word of a structured value such as "auto-replied; owner=x".
func token(v string) string {
	v, _, _ = strings.Cut(v, ";")
	v, _, _ = strings.Cut(trimValue(v), " ")
	return strings.Trim(v, "\"")
}

// hasAnyPrefix reports whether s starts with one of the prefixes.
func hasAnyPrefix(s string, prefixes []string) bool {
	for _, p := range prefixes {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}
