package app

import (
	"context"
	"fmt"

	"hitori"
	"hitori/monitor"
)

// buildIncidents wires alerting: the incident jobs the monitors' writer
// owes, the sweep that escalates and reminds, and the incidents' items
// through the work service.
func buildIncidents(ctx context.Context, svc *Services, opt Options) error {
	st := svc.Stores
	if st.Incidents == nil {
		return nil
	}
	a := &monitor.Alerts{Store: st.Incidents, Work: svc.Work, Items: st.Items, BaseURL: opt.BaseURL, Log: opt.Log}
	if m := opt.Mailer; m != nil {
		if a.BaseURL == "" {
			a.BaseURL = m.BaseURL
		}
		a.Lang = m.Lang
	}
	if st.Channels != nil { // the notify area's channels: a deleted one is skipped, not sent to
		a.Channels = st.Incidents
	}
	svc.Incidents = a
	if opt.Engine == nil {
		return nil
	}
	opt.Engine.Register(hitori.JobIncidentAct, a.ActJob)
	opt.Engine.Register(hitori.JobIncidentItem, a.ItemJob)
	opt.Engine.Register(hitori.JobIncidentSweep, a.SweepJob)
	sc := hitori.Schedule{Name: hitori.JobIncidentSweep, Kind: hitori.JobIncidentSweep, Spec: monitor.SweepSchedule}
	if err := opt.Engine.Declare(ctx, sc); err != nil {
		return fmt.Errorf("app: schedule %s: %w", sc.Name, err)
	}
	return nil
}
