package app

import (
	"context"
	"html/template"

	"hitori/binder"
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
	if svc.Duties != nil {
		src.Duties = svc.Duties
	}
	return src
}
