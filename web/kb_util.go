package web

import (
	"html"
	"html/template"
	"net/http"
	"strconv"
	"strings"
	"time"

	"hitori"
	"hitori/search"
)

// kbNav is the navigation area of every knowledge page.
const kbNav = "knowledge"

// kbPage starts a knowledge page whose title is a catalogue key.
func (s *Server) kbPage(r *http.Request, titleKey string) *page {
	p := s.newPage(r, kbNav)
	p.Title = p.T(titleKey)
	return p
}

// kbArticleByPath loads the article {id} names: a decimal id, or an import id
// (slug) so that links such as /kb/kb-001 written in articles work. The
// store hides an article the user may not read as ENOTFOUND.
func (s *Server) kbArticleByPath(r *http.Request) (*hitori.Article, error) {
	v := r.PathValue("id")
	if id, err := strconv.ParseInt(v, 10, 64); err == nil && id > 0 {
		return s.stores.Articles.FindArticleByID(r.Context(), id)
	}
	if v == "" || len(v) > hitori.MaxSlugLen {
		return nil, hitori.KeyError(hitori.ENOTFOUND, "error.not_found")
	}
	return s.stores.Articles.FindArticleBySlug(r.Context(), v)
}

// kbURL is an article's page.
func kbURL(id int64) string { return "/kb/" + strconv.FormatInt(id, 10) }

// kbSnippet marks a search snippet as HTML only after checking it is what
// search promises: escaped text whose only tags are <mark> and </mark>, and
// whose only entities are those html.EscapeString writes. Anything else is
// shown as text, so a change in the search package can never open a hole.
func kbSnippet(s string) template.HTML {
	rest := strings.NewReplacer("<mark>", "", "</mark>", "").Replace(s)
	for i := 0; i < len(rest); i++ {
		switch rest[i] {
		case '<', '>', '"', '\'':
			return template.HTML(html.EscapeString(kbStripMarks(s)))
		case '&':
			ok := false
			for _, e := range []string{"&lt;", "&gt;", "&amp;", "&#39;", "&#34;", "&quot;"} {
				ok = ok || strings.HasPrefix(rest[i:], e)
			}
			if !ok {
				return template.HTML(html.EscapeString(kbStripMarks(s)))
			}
		}
	}
	return template.HTML(s)
}

func kbStripMarks(s string) string {
	return html.UnescapeString(strings.NewReplacer("<mark>", "", "</mark>", "").Replace(s))
}

// kbSnippetJSON is kbSnippet for JSON, where the client inserts it as HTML.
func kbSnippetJSON(s string) string { return string(kbSnippet(s)) }

// kbDate shows a review date as the Japanese calendar day it stands for.
func kbDate(t *time.Time) string {
	if t == nil {
		return ""
	}
	return t.In(tokyo).Format("2006-01-02")
}

// kbParseDate reads a YYYY-MM-DD form value as midnight in Tokyo, the
// way imported review dates are stored; "" is no date.
func kbParseDate(v string) (*time.Time, bool) {
	v = strings.TrimSpace(v)
	if v == "" {
		return nil, true
	}
	t, err := time.ParseInLocation("2006-01-02", v, tokyo)
	if err != nil || t.Year() < 2000 || t.Year() > 2200 {
		return nil, false
	}
	u := t.UTC()
	return &u, true
}

// kbStale reports whether an article's review date has passed.
func kbStale(review *time.Time, now time.Time) bool { return review != nil && review.Before(now) }

// kbDropTitle removes a first "# Title" line that repeats the page
// heading: imported articles start with one, and the page already shows it.
func kbDropTitle(body, title string) string {
	trimmed := strings.TrimLeft(body, " \t\r\n")
	line, rest, _ := strings.Cut(trimmed, "\n")
	h, ok := strings.CutPrefix(strings.TrimSpace(line), "# ")
	if !ok || search.Normalize(strings.TrimSpace(h)) != search.Normalize(strings.TrimSpace(title)) {
		return body
	}
	return rest
}

// kbWantsJSON reports whether a form post came from script (kb.js) rather than a page.
func kbWantsJSON(r *http.Request) bool {
	return strings.Contains(r.Header.Get("Accept"), "application/json")
}

// kbCap cuts s to at most n runes.
func kbCap(s string, n int) string {
	i := 0
	for j := range s {
		if i == n {
			return s[:j]
		}
		i++
	}
	return s
}
