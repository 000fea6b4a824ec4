package app

import (
	"context"
	"fmt"

	"hitori"
	"hitori/standin"
)

// buildStandin wires the absence mode on the vault and the knowledge base,
// and declares the sweep that withdraws the shares of ended grants.
func buildStandin(ctx context.Context, svc *Services, opt Options) error {
	st := svc.Stores
	svc.Standin = standin.New(st.Standins, svc.Vault, st.Articles)
	if svc.Handover != nil {
		svc.Standin.Register = svc.Handover
	}
	if opt.Engine == nil {
		return nil
	}
	opt.Engine.Register(standin.JobExpire, svc.Standin.ExpireJob)
	sc := hitori.Schedule{Name: standin.JobExpire, Kind: standin.JobExpire, Spec: standin.ExpireSchedule}
	if err := opt.Engine.Declare(ctx, sc); err != nil {
		return fmt.Errorf("app: schedule %s: %w", sc.Name, err)
	}
	return nil
}
