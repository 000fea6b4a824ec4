// Package status is the status page's service: what colleagues are told
// about open incidents and planned maintenance, and the deflection of new
// inquiries about a known outage — linked to the incident and answered
// "we know, we are on it" at once, so duplicates do not pile up.
package status

import (
	"context"
	"strings"
	"unicode/utf8"

	"hitori"
)

// Settings keys.
const (
	keyPublic    = "status.public"     // "1": /status is open without signing in
	keyAutoReply = "status.autoreply"  // "0": no automatic reply (default on)
	keyReplyText = "status.reply_text" // the reply; {incident} is the incident's title
	keyKeywords  = "status.keywords"   // lines "monitor name: word, word"
)

// DefaultReplyText is the automatic reply in Japanese until an
// administrator writes another. {incident} stands for the incident's title.
const DefaultReplyText = "現在「{incident}」で障害が発生していることを把握しており、復旧に向けて対応中です。" +
	"復旧しましたらお知らせします。状況は社内ポータルの「システムの状況」でもご確認いただけます。"

// DefaultReplyTextEN is the same reply for colleagues who use hitori in
// English.
const DefaultReplyTextEN = "We know that {incident} has a problem right now and are working on it. " +
	"We will let you know once it is fixed. The portal's \"System status\" page shows the current state too."

// defaultReplies are the built-in replies by language: the requester's
// language picks one (Reply).
var defaultReplies = map[string]string{"ja": DefaultReplyText, "en": DefaultReplyTextEN}

// DefaultReply is the built-in reply in lang ("ja" for any other).
func DefaultReply(lang string) string {
	if t, ok := defaultReplies[lang]; ok {
		return t
	}
	return DefaultReplyText
}

// isDefaultReply reports whether text is one of the built-in replies, as
// the settings form shows them and as earlier versions stored them.
func isDefaultReply(text string) bool {
	for _, t := range defaultReplies {
		if strings.TrimSpace(text) == t {
			return true
		}
	}
	return false
}

// Limits on the settings.
const (
	ReplyTextMax = 2000
	KeywordsMax  = 10000
)

// Settings are the status page's and the deflection's settings.
type Settings struct {
	Public    bool // anonymous visitors may read /status
	AutoReply bool // new inquiries about an open incident get ReplyText
	// ReplyText is the administrator's reply, with {incident}; "" is the
	// built-in one, in the requester's language.
	ReplyText string
	// Keywords are extra words per monitor name that mark an inquiry as
	// about it ("メールサーバー: メール, Outlook, 送信できない").
	Keywords string
}

// Load reads the settings, with the defaults for what was never saved.
func Load(ctx context.Context, st hitori.SettingService) (Settings, error) {
	s := Settings{AutoReply: true}
	get := func(key string, set func(string)) error {
		v, err := st.GetSetting(ctx, key)
		if hitori.ErrorCode(err) == hitori.ENOTFOUND {
			return nil
		}
		if err == nil {
			set(v)
		}
		return err
	}
	for _, e := range []struct {
		key string
		set func(string)
	}{
		{keyPublic, func(v string) { s.Public = v == "1" }},
		{keyAutoReply, func(v string) { s.AutoReply = v != "0" }},
		{keyReplyText, func(v string) {
			if !isDefaultReply(v) { // saved unchanged: still the built-in reply
				s.ReplyText = v
			}
		}},
		{keyKeywords, func(v string) { s.Keywords = v }},
	} {
		if err := get(e.key, e.set); err != nil {
			return s, err
		}
	}
	return s, nil
}

// Save checks and stores the settings.
func Save(ctx context.Context, st hitori.SettingService, s Settings) error {
	s.ReplyText, s.Keywords = strings.TrimSpace(s.ReplyText), strings.TrimSpace(s.Keywords)
	switch {
	case s.AutoReply && s.ReplyText == "":
		return hitori.FieldError("reply_text", "status.error.reply_text")
	case utf8.RuneCountInString(s.ReplyText) > ReplyTextMax:
		return hitori.FieldError("reply_text", "status.error.too_long")
	case utf8.RuneCountInString(s.Keywords) > KeywordsMax:
		return hitori.FieldError("keywords", "status.error.too_long")
	}
	for line := range strings.SplitSeq(s.Keywords, "\n") {
		if strings.TrimSpace(line) != "" && !strings.ContainsAny(line, ":：") {
			return hitori.FieldError("keywords", "status.error.keywords")
		}
	}
	if isDefaultReply(s.ReplyText) {
		s.ReplyText = "" // the built-in reply, which follows the requester's language
	}
	flag := func(b bool) string {
		if b {
			return "1"
		}
		return "0"
	}
	for k, v := range map[string]string{keyPublic: flag(s.Public), keyAutoReply: flag(s.AutoReply),
		keyReplyText: s.ReplyText, keyKeywords: s.Keywords} {
		if err := st.SetSetting(ctx, k, v); err != nil {
			return err
		}
	}
	return nil
}

// Reply is the automatic reply about incident for a requester who reads
// lang: the administrator's text, or the built-in one in that language.
func (s Settings) Reply(lang, incident string) string {
	t := s.ReplyText
	if t == "" {
		t = DefaultReply(lang)
	}
	return strings.ReplaceAll(t, "{incident}", incident)
}
