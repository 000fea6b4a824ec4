package app

import (
	"context"
	"html/template"

	"hitori"
	"hitori/binder"
	"hitori/duty"
	"hitori/handover"
	"hitori/markdown"
	"hitori/vault"
)

// BinderSources are where the handover binder is gathered from, for
// `hitori handover export` and the administrator's download alike. a is
// who asks, recorded by the vault if the binder includes its export.
func (svc *Services) BinderSources(a vault.Actor) binder.Sources {
	src := binder.Sources{
		Articles: svc.Stores.Articles,
		Assets:   svc.Stores.Assets,
		Render: func(body string) (template.HTML, error) {
			h, _, err := markdown.Render(body)
			return h, err
		},
		Recovery: func(ctx context.Context) (binder.Recovery, error) {
			st, err := svc.Vault.Status(ctx)
			return binder.Recovery{VaultExists: st.Exists, Mode: st.Mode, KitIssued: st.KitIssued, VaultID: st.VaultID}, err
		},
		VaultExport: func(ctx context.Context, passphrase string) ([]byte, error) {
			return svc.Vault.Export(ctx, a, passphrase)
		},
	}
	if svc.Handover != nil {
		src.Register = svc.Handover
		src.Diagram = func(systems []*hitori.System, t func(string) string) []byte { return handover.Diagram(systems, t) }
		src.Renewals = func(ctx context.Context) ([]binder.Renewal, error) {
			list, err := svc.Handover.Renewals(ctx, handover.RenewalFilter{})
			out := make([]binder.Renewal, 0, len(list))
			for _, r := range list {
				out = append(out, binder.Renewal{On: r.On, Kind: r.Kind, Label: r.Label})
			}
			return out, err
		}
	}
	if svc.Duty != nil {
		src.Duties = binderDuties{svc.Duty, svc.Stores.Users}
	}
	return src
}

// binderDuties lists the duties that are not paused, with their next due
// dates and assignees, for the binder (binder.DutySource).
type binderDuties struct {
	duty  *duty.Service
	users hitori.UserService
}

func (d binderDuties) BinderDuties(ctx context.Context) ([]binder.Duty, error) {
	list, err := d.duty.Store.ActiveDuties(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]binder.Duty, 0, len(list))
	for _, x := range list {
		bd := binder.Duty{Duty: x}
		for _, n := range d.duty.Upcoming(x, 3) {
			bd.Next = append(bd.Next, hitori.Date(n.Due.String()))
		}
		if x.AssigneeID != nil {
			if u, err := d.users.FindUserByID(ctx, *x.AssigneeID); err == nil {
				bd.Owner = u.Name
			}
		}
		out = append(out, bd)
	}
	return out, nil
}
