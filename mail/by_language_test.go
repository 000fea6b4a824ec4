package mail

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"
)

type sentMessages []*OutgoingMessage

func (s *sentMessages) Send(_ context.Context, m *OutgoingMessage) error {
	if strings.Contains(m.Subject, "fail") {
		return errors.New("refused")
	}
	*s = append(*s, m)
	return nil
}

// TestSendByLanguage: one message per language, in order, each reader in
// the first of their language and the fallbacks that has a wording.
func TestSendByLanguage(t *testing.T) {
	readers := []Reader{
		{Address{"Sato", "sato@example.jp"}, "ja"},
		{Address{"Ann", "ann@example.com"}, "en"},
		{Address{"No language", "none@example.jp"}, ""},
		{Address{"Pierre", "pierre@example.fr"}, "fr"},
	}
	texts := map[string]string{"ja": "期限", "en": "Expiring"}
	has := func(l string) bool { return texts[l] != "" }
	render := func(l string) (string, string) { return texts[l], "body " + l }
	now := time.Date(2026, 12, 7, 9, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		fallbacks []string
		want      string
	}{
		{[]string{"", "ja"}, "en: ann@example.com | ja: sato@example.jp none@example.jp pierre@example.fr"},
		{[]string{"en", "ja"}, "en: ann@example.com none@example.jp pierre@example.fr | ja: sato@example.jp"},
	} {
		var sent sentMessages
		if err := SendByLanguage(context.Background(), &sent, Address{"hitori", "it@example.jp"}, "", now, readers, has, tc.fallbacks, render); err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, m := range sent {
			var to []string
			for _, a := range m.To {
				to = append(to, a.Email)
			}
			lang := strings.TrimPrefix(m.Text, "body ")
			got = append(got, lang+": "+strings.Join(to, " "))
			if m.AutoSubmitted != "auto-generated" || !strings.HasSuffix(m.MessageID, "@example.jp") || !m.Date.Equal(now) || m.Subject != texts[lang] {
				t.Errorf("%s message: %+v", lang, m)
			}
		}
		if strings.Join(got, " | ") != tc.want {
			t.Errorf("fallbacks %v: %s, want %s", tc.fallbacks, strings.Join(got, " | "), tc.want)
		}
	}
	var sent sentMessages
	texts["en"] = "fail"
	if err := SendByLanguage(context.Background(), &sent, Address{"", "it@example.jp"}, "", now, readers, has, []string{"ja"}, render); err == nil || !strings.HasPrefix(err.Error(), "en: ") {
		t.Errorf("a refused message: %v", err)
	}
}
