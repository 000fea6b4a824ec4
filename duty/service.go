package duty

import (
	"context"
	"sync"
	"time"

	"hitori"
	"hitori/sla"
)

// Job kind and schedule of the generator.
const (
	// JobGenerate opens the tasks of the occurrences that are due within
	// their duty's lead days.
	JobGenerate = "duty.generate"
	// GenerateSchedule is when JobGenerate runs (Asia/Tokyo): before the
	// working day, so today's tasks are on the board when it starts.
	GenerateSchedule = "daily 05:00"
	// backfillDays is how far back a run still opens a missed occurrence
	// (the server was off for a holiday week): they show as missed.
	backfillDays = 31
)

// Work is what the service needs of the work area: it opens each task
// and resolves it on completion through the work service, so the items'
// rules (validation, assignee checks, outbox) hold for duty tasks too.
type Work interface {
	Create(ctx context.Context, it *hitori.Item) error
	Reply(ctx context.Context, e *hitori.Event, status hitori.Status) error
	BusinessCalendar() *sla.Calendar
}

// Items finds the task an occurrence already opened, by its origin key.
type Items interface {
	FindItemByMessageID(ctx context.Context, messageID string) (*hitori.Item, error)
	FindItemByID(ctx context.Context, id int64) (*hitori.Item, error)
}

// Service is the recurring duties' service.
type Service struct {
	Store hitori.DutyStore
	Work  Work
	Items Items
	// Now is the clock (tests set a fake one); nil: time.Now.
	Now func() time.Time
	// Location is the calendar's zone; nil: Asia/Tokyo.
	Location *time.Location

	// mu keeps two generator runs in this process from opening the same
	// task twice in a row; across processes the origin key does.
	mu sync.Mutex
}

// New returns the service.
func New(store hitori.DutyStore, work Work, items Items) *Service {
	return &Service{Store: store, Work: work, Items: items}
}

func (s *Service) now() time.Time {
	if s.Now != nil {
		return s.Now()
	}
	return time.Now()
}

func (s *Service) loc() *time.Location {
	if s.Location != nil {
		return s.Location
	}
	return tokyo()
}

// tokyo loads Asia/Tokyo once, with a fixed +09:00 where there is no tzdata
// (exact: Japan has no daylight saving time).
var tokyo = sync.OnceValue(func() *time.Location {
	if loc, err := time.LoadLocation("Asia/Tokyo"); err == nil {
		return loc
	}
	return time.FixedZone("JST", 9*60*60)
})

// Today is the calendar date in the service's location.
func (s *Service) Today() hitori.Date { return hitori.DateOf(s.now().In(s.loc())) }

// Upcoming returns a duty's next n due dates from today, for the duty
// page ("what will the board get, and when").
func (s *Service) Upcoming(d *hitori.Duty, n int) []Date {
	from, _ := slaDate(s.Today())
	if start, ok := slaDate(d.StartsOn); ok && start.Compare(from) > 0 {
		from = start
	}
	// A yearly duty needs a year's window to show even one date.
	ds := Dates(d.Schedule, s.Work.BusinessCalendar(), from, from.AddDays(400))
	return ds[:min(n, len(ds))]
}

// Create stores a new duty and opens the tasks already due within its
// lead days, so the board shows them without waiting for the next run.
func (s *Service) Create(ctx context.Context, d *hitori.Duty) error {
	if d.StartsOn == "" {
		d.StartsOn = s.Today()
	}
	if err := s.Store.CreateDuty(ctx, d); err != nil {
		return err
	}
	_, err := s.generate(ctx, d)
	return err
}

// Update stores a duty's changes and opens what its new schedule makes
// due; tasks already opened stay as they are.
func (s *Service) Update(ctx context.Context, d *hitori.Duty) error {
	if err := s.Store.UpdateDuty(ctx, d); err != nil {
		return err
	}
	if d.Paused {
		return nil
	}
	_, err := s.generate(ctx, d)
	return err
}
