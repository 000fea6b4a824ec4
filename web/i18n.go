package web

import (
	"embed"
	"encoding/json"
	"fmt"
	"io/fs"
	"net/http"
	"strings"
)

//go:embed locales
var localeFS embed.FS

// Languages hitori speaks; the first is the default.
var Languages = []string{"ja", "en"}

// locale is one message catalogue.
type locale struct {
	lang string
	msgs map[string]string
}

// T returns the message for key, formatted with args; a missing key shows itself
// (the catalogue test makes sure none is missing).
func (l *locale) T(key string, args ...any) string {
	m, ok := l.msgs[key]
	if !ok {
		return key
	}
	if len(args) > 0 {
		return fmt.Sprintf(m, args...)
	}
	return m
}

func loadLocales() (map[string]*locale, error) {
	out := map[string]*locale{}
	for _, lang := range Languages {
		l := &locale{lang: lang, msgs: map[string]string{}}
		// One file per area (core.json, kb.json, …) so areas can grow apart;
		// a key defined twice is a mistake and fails at start.
		files, err := fs.Glob(localeFS, "locales/"+lang+"/*.json")
		if err != nil || len(files) == 0 {
			return nil, fmt.Errorf("web: locale %s: no catalogue files", lang)
		}
		for _, f := range files {
			b, err := localeFS.ReadFile(f)
			if err != nil {
				return nil, fmt.Errorf("web: locale %s: %w", f, err)
			}
			var msgs map[string]string
			if err := json.Unmarshal(b, &msgs); err != nil {
				return nil, fmt.Errorf("web: locale %s: %w", f, err)
			}
			for k, v := range msgs {
				if _, dup := l.msgs[k]; dup {
					return nil, fmt.Errorf("web: locale %s: key %q defined twice", f, k)
				}
				l.msgs[k] = v
			}
		}
		out[lang] = l
	}
	return out, nil
}

// langFor picks the language: the user's setting, then the cookie, then Accept-Language, then Japanese.
func (s *Server) langFor(r *http.Request) string {
	if u := identityFrom(r).user; u != nil && u.Lang != "" {
		return u.Lang
	}
	if c, err := r.Cookie(langCookie); err == nil && s.locales[c.Value] != nil {
		return c.Value
	}
	return acceptLanguage(r.Header.Get("Accept-Language"))
}

// acceptLanguage returns the first supported language in an Accept-Language header.
func acceptLanguage(h string) string {
	for _, part := range strings.Split(h, ",") {
		tag, _, _ := strings.Cut(strings.TrimSpace(part), ";")
		base, _, _ := strings.Cut(strings.ToLower(tag), "-")
		for _, l := range Languages {
			if base == l {
				return l
			}
		}
	}
	return Languages[0]
}

func (s *Server) localeFor(r *http.Request) *locale { return s.locales[s.langFor(r)] }
