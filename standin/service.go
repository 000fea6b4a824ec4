// Package standin is the absence mode: an administrator grants a stand-in
// or outside vendor a time-boxed, read-only access to the runbooks, the
// systems and vendor cards, and named vault entries; the access ends by
// itself at its Until, or earlier when revoked.
package standin

import (
	"context"
	"fmt"
	"slices"
	"time"

	"hitori"
	"hitori/vault"
)

// Vault is what the absence mode needs of the credential vault: named
// entries are shared with the stand-in's account for the window, through
// the vault's own per-user grants, so reveals are the vault's audited ones.
type Vault interface {
	Entry(ctx context.Context, a vault.Actor, id string) (*hitori.VaultEntry, error)
	List(ctx context.Context, a vault.Actor) ([]*hitori.VaultEntry, error)
	Update(ctx context.Context, a vault.Actor, id string, in vault.EntryInput) error
	Reveal(ctx context.Context, a vault.Actor, id, action string) (*vault.Secret, error)
}

// Articles is the knowledge base as the stand-in reads it.
type Articles interface {
	FindArticleByID(ctx context.Context, id int64) (*hitori.Article, error)
	FindArticles(ctx context.Context, f hitori.ArticleFilter) ([]*hitori.Article, int, error)
}

// Register is the handover register as the stand-in reads it: systems
// and vendor cards.
type Register interface {
	AllSystems(ctx context.Context) ([]*hitori.System, error)
	AllVendors(ctx context.Context) ([]*hitori.Vendor, error)
}

// Service is the absence mode: every grant, link, revocation and expiry
// goes through it.
type Service struct {
	Store    hitori.StandinStore
	Vault    Vault
	Articles Articles
	Register Register // nil: no systems or vendors to show
	Now      func() time.Time
}

// New returns the service.
func New(store hitori.StandinStore, v Vault, a Articles) *Service {
	return &Service{Store: store, Vault: v, Articles: a, Now: time.Now}
}

func (s *Service) now() time.Time { return s.Now().UTC() }

// ErrEnded is the refusal of a grant that is over (or not yet begun); the
// page says so plainly instead of "sign in".
var ErrEnded = hitori.KeyError(hitori.EUNAUTHORIZED, "error.standin_ended")

// Grant creates a stand-in access and returns its one-time sign-in token
// (shown once to the administrator, or mailed). The named vault entries
// are shared with the new account; if that fails (a locked vault) the grant
// is withdrawn again, so no half-made access stays behind.
func (s *Service) Grant(ctx context.Context, by *hitori.User, ip string, g *hitori.Standin) (string, error) {
	if by == nil || by.Role != hitori.RoleAdmin {
		return "", hitori.KeyError(hitori.EFORBIDDEN, "error.forbidden")
	}
	if err := g.Validate(s.now()); err != nil {
		return "", err
	}
	g.Entries = slices.Compact(slices.Sorted(slices.Values(g.Entries)))
	actor := vault.Actor{User: by, Remote: ip}
	for _, id := range g.Entries {
		if _, err := s.Vault.Entry(ctx, actor, id); err != nil {
			return "", hitori.FieldError("entries", "error.standin_entry")
		}
	}
	g.CreatedBy = by.ID
	if err := s.Store.CreateStandin(ctx, g, by, ip); err != nil {
		return "", err
	}
	if err := s.share(ctx, actor, g, true); err != nil {
		_ = s.Store.RevokeStandin(ctx, g.ID, by, ip)
		_ = s.share(ctx, actor, g, false)
		_ = s.Store.CloseStandin(ctx, g.ID, hitori.AuditStandinRevoke)
		return "", err
	}
	return s.NewLink(ctx, by, ip, g.ID)
}

// NewLink replaces the grant's sign-in token, for a link lost or used up.
func (s *Service) NewLink(ctx context.Context, by *hitori.User, ip string, id int64) (string, error) {
	g, err := s.Store.FindStandin(ctx, id)
	if err != nil {
		return "", err
	}
	if g.Ended(s.now()) {
		return "", hitori.KeyError(hitori.ECONFLICT, "error.standin_ended")
	}
	token := hitori.RandomToken("", 32)
	if err := s.Store.SetStandinLink(ctx, id, token, by, ip); err != nil {
		return "", err
	}
	return token, nil
}

// SignIn spends a sign-in token and returns the grant; before From or
// after Until the answer is ErrEnded-like refusal and the token is kept.
func (s *Service) SignIn(ctx context.Context, token string) (*hitori.Standin, error) {
	return s.Store.ConsumeStandinLink(ctx, token, s.now())
}

// Current returns the user's grant when it admits them now; ErrEnded when
// it is revoked, over or not yet begun.
func (s *Service) Current(ctx context.Context, u *hitori.User) (*hitori.Standin, error) {
	g, err := s.Store.CurrentStandin(ctx, u.ID)
	if hitori.ErrorCode(err) == hitori.ENOTFOUND {
		return nil, ErrEnded
	}
	if err != nil {
		return nil, err
	}
	if !g.ActiveAt(s.now()) {
		return g, ErrEnded
	}
	return g, nil
}

// Revoke ends a grant early: its sessions end at once and its vault
// shares are withdrawn.
func (s *Service) Revoke(ctx context.Context, by *hitori.User, ip string, id int64) error {
	if by == nil || by.Role != hitori.RoleAdmin {
		return hitori.KeyError(hitori.EFORBIDDEN, "error.forbidden")
	}
	g, err := s.Store.FindStandin(ctx, id)
	if err != nil {
		return err
	}
	if g.ClosedAt != nil {
		return nil
	}
	if g.RevokedAt == nil {
		if err := s.Store.RevokeStandin(ctx, id, by, ip); err != nil {
			return err
		}
	}
	if err := s.share(ctx, vault.Actor{User: by, Remote: ip}, g, false); err != nil {
		return err
	}
	return s.Store.CloseStandin(ctx, id, hitori.AuditStandinRevoke)
}

// JobExpire is the kind of the recurring job that withdraws the shares of
// grants that ran out (their sign-ins are refused from Until on anyway).
const JobExpire = "standin.expire"

// ExpireSchedule runs the sweep every quarter of an hour.
const ExpireSchedule = "every 900s"

// ExpireJob withdraws the vault shares of ended grants and closes them.
func (s *Service) ExpireJob(ctx context.Context, _ *hitori.Job) error {
	ended, err := s.Store.EndedStandins(ctx, s.now())
	if err != nil {
		return err
	}
	for _, g := range ended {
		if err := s.share(ctx, vault.Actor{Name: "", Remote: "standin expiry"}, g, false); err != nil {
			return fmt.Errorf("standin: withdraw shares of grant %d: %w", g.ID, err)
		}
		if err := s.Store.CloseStandin(ctx, g.ID, hitori.AuditStandinExpire); err != nil {
			return err
		}
	}
	return nil
}

// share adds (on) or removes the stand-in's account from the grants of
// each named entry; an entry deleted meanwhile is skipped.
func (s *Service) share(ctx context.Context, a vault.Actor, g *hitori.Standin, on bool) error {
	for _, id := range g.Entries {
		e, err := s.Vault.Entry(ctx, a, id)
		if hitori.ErrorCode(err) == hitori.ENOTFOUND {
			continue
		}
		if err != nil {
			return err
		}
		grants := slices.DeleteFunc(slices.Clone(e.Grants), func(x hitori.VaultGrant) bool { return x.UserID == g.UserID })
		if on {
			grants = append(grants, hitori.VaultGrant{UserID: g.UserID})
		} else if len(grants) == len(e.Grants) {
			continue
		}
		in := vault.EntryInput{System: e.System, URL: e.URL, Username: e.Username, RotateBy: e.RotateBy, Grants: grants}
		if err := s.Vault.Update(ctx, a, id, in); err != nil {
			return err
		}
	}
	return nil
}
