package notify

import (
	"strings"

	"hitori"
)

// labels are the few words a provider adds around a message, per
// language. The message itself comes already written in the recipient's
// language.
var labels = map[string]map[string]string{
	"ja": {"open": "詳細を開く", "ack": "確認済みにする", "link": "詳細", "acklink": "確認済みにする"},
	"en": {"open": "Open", "ack": "Acknowledge", "link": "Details", "acklink": "Acknowledge"},
}

// label returns a label in m's language (Japanese when unknown).
func label(m hitori.NotifyMessage, key string) string {
	if l, ok := labels[m.Lang]; ok {
		return l[key]
	}
	return labels["ja"][key]
}

// links are the message's links as "label: URL" lines.
func links(m hitori.NotifyMessage) []string {
	var out []string
	if m.Link != "" {
		out = append(out, label(m, "link")+": "+m.Link)
	}
	if m.AckLink != "" {
		out = append(out, label(m, "acklink")+": "+m.AckLink)
	}
	return out
}

// plainText is the message as one text: subject, body and links, for the
// services that show plain text (mail, Chatwork, LINE, LINE WORKS).
func plainText(m hitori.NotifyMessage, limit int) string {
	parts := []string{m.Subject}
	if t := strings.TrimSpace(m.Text); t != "" {
		parts = append(parts, t)
	}
	tail := strings.Join(links(m), "\n")
	// Links matter more than the end of a long body: cut the body.
	room := limit - len([]rune(tail)) - 2
	s := cut(strings.Join(parts, "\n\n"), max(room, 1))
	if tail != "" {
		s += "\n\n" + tail
	}
	return s
}
