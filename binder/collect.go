package binder

import (
	"context"
	"fmt"
	"html/template"
	"slices"
	"strings"
	"time"

	"hitori"
)

// Articles is the knowledge base as the binder reads it (every article:
// the caller's context carries no user, or an administrator).
type Articles interface {
	AllArticles(ctx context.Context, fn func(*hitori.Article) error) error
}

// Assets is the register as the binder reads it.
type Assets interface {
	FindAssets(ctx context.Context, f hitori.AssetFilter) ([]*hitori.Asset, int, error)
}

// DutySource lists the recurring duties; the duties area implements it.
type DutySource interface {
	BinderDuties(ctx context.Context) ([]Duty, error)
}

// Sources are where Collect gathers the binder from. Nil sources leave
// their chapter empty (Duties: absent).
type Sources struct {
	Register RegisterSource
	// Diagram draws the configuration diagram of systems as SVG, its words
	// from t (handover.Diagram); nil: none.
	Diagram func(systems []*hitori.System, t func(key string) string) []byte
	// Renewals is the renewal calendar; nil: the contracts' own dates.
	Renewals func(ctx context.Context) ([]Renewal, error)
	Articles Articles
	Assets   Assets
	Duties   DutySource
	// Render turns an article's Markdown into safe HTML (markdown.Render).
	Render func(body string) (template.HTML, error)
	// Recovery reports the vault's state.
	Recovery func(ctx context.Context) (Recovery, error)
	// VaultExport returns the vault encrypted under passphrase (audited by the vault).
	VaultExport func(ctx context.Context, passphrase string) ([]byte, error)
	Now         func() time.Time
}

// Options are the user's choices.
type Options struct {
	// T is the binder's catalogue (the diagram's words come from it); nil:
	// the keys themselves.
	T       Translator
	Lang    string
	Company string
	BaseURL string
	// IncludeSecrets adds the vault's export encrypted under Passphrase.
	IncludeSecrets bool
	Passphrase     string
}

// maxAssets bounds the register walk; an SME has hundreds to a few thousand.
const maxAssets = 50000

// Collect gathers the binder. Credentials come in only when asked, and
// then only as the vault's encrypted export.
func Collect(ctx context.Context, src Sources, opt Options) (*Binder, error) {
	now := time.Now
	if src.Now != nil {
		now = src.Now
	}
	b := &Binder{Lang: opt.Lang, Company: opt.Company, BaseURL: strings.TrimRight(opt.BaseURL, "/"), Generated: now().UTC()}
	if b.Lang != "en" {
		b.Lang = "ja"
	}
	var err error
	t := opt.T
	if t == nil {
		t = func(key string, _ ...any) string { return key }
	}
	if b.Register, err = register(ctx, src, t, hitori.DateOf(b.Generated.In(tokyo))); err != nil {
		return nil, err
	}
	if b.Runbooks, err = runbooks(ctx, src); err != nil {
		return nil, err
	}
	if src.Assets != nil {
		if b.Assets, err = assetSummary(ctx, src.Assets, b.Generated); err != nil {
			return nil, err
		}
	}
	if src.Duties != nil {
		if b.Duties, err = src.Duties.BinderDuties(ctx); err != nil {
			return nil, fmt.Errorf("binder: duties: %w", err)
		}
	}
	if src.Recovery != nil {
		if b.Recovery, err = src.Recovery(ctx); err != nil {
			return nil, fmt.Errorf("binder: vault state: %w", err)
		}
	}
	if opt.IncludeSecrets {
		if src.VaultExport == nil {
			return nil, hitori.Errorf(hitori.EINVALID, "no vault to export")
		}
		if b.VaultFile, err = src.VaultExport(ctx, opt.Passphrase); err != nil {
			return nil, err
		}
	}
	return b, nil
}

// runbooks are the runbook articles not restricted to named readers, by
// category and title, rendered.
func runbooks(ctx context.Context, src Sources) ([]Runbook, error) {
	if src.Articles == nil {
		return nil, nil
	}
	var out []Runbook
	err := src.Articles.AllArticles(ctx, func(a *hitori.Article) error {
		if a.Kind != hitori.KindRunbook || a.Visibility == hitori.VisibleRestricted {
			return nil
		}
		body := dropTitle(a.Body, a.Title)
		r := Runbook{Article: a, HTML: template.HTML("<pre>" + template.HTMLEscapeString(body) + "</pre>")}
		if src.Render != nil {
			if h, err := src.Render(body); err == nil {
				r.HTML = h // a body that fails to render stays as text: it may be the one needed
			}
		}
		out = append(out, r)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("binder: runbooks: %w", err)
	}
	slices.SortFunc(out, func(x, y Runbook) int {
		if c := strings.Compare(x.Article.Category, y.Article.Category); c != 0 {
			return c
		}
		return strings.Compare(x.Article.Title, y.Article.Title)
	})
	return out, nil
}

// dropTitle removes a first line "# Title" that repeats the article's
// title, which the binder already shows as the runbook's heading.
func dropTitle(body, title string) string {
	trimmed := strings.TrimLeft(body, " \t\r\n")
	line, rest, _ := strings.Cut(trimmed, "\n")
	if h, ok := strings.CutPrefix(strings.TrimSpace(line), "# "); ok && strings.TrimSpace(h) == strings.TrimSpace(title) {
		return rest
	}
	return body
}

// assetSummary walks the register once: counts by type and status, and
// the warranties ending within WarrantyHorizon of now (retired assets left out).
func assetSummary(ctx context.Context, st Assets, now time.Time) (AssetSummary, error) {
	var s AssetSummary
	byType, byStatus := map[hitori.AssetType]int{}, map[hitori.AssetStatus]int{}
	today, horizon := hitori.DateOf(now.In(tokyo)), hitori.DateOf(now.In(tokyo).Add(WarrantyHorizon))
	for offset := 0; offset < maxAssets; offset += 500 {
		page, total, err := st.FindAssets(ctx, hitori.AssetFilter{Sort: "number", Offset: offset, Limit: 500})
		if err != nil {
			return s, fmt.Errorf("binder: assets: %w", err)
		}
		s.Total = total
		for _, a := range page {
			byType[a.Type]++
			byStatus[a.Status]++
			if a.WarrantyUntil != "" && a.WarrantyUntil >= today && a.WarrantyUntil <= horizon && a.Status != hitori.AssetRetired {
				s.Warranties = append(s.Warranties, a)
			}
		}
		if len(page) < 500 {
			break
		}
	}
	for _, t := range hitori.AssetTypes {
		s.ByType = append(s.ByType, Count{Key: string(t), N: byType[t]})
	}
	for _, st := range hitori.AssetStatuses {
		s.ByStatus = append(s.ByStatus, Count{Key: string(st), N: byStatus[st]})
	}
	slices.SortStableFunc(s.Warranties, func(x, y *hitori.Asset) int { return strings.Compare(string(x.WarrantyUntil), string(y.WarrantyUntil)) })
	return s, nil
}
