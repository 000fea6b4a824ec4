package binder

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"strconv"
	"time"
)

//go:embed templates
var templateFS embed.FS

// Translator returns the message for a catalogue key (web/locales), formatted with args.
type Translator func(key string, args ...any) string

// tokyo is the zone the binder's times are shown in.
var tokyo = func() *time.Location {
	if l, err := time.LoadLocation("Asia/Tokyo"); err == nil {
		return l
	}
	return time.FixedZone("JST", 9*3600)
}()

// section is one entry of the table of contents.
type section struct {
	ID, Title string
	Items     []section
}

// HTML renders the binder's page with t's messages.
func HTML(b *Binder, t Translator) ([]byte, error) {
	css, err := templateFS.ReadFile("templates/binder.css")
	if err != nil {
		return nil, err
	}
	tmpl, err := template.New("binder.html").Funcs(template.FuncMap{
		"T":   t,
		"dt":  func(x time.Time) string { return x.In(tokyo).Format("2006-01-02 15:04") },
		"day": func(x *time.Time) string { return x.In(tokyo).Format("2006-01-02") },
		"yen": yen,
	}).ParseFS(templateFS, "templates/binder.html")
	if err != nil {
		return nil, fmt.Errorf("binder: template: %w", err)
	}
	runbookIDs := map[string]bool{}
	for _, r := range b.Runbooks {
		runbookIDs[strconv.FormatInt(r.Article.ID, 10)] = true
	}
	data := map[string]any{"B": b, "CSS": template.CSS(css), "Sections": contents(b, t), "VaultFileName": VaultFileName, "RunbookIDs": runbookIDs}
	var buf bytes.Buffer
	if err := tmpl.Execute(&buf, data); err != nil {
		return nil, fmt.Errorf("binder: render: %w", err)
	}
	return buf.Bytes(), nil
}

// contents is the table of contents: the chapters present, in order.
func contents(b *Binder, t Translator) []section {
	var out []section
	r := b.Register
	for _, c := range []struct {
		id   string
		show bool
	}{{"systems", len(r.Systems) > 0}, {"diagram", r.Diagram != ""}, {"vendors", len(r.Vendors) > 0}, {"contracts", len(r.Contracts) > 0}, {"renewals", len(r.Renewals) > 0}} {
		if c.show {
			out = append(out, section{ID: c.id, Title: t("binder." + c.id)})
		}
	}
	rb := section{ID: "runbooks", Title: t("binder.runbooks")}
	for _, r := range b.Runbooks {
		rb.Items = append(rb.Items, section{ID: fmt.Sprintf("runbook-%d", r.Article.ID), Title: r.Article.Title})
	}
	out = append(out, rb)
	if len(b.Duties) > 0 {
		out = append(out, section{ID: "duties", Title: t("binder.duties")})
	}
	out = append(out, section{ID: "assets", Title: t("binder.assets")}, section{ID: "recovery", Title: t("binder.recovery")})
	return out
}

// yen writes an amount with thousands separators: 1,234,000.
func yen(v *int64) string {
	s := strconv.FormatInt(*v, 10)
	var b []byte
	for i := range len(s) {
		if i > 0 && (len(s)-i)%3 == 0 && s[i-1] != '-' {
			b = append(b, ',')
		}
		b = append(b, s[i])
	}
	return string(b)
}
