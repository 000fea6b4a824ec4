package intake

import (
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"text/template"

	"hitori"
)

//go:embed templates
var defaultTemplates embed.FS

// Mail kinds: one template each per language.
const (
	KindReply   = "reply"   // a staff reply to the requester
	KindCreated = "created" // the automatic acknowledgement of a new item
	KindStatus  = "status"  // the automatic notice of a status change
)

// Languages the templates come in.
var Languages = []string{"ja", "en"}

var kinds = []string{KindReply, KindCreated, KindStatus}

// MailData is what a template sees.
type MailData struct {
	Item      *hitori.Item
	Event     *hitori.Event // the reply, for KindReply
	Key       string        // HD-1029
	Name      string        // the requester's name, or address when the name is unknown
	URL       string        // the item in the portal, when a base URL is set
	Signature string
}

// Templates are the reply and notification texts, a "subject" and a
// "body" template per kind and language (text/template). The defaults are
// built in; a file DIR/LANG/KIND.tmpl replaces one, so the admin can edit
// them without a rebuild.
type Templates struct {
	t map[string]*template.Template // "ja/reply" → template
}

// LoadTemplates reads the templates, with overrides from dir when it is
// not empty. Every kind and language must parse and define both parts, so
// a broken edit fails at start, not when a mail is due.
func LoadTemplates(dir string) (*Templates, error) {
	ts := &Templates{t: map[string]*template.Template{}}
	var errs []error
	for _, lang := range Languages {
		for _, kind := range kinds {
			name := lang + "/" + kind + ".tmpl"
			src, err := fs.ReadFile(defaultTemplates, "templates/"+name)
			if dir != "" {
				if b, ferr := os.ReadFile(filepath.Join(dir, filepath.FromSlash(name))); ferr == nil {
					src, err = b, nil
				} else if !errors.Is(ferr, fs.ErrNotExist) {
					err = ferr
				}
			}
			if err != nil {
				errs = append(errs, fmt.Errorf("%s: %w", name, err))
				continue
			}
			t, err := template.New(name).Funcs(template.FuncMap{"status": statusLabel(lang)}).Option("missingkey=error").Parse(string(src))
			if err == nil && (t.Lookup("subject") == nil || t.Lookup("body") == nil) {
				err = errors.New(`must define "subject" and "body"`)
			}
			if err != nil {
				errs = append(errs, fmt.Errorf("intake: mail template %s: %w", name, err))
				continue
			}
			ts.t[lang+"/"+kind] = t
		}
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return ts, nil
}

// Render returns the subject and body of a kind in lang (ja when lang is unknown).
func (ts *Templates) Render(lang, kind string, d MailData) (subject, body string, err error) {
	t := ts.t[lang+"/"+kind]
	if t == nil {
		t = ts.t["ja/"+kind]
	}
	if t == nil {
		return "", "", fmt.Errorf("intake: no mail template %q", kind)
	}
	var s, b strings.Builder
	if err := t.ExecuteTemplate(&s, "subject", d); err != nil {
		return "", "", fmt.Errorf("intake: mail template %s: %w", t.Name(), err)
	}
	if err := t.ExecuteTemplate(&b, "body", d); err != nil {
		return "", "", fmt.Errorf("intake: mail template %s: %w", t.Name(), err)
	}
	return strings.Join(strings.Fields(s.String()), " "), strings.TrimSpace(b.String()) + "\n", nil
}

// statusLabels name statuses for requesters.
var statusLabels = map[string]map[hitori.Status]string{
	"ja": {hitori.StatusNew: "受付済み", hitori.StatusInProgress: "対応中", hitori.StatusWaitRequester: "ご回答待ち",
		hitori.StatusWaitVendor: "業者対応待ち", hitori.StatusResolved: "解決済み", hitori.StatusClosed: "完了"},
	"en": {hitori.StatusNew: "received", hitori.StatusInProgress: "in progress", hitori.StatusWaitRequester: "waiting for your answer",
		hitori.StatusWaitVendor: "waiting for a vendor", hitori.StatusResolved: "resolved", hitori.StatusClosed: "closed"},
}

func statusLabel(lang string) func(hitori.Status) string {
	return func(s hitori.Status) string {
		if l, ok := statusLabels[lang][s]; ok {
			return l
		}
		return string(s)
	}
}
