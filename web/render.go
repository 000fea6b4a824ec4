package web

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"hitori"
)

//go:embed templates/*.html
var templateFS embed.FS

// templates holds one set per page, each with the layout. Pages are parsed
// on first use: parsing all of them took most of the server's start-up
// (~135 ms of CPU on a loaded machine), and most processes (the command
// line, a server just started) render few pages or none.
// TestTemplatesParse parses every page, so a broken one fails the tests.
type templates struct {
	base  *template.Template // the layout and shared partials (templates/_*.html)
	pages map[string]*pageTemplate
}

// pageTemplate is one page's file and, once parsed, its set.
type pageTemplate struct {
	file string
	once sync.Once
	t    *template.Template
	err  error
}

// cloneMu serialises cloning the layout: first renders of different pages
// may run at once.
var cloneMu sync.Mutex

// page returns a page's set, parsing it on first use.
func (t *templates) page(name string) (*template.Template, error) {
	pt, ok := t.pages[name]
	if !ok {
		return nil, fmt.Errorf("web: no template %q", name)
	}
	pt.once.Do(func() {
		cloneMu.Lock()
		clone, err := t.base.Clone()
		cloneMu.Unlock()
		if err != nil {
			pt.err = err
			return
		}
		if pt.t, pt.err = clone.ParseFS(templateFS, pt.file); pt.err != nil {
			pt.err = fmt.Errorf("web: parse %s: %w", pt.file, pt.err)
		}
	})
	return pt.t, pt.err
}

// tokyo is the display zone; times are stored in UTC.
var tokyo = func() *time.Location {
	if l, err := time.LoadLocation("Asia/Tokyo"); err == nil {
		return l
	}
	return time.FixedZone("JST", 9*3600)
}()

var funcs = template.FuncMap{
	"asset": assetURL,
	"dt": func(t time.Time) string {
		if t.IsZero() {
			return "—"
		}
		return t.In(tokyo).Format("2006-01-02 15:04")
	},
	"dtp": func(t *time.Time) string {
		if t == nil {
			return "—"
		}
		return t.In(tokyo).Format("2006-01-02 15:04")
	},
	"add": func(a, b int) int { return a + b },
	// categories offers the same category list on every form.
	"categories": categoryChoices,
	// dict3 hands a shared block the page, a key and a list (report pages).
	"dict3": func(p *page, k string, l any) map[string]any { return map[string]any{"P": p, "K": k, "L": l} },
}

// parseTemplates parses the layout and lists the pages (see templates).
func parseTemplates() (*templates, error) {
	base, err := template.New("").Funcs(funcs).ParseFS(templateFS, "templates/_*.html")
	if err != nil {
		return nil, fmt.Errorf("web: parse layout: %w", err)
	}
	files, err := fs.Glob(templateFS, "templates/*.html")
	if err != nil {
		return nil, err
	}
	t := &templates{base: base, pages: map[string]*pageTemplate{}}
	for _, f := range files {
		name := strings.TrimSuffix(strings.TrimPrefix(f, "templates/"), ".html")
		if !strings.HasPrefix(name, "_") {
			t.pages[name] = &pageTemplate{file: f}
		}
	}
	return t, nil
}

// page is what every template receives.
type page struct {
	Title  string
	Here   string // this page's URL, for the language switch to return to
	Nav    string // active area
	Lang   string
	User   *hitori.User
	CSRF   string
	Flash  string
	Data   any
	Form   url.Values
	Errors map[string]string
	// Outages are the open incidents the portal's banner announces
	// (colleagues' pages only; see statusBanner).
	Outages []*hitori.Incident
	loc     *locale
	nav     []navItem // the server's menu, before the user's role is applied
}

// Label translates prefix+value when the catalogues name it, else shows
// the value itself (job kinds registered by later areas, say).
func (p *page) Label(prefix, value string) string {
	if m, ok := p.loc.msgs[prefix+value]; ok {
		return m
	}
	return value
}

// T translates a catalogue key.
func (p *page) T(key string, args ...any) string { return p.loc.T(key, args...) }

// Areas lists the navigation for the signed-in user's role: the areas
// whose routes exist and admit them.
func (p *page) Areas() []navItem { return menuFor(p.nav, p.User) }

// newPage starts a page for the request's user and language.
func (s *Server) newPage(r *http.Request, nav string) *page {
	id := identityFrom(r)
	p := &page{Nav: nav, Lang: s.langFor(r), User: id.user, CSRF: csrfToken(r), Here: r.URL.RequestURI(), loc: s.localeFor(r), Errors: map[string]string{}, nav: s.nav}
	s.statusBanner(r, p)
	return p
}

// render executes a page into a buffer first, so a template error never sends half a page.
func (s *Server) render(w http.ResponseWriter, status int, name string, p *page) {
	t, err := s.tmpl.page(name)
	if err != nil {
		s.log.Error("template", "name", name, "err", err)
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "layout", p); err != nil {
		s.log.Error("template", "name", name, "err", err)
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_, _ = buf.WriteTo(w)
}

// formError re-renders a form with 422 and the field messages of err, or returns err.
func (s *Server) formError(w http.ResponseWriter, name string, p *page, err error) error {
	e, ok := hitori.AsError(err)
	if !ok || (e.Code != hitori.EINVALID && e.Code != hitori.ECONFLICT && e.Code != hitori.EUNAUTHORIZED && e.Code != hitori.ETOOMANY) {
		return err
	}
	for f, k := range e.Fields {
		p.Errors[f] = p.T(k)
	}
	if len(e.Fields) == 0 {
		p.Errors["_"] = p.T(e.Key)
	}
	s.render(w, statusOf(e.Code), name, p)
	return nil
}
