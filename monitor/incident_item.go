package monitor

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"hitori"
)

// An incident becomes a work item through the work service (its SLA clock,
// rules and timeline hold as for any ticket): opened with the incident,
// and when the outage is over, given the incident's timeline as a note and
// resolved. JobIncidentItem does both; it is idempotent, keyed by
// Message-IDs no mail ever carries.

// ItemJob is the handler of JobIncidentItem.
func (a *Alerts) ItemJob(ctx context.Context, j *hitori.Job) error {
	var p hitori.IncidentJob
	if err := json.Unmarshal([]byte(j.Payload), &p); err != nil {
		return fmt.Errorf("monitor: incident item payload: %w", err)
	}
	return a.SyncItem(hitori.NewContextWithUser(ctx, nil), p.IncidentID)
}

func incidentMessageID(id int64, what string) string {
	return fmt.Sprintf("<incident-%d-%s@hitori.invalid>", id, what)
}

// SyncItem opens the incident's item if it has none, and resolves it with
// the timeline once the incident is resolved.
func (a *Alerts) SyncItem(ctx context.Context, id int64) error {
	if a.Work == nil || a.Items == nil {
		return nil
	}
	in, _, _, err := a.Store.IncidentForAct(ctx, id)
	if err != nil {
		return err
	}
	t := alertTexts[a.lang()]
	if in.ItemID == 0 {
		it := &hitori.Item{Type: hitori.TypeTicket, Source: hitori.SourceStaff, Urgent: in.Critical, Important: true,
			Title: fmt.Sprintf(t.subject[hitori.EntryAlert], in.Title, 0, ""), Tags: []string{"incident"},
			Body:      fmt.Sprintf(t.itemBody, strings.TrimRight(a.BaseURL, "/"), in.ID),
			MessageID: incidentMessageID(in.ID, "open")}
		err := a.Work.Create(ctx, it)
		if hitori.ErrorCode(err) == hitori.ECONFLICT { // made by an earlier run that died before recording it
			it, err = a.Items.FindItemByMessageID(ctx, it.MessageID)
		}
		if err != nil {
			return fmt.Errorf("monitor: incident %d item: %w", id, err)
		}
		if err := a.Store.SetIncidentItem(ctx, id, it.ID); err != nil {
			return err
		}
		in.ItemID = it.ID
	}
	if in.Open() {
		return nil
	}
	it, err := a.Items.FindItemByID(ctx, in.ItemID)
	if hitori.ErrorCode(err) == hitori.ENOTFOUND {
		return nil
	}
	if err != nil || !it.Status.Open() {
		return err
	}
	entries, err := a.Store.IncidentTimeline(ctx, id)
	if err != nil {
		return err
	}
	note := &hitori.Event{ItemID: it.ID, Kind: hitori.EventNote, Author: "hitori", Body: a.TimelineText(in, entries),
		MessageID: incidentMessageID(in.ID, "resolved")}
	err = a.Work.Reply(ctx, note, hitori.StatusResolved)
	if hitori.ErrorCode(err) == hitori.ECONFLICT { // the note is there from an earlier run
		resolved := hitori.StatusResolved
		_, err = a.Items.UpdateItem(ctx, it.ID, hitori.ItemUpdate{Status: &resolved})
	}
	var e *hitori.Error
	if errors.As(err, &e) && e.Code == hitori.ENOTFOUND {
		return nil
	}
	return err
}

func (a *Alerts) lang() string {
	if _, ok := alertTexts[a.Lang]; ok {
		return a.Lang
	}
	return "ja"
}

// TimelineText is an incident's timeline as plain text, one line each.
func (a *Alerts) TimelineText(in *hitori.Incident, entries []*hitori.IncidentEntry) string {
	t := alertTexts[a.lang()]
	var b strings.Builder
	fmt.Fprintf(&b, "%s\n\n", fmt.Sprintf(t.subject[hitori.EntryRecovery], in.Title, 0, humanSpan(in.ResolvedAt.Sub(in.OpenedAt), a.lang())))
	for _, e := range entries {
		fmt.Fprintf(&b, "- %s %s", e.At.In(hitori.Tokyo).Format("01-02 15:04"), t.entry[e.Kind])
		if e.Step > 0 {
			fmt.Fprintf(&b, " (%s %d)", t.step, e.Step)
		}
		if e.ChannelID > 0 {
			fmt.Fprintf(&b, " #%d", e.ChannelID)
		}
		for _, s := range []string{e.Actor, e.Message} {
			if s != "" {
				fmt.Fprintf(&b, " %s", s)
			}
		}
		b.WriteByte('\n')
	}
	return b.String()
}
