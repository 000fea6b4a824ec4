package mail

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"
)

// MessageSender sends one message: the SMTP Sender, or a test's fake.
type MessageSender interface {
	Send(context.Context, *OutgoingMessage) error
}

// Reader is someone a message goes to, with the language they read.
type Reader struct {
	Address
	Lang string
}

// SendByLanguage sends one auto-generated message per language, each to
// the readers of that language: a reader gets the first of their own
// language, then fallbacks, that has a wording (has); render writes a
// language's subject and text. Languages go in order, so that a retried
// job sends the same ones first. domain names the Message-IDs ("": from's
// domain).
func SendByLanguage(ctx context.Context, s MessageSender, from Address, domain string, now time.Time, readers []Reader,
	has func(lang string) bool, fallbacks []string, render func(lang string) (subject, text string)) error {
	byLang := map[string][]Address{}
	for _, r := range readers {
		lang := r.Lang
		for _, l := range append([]string{r.Lang}, fallbacks...) {
			if has(l) {
				lang = l
				break
			}
		}
		byLang[lang] = append(byLang[lang], r.Address)
	}
	langs := make([]string, 0, len(byLang))
	for l := range byLang {
		langs = append(langs, l)
	}
	slices.Sort(langs)
	if domain == "" {
		_, domain, _ = strings.Cut(from.Email, "@")
	}
	for _, lang := range langs {
		subject, text := render(lang)
		msg := &OutgoingMessage{From: from, To: byLang[lang], Subject: subject, Text: text, Date: now, AutoSubmitted: "auto-generated"}
		if id, err := NewMessageID(domain, now, nil); err == nil {
			msg.MessageID = id
		}
		if err := s.Send(ctx, msg); err != nil {
			return fmt.Errorf("%s: %w", lang, err)
		}
	}
	return nil
}
