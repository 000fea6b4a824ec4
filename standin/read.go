package standin

import (
	"context"
	"slices"

	"hitori"
	"hitori/vault"
)

// maxRunbooks bounds the stand-in's list; a one-person department has tens.
const maxRunbooks = 500

// asStore hides the stand-in from the stores' and services' own rules
// (the article store would show a non-staff account only public articles,
// the handover register only staff): the stand-in's rules are applied
// here instead — hitori.StandinMayRead, and the register read-only.
func asStore(ctx context.Context) context.Context { return hitori.NewContextWithUser(ctx, nil) }

// Runbooks lists the runbooks the stand-in may read, by title.
func (s *Service) Runbooks(ctx context.Context, u *hitori.User) ([]*hitori.Article, error) {
	list, _, err := s.Articles.FindArticles(asStore(ctx), hitori.ArticleFilter{Kind: hitori.KindRunbook, Sort: "title", Limit: maxRunbooks})
	if err != nil {
		return nil, err
	}
	return slices.DeleteFunc(list, func(a *hitori.Article) bool { return !hitori.StandinMayRead(a, u) }), nil
}

// Runbook returns one runbook the stand-in may read; any other article is
// ENOTFOUND, so ids reveal nothing.
func (s *Service) Runbook(ctx context.Context, u *hitori.User, id int64) (*hitori.Article, error) {
	a, err := s.Articles.FindArticleByID(asStore(ctx), id)
	if err != nil {
		return nil, err
	}
	if !hitori.StandinMayRead(a, u) {
		return nil, hitori.Errorf(hitori.ENOTFOUND, "article not found")
	}
	return a, nil
}

// Entries lists the vault entries granted for the window (metadata only).
func (s *Service) Entries(ctx context.Context, u *hitori.User, g *hitori.Standin) ([]*hitori.VaultEntry, error) {
	if len(g.Entries) == 0 {
		return nil, nil
	}
	list, err := s.Vault.List(ctx, vault.Actor{User: u})
	if err != nil {
		return nil, err
	}
	return slices.DeleteFunc(list, func(e *hitori.VaultEntry) bool { return !slices.Contains(g.Entries, e.ID) }), nil
}

// Entry returns one granted entry's metadata.
func (s *Service) Entry(ctx context.Context, u *hitori.User, g *hitori.Standin, id string) (*hitori.VaultEntry, error) {
	if !slices.Contains(g.Entries, id) {
		return nil, hitori.Errorf(hitori.ENOTFOUND, "vault entry not found")
	}
	return s.Vault.Entry(ctx, vault.Actor{User: u}, id)
}

// Reveal decrypts a granted entry; the vault records the reveal under the
// stand-in's name and address like any other.
func (s *Service) Reveal(ctx context.Context, u *hitori.User, g *hitori.Standin, ip, id string) (*vault.Secret, error) {
	if !slices.Contains(g.Entries, id) {
		return nil, hitori.Errorf(hitori.ENOTFOUND, "vault entry not found")
	}
	return s.Vault.Reveal(ctx, vault.Actor{User: u, Remote: ip}, id, hitori.VaultAuditReveal)
}

// Systems lists the register's systems, read-only (nil without a register).
func (s *Service) Systems(ctx context.Context) ([]*hitori.System, error) {
	if s.Register == nil {
		return nil, nil
	}
	return s.Register.AllSystems(asStore(ctx))
}

// Vendors lists the vendor cards with their contacts.
func (s *Service) Vendors(ctx context.Context) ([]*hitori.Vendor, error) {
	if s.Register == nil {
		return nil, nil
	}
	return s.Register.AllVendors(asStore(ctx))
}
