package monitor

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"time"

	"hitori"
)

// Alerts runs the incidents' alerting on the job engine: JobIncidentAct
// looks at one incident as soon as its monitor's batch changed it, and
// JobIncidentSweep (a schedule) looks at those whose time came — a step
// unacknowledged too long, a reminder, quiet hours ending, a recovery
// that held. No goroutine waits per incident: an incident's next look is
// a column (next_at), and the sweep asks an index for the due ones.
type Alerts struct {
	Store hitori.IncidentStore
	// Channels names the alert channels (notify's); nil: every id is
	// taken to exist and is shown as a number.
	Channels hitori.AlertChannelNames
	// Work and Items open and close an incident's work item through the
	// work service, so the item's rules, SLA and timeline hold.
	Work    ItemOpener
	Items   hitori.ItemService
	BaseURL string // for the links in messages
	Lang    string // the messages' language, "ja" when empty
	Now     func() time.Time
	Log     *slog.Logger
}

// ItemOpener is what alerting needs of the work service (work.Service).
type ItemOpener interface {
	Create(ctx context.Context, it *hitori.Item) error
	Reply(ctx context.Context, e *hitori.Event, status hitori.Status) error
}

// SweepSchedule is how often the sweep looks for due incidents: an
// escalation or reminder fires at most this late. One indexed query when
// nothing is due (BENCHMARKS.md, alerting).
const SweepSchedule = "every 15s"

// sweepBatch bounds one sweep; the next takes the rest.
const sweepBatch = 200

func (a *Alerts) now() time.Time {
	if a.Now != nil {
		return a.Now().UTC()
	}
	return time.Now().UTC()
}

func (a *Alerts) log() *slog.Logger {
	if a.Log != nil {
		return a.Log
	}
	return slog.Default()
}

// ActJob is the handler of JobIncidentAct.
func (a *Alerts) ActJob(ctx context.Context, j *hitori.Job) error {
	var p hitori.IncidentJob
	if err := json.Unmarshal([]byte(j.Payload), &p); err != nil {
		return fmt.Errorf("monitor: incident job payload: %w", err)
	}
	return a.Act(ctx, p.IncidentID)
}

// SweepJob is the handler of JobIncidentSweep.
func (a *Alerts) SweepJob(ctx context.Context, _ *hitori.Job) error {
	_, err := a.Sweep(ctx)
	return err
}

// Sweep looks at every incident whose time came; it returns how many.
func (a *Alerts) Sweep(ctx context.Context) (int, error) {
	ids, err := a.Store.DueIncidents(ctx, a.now(), sweepBatch)
	if err != nil {
		return 0, err
	}
	for _, id := range ids {
		if err := a.Act(ctx, id); err != nil {
			return 0, err
		}
	}
	return len(ids), nil
}

// Act looks at one incident now and stores what the rules decide: the
// timeline entries and the notify.send jobs go in one transaction with
// the incident's new state, or, if the incident changed meanwhile, not at
// all and the look is repeated.
func (a *Alerts) Act(ctx context.Context, id int64) error {
	for try := 0; ; try++ {
		err := a.act(ctx, id)
		if hitori.ErrorCode(err) != hitori.ECONFLICT || try == 3 {
			return err
		}
	}
}

func (a *Alerts) act(ctx context.Context, id int64) error {
	in, st, retries, err := a.Store.IncidentForAct(ctx, id)
	if err != nil {
		return err
	}
	if !in.Open() {
		return nil
	}
	rule, _, err := a.Store.AlertRule(ctx, in.MonitorID)
	if err != nil {
		return err
	}
	cal, err := a.Store.OnCall(ctx)
	if err != nil {
		return err
	}
	l := look{now: a.now(), state: st, retries: retries, rule: rule, oncall: cal}
	if a.Channels != nil {
		names, err := a.Channels.AlertChannelNames(ctx)
		if err != nil {
			return err
		}
		l.exists = func(id int64) bool { _, ok := names[id]; return ok }
	}
	p := decide(*in, l)
	if !p.changed && len(p.entries) == 0 && len(p.sends) == 0 {
		return nil
	}
	jobs, err := a.jobs(ctx, &p, st)
	if err != nil {
		return err
	}
	return a.Store.ApplyIncident(ctx, &p.in, p.entries, jobs)
}

// jobs turns a plan's sends into notify.send jobs (and the item job).
func (a *Alerts) jobs(ctx context.Context, p *plan, st *hitori.MonitorState) ([]*hitori.Job, error) {
	var out []*hitori.Job
	for _, s := range p.sends {
		msg, err := a.message(ctx, &p.in, st, s)
		if err != nil {
			return nil, err
		}
		payload, err := json.Marshal(hitori.NotifyPayload{ChannelID: s.channel, Message: msg})
		if err != nil {
			return nil, err
		}
		out = append(out, &hitori.Job{Kind: hitori.JobNotifySend, Payload: string(payload), RunAt: s.runAt})
	}
	if p.item {
		out = append(out, incidentJob(hitori.JobIncidentItem, p.in.ID))
	}
	return out, nil
}

func incidentJob(kind string, id int64) *hitori.Job {
	b, _ := json.Marshal(hitori.IncidentJob{IncidentID: id})
	return &hitori.Job{Kind: kind, Payload: string(b), UniqueKey: fmt.Sprintf("%s:%d", kind, id), MaxAttempts: 20}
}

// Acknowledge marks an incident acknowledged by the signed-in user.
func (a *Alerts) Acknowledge(ctx context.Context, id int64) error {
	if hitori.UserFromContext(ctx) == nil {
		return hitori.KeyError(hitori.EFORBIDDEN, "error.forbidden") // the system acknowledges only by a signed link
	}
	return a.Store.AcknowledgeIncident(ctx, id, "")
}
