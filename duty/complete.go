package duty

import (
	"context"
	"strings"
	"unicode/utf8"

	"hitori"
)

// Completion is what a person records when an occurrence is done: which
// checklist lines were done (by index) and the evidence note.
type Completion struct {
	Done     map[int]bool
	Evidence string
}

// Complete records an occurrence's checklist results and evidence note
// (audited, once) and then resolves its task with the same summary as an
// internal note. The record comes first: it is the evidence; if resolving
// the task fails, completing again resolves it without a second record.
func (s *Service) Complete(ctx context.Context, occID int64, c Completion) (*hitori.DutyOccurrence, error) {
	o, err := s.Store.FindOccurrence(ctx, occID)
	if err != nil {
		return nil, err
	}
	d, err := s.Store.FindDuty(ctx, o.DutyID)
	if err != nil {
		return nil, err
	}
	if !o.Recorded() {
		evidence := strings.TrimSpace(c.Evidence)
		switch {
		case d.EvidencePrompt != "" && evidence == "":
			return nil, hitori.FieldError("evidence", "duty.error.evidence_required")
		case utf8.RuneCountInString(evidence) > hitori.DutyTextMax:
			return nil, hitori.FieldError("evidence", "duty.error.too_long")
		}
		checks := make([]hitori.DutyCheck, len(d.Checklist))
		for i, label := range d.Checklist {
			checks[i] = hitori.DutyCheck{Label: label, Done: c.Done[i]}
		}
		if o, err = s.Store.CompleteOccurrence(ctx, occID, checks, evidence); err != nil {
			return nil, err
		}
	}
	if o.ItemStatus.Open() {
		note := &hitori.Event{ItemID: o.ItemID, Kind: hitori.EventNote, Body: Summary(o)}
		if err := s.Work.Reply(ctx, note, hitori.StatusResolved); err != nil {
			return o, err
		}
		o.ItemStatus = hitori.StatusResolved
	}
	return o, nil
}

// Summary writes an occurrence's recorded checklist and evidence as plain
// text: ☑ for a line done, ☐ for one not done, then the note.
func Summary(o *hitori.DutyOccurrence) string {
	var b strings.Builder
	for _, c := range o.Checks {
		mark := "☐ "
		if c.Done {
			mark = "☑ "
		}
		b.WriteString(mark + c.Label + "\n")
	}
	if o.Evidence != "" {
		if b.Len() > 0 {
			b.WriteString("\n")
		}
		b.WriteString(o.Evidence)
	}
	out := strings.TrimSpace(b.String())
	if out == "" {
		return "☑"
	}
	return out
}

// ForDate finds a duty's occurrence by its nominal date (the path a
// task's text names).
func (s *Service) ForDate(ctx context.Context, dutyID int64, nominal hitori.Date) (*hitori.DutyOccurrence, error) {
	list, _, err := s.Store.FindOccurrences(ctx, hitori.OccurrenceFilter{DutyID: dutyID, Limit: 1,
		Nominal: nominal})
	if err != nil {
		return nil, err
	}
	if len(list) == 0 {
		return nil, hitori.KeyError(hitori.ENOTFOUND, "error.not_found")
	}
	return list[0], nil
}
