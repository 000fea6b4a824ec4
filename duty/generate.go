package duty

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"hitori"
)

// Run opens the tasks of every active duty's occurrences due from a
// little in the past up to today plus the duty's lead days, and returns
// how many it opened. A duty that fails does not stop the others; the
// errors come back joined (the job retries, and what was opened stays).
func (s *Service) Run(ctx context.Context) (int, error) {
	duties, err := s.Store.ActiveDuties(ctx)
	if err != nil {
		return 0, err
	}
	var errs []error
	opened := 0
	for _, d := range duties {
		n, err := s.generate(ctx, d)
		opened += n
		if err != nil {
			errs = append(errs, fmt.Errorf("duty %d: %w", d.ID, err))
		}
	}
	return opened, errors.Join(errs...)
}

// Job is the handler of JobGenerate.
func (s *Service) Job(ctx context.Context, _ *hitori.Job) error {
	_, err := s.Run(ctx)
	return err
}

// generate opens the missing occurrences of one duty.
func (s *Service) generate(ctx context.Context, d *hitori.Duty) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	today, ok := slaDate(s.Today())
	start, ok2 := slaDate(d.StartsOn)
	if !ok || !ok2 {
		return 0, fmt.Errorf("duty: bad date today %q or start %q", s.Today(), d.StartsOn)
	}
	from := today.AddDays(-backfillDays)
	if start.Compare(from) > 0 {
		from = start
	}
	to := today.AddDays(d.LeadDays)
	if from.Compare(to) > 0 {
		return 0, nil
	}
	dates := Dates(d.Schedule, s.Work.BusinessCalendar(), from, to)
	if len(dates) == 0 {
		return 0, nil
	}
	// Nominal days lie at most maxShift before the first due date.
	seen, err := s.Store.OccurrenceDates(ctx, d.ID, hitoriDate(dates[0].Nominal.AddDays(-maxShift)))
	if err != nil {
		return 0, err
	}
	opened := 0
	for _, dt := range dates {
		if seen[hitoriDate(dt.Nominal)] {
			continue
		}
		if err := s.open(ctx, d, dt); err != nil {
			return opened, err
		}
		opened++
	}
	return opened, nil
}

// open makes the task of one occurrence and records the occurrence. The
// task carries an origin key (OriginKey) that the items' store keeps
// unique: a run that died between the two steps, or a second process,
// finds the task already there and only records the occurrence.
func (s *Service) open(ctx context.Context, d *hitori.Duty, dt Date) error {
	it := s.task(d, dt)
	err := s.Work.Create(ctx, it)
	if hitori.ErrorCode(err) == hitori.ECONFLICT {
		it, err = s.Items.FindItemByMessageID(ctx, it.MessageID)
	}
	if err != nil {
		return err
	}
	o := &hitori.DutyOccurrence{DutyID: d.ID, NominalOn: hitoriDate(dt.Nominal), DueOn: hitoriDate(dt.Due), ItemID: it.ID}
	_, err = s.Store.AddOccurrence(ctx, o)
	return err
}

// OriginKey is the unique key a duty occurrence's task is opened with (in
// the item's Message-ID slot, which the store keeps unique and which
// nothing ever mails). The ".invalid" domain can never be a real sender.
func OriginKey(dutyID int64, nominal hitori.Date) string {
	return fmt.Sprintf("duty-%d-%s@hitori.invalid", dutyID, nominal)
}

// OccurrencePath is the page where an occurrence's checklist and evidence
// are recorded; known before the occurrence row exists, so the task's
// text can name it.
func OccurrencePath(dutyID int64, nominal hitori.Date) string {
	return fmt.Sprintf("/duties/%d/on/%s", dutyID, nominal)
}

// task is the board task of one occurrence: due at the end of the due
// day's office hours, important and not urgent (the second quadrant is
// where planned, recurring work belongs).
func (s *Service) task(d *hitori.Duty, dt Date) *hitori.Item {
	cal := s.Work.BusinessCalendar()
	closeAt := 18 * time.Hour
	if cal.Close > 0 {
		closeAt = cal.Close
	}
	due := time.Date(dt.Due.Year, dt.Due.Month, dt.Due.Day, 0, 0, 0, 0, s.loc()).Add(closeAt).UTC()
	var body strings.Builder
	if d.Description != "" {
		body.WriteString(d.Description + "\n\n")
	}
	for _, c := range d.Checklist {
		body.WriteString("☐ " + c + "\n")
	}
	if d.EvidencePrompt != "" {
		body.WriteString("\n✎ " + d.EvidencePrompt + "\n")
	}
	body.WriteString("\n" + OccurrencePath(d.ID, hitoriDate(dt.Nominal)))
	return &hitori.Item{
		Type: hitori.TypeTask, Source: hitori.SourceStaff, Important: true,
		Title:      fmt.Sprintf("%s（%d/%d）", d.Title, int(dt.Due.Month), dt.Due.Day),
		Body:       body.String(),
		Tags:       []string{hitori.TagDuty},
		AssigneeID: d.AssigneeID,
		DueAt:      &due,
		MessageID:  OriginKey(d.ID, hitoriDate(dt.Nominal)),
	}
}
