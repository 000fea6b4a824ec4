package work

import (
	"context"
	"testing"
	"time"

	"hitori"
	"hitori/sla"
)

// memItems is an in-memory ItemService for unit tests of the SLA logic.
type memItems struct {
	hitori.ItemService
	created []*hitori.Item
}

func (m *memItems) CreateItem(ctx context.Context, it *hitori.Item) error {
	it.ID = int64(len(m.created) + 1)
	it.CreatedAt = time.Now()
	m.created = append(m.created, it)
	return nil
}

func TestCreateSetsDueInBusinessHours(t *testing.T) {
	jst := time.FixedZone("JST", 9*3600)
	tests := []struct {
		name        string
		opened      time.Time
		urgent, imp bool
		wantFirst   time.Time
	}{
		{"Q1 Friday evening waits for Monday", time.Date(2026, 11, 27, 17, 30, 0, 0, jst), true, true, time.Date(2026, 11, 30, 9, 30, 0, 0, jst)},
		{"Q1 before new year holidays", time.Date(2026, 12, 28, 17, 45, 0, 0, jst), true, true, time.Date(2027, 1, 4, 9, 45, 0, 0, jst)},
		{"Q4 morning ends the same day", time.Date(2026, 11, 25, 9, 0, 0, 0, jst), false, false, time.Date(2026, 11, 25, 18, 0, 0, 0, jst)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := &memItems{}
			s := New(m, nil)
			s.Now = func() time.Time { return tt.opened }
			it := &hitori.Item{Title: "x", Urgent: tt.urgent, Important: tt.imp}
			if err := s.Create(context.Background(), it); err != nil {
				t.Fatal(err)
			}
			if it.FirstResponseDue == nil || !it.FirstResponseDue.Equal(tt.wantFirst) {
				t.Fatalf("first response due %v, want %v", it.FirstResponseDue, tt.wantFirst)
			}
		})
	}
}

func TestRisk(t *testing.T) {
	jst := time.FixedZone("JST", 9*3600)
	s := New(&memItems{}, nil)
	created := time.Date(2026, 11, 25, 9, 0, 0, 0, jst)
	due := created.Add(time.Hour)
	it := &hitori.Item{Type: hitori.TypeTicket, Status: hitori.StatusNew, CreatedAt: created, FirstResponseDue: &due}
	if r, _ := s.Risk(it, created.Add(10*time.Minute)); r != sla.RiskAtRisk {
		t.Fatalf("1-hour target is at risk from the start, got %v", r)
	}
	if r, _ := s.Risk(it, created.Add(2*time.Hour)); r != sla.RiskBreached {
		t.Fatalf("after due: %v", r)
	}
	task := &hitori.Item{Type: hitori.TypeTask}
	if r, _ := s.Risk(task, created); r != sla.RiskNone {
		t.Fatalf("task: %v", r)
	}
}

func TestStartClock(t *testing.T) {
	jst := time.FixedZone("JST", 9*3600)
	now := time.Date(2026, 11, 25, 9, 0, 0, 0, jst)
	preset := now.Add(72 * time.Hour)
	tests := []struct {
		name      string
		it        hitori.Item
		wantFirst *time.Time
	}{
		{"ticket starts its clock", hitori.Item{Type: hitori.TypeTicket}, ptr(now.Add(9 * time.Hour))},
		{"task has no SLA", hitori.Item{Type: hitori.TypeTask}, nil},
		{"due times already set are kept", hitori.Item{Type: hitori.TypeTicket, FirstResponseDue: &preset}, &preset},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := New(&memItems{}, nil)
			s.Now = func() time.Time { return now }
			it := tt.it
			s.StartClock(context.Background(), &it)
			if got := it.FirstResponseDue; (got == nil) != (tt.wantFirst == nil) || got != nil && !got.Equal(*tt.wantFirst) {
				t.Fatalf("first response due %v, want %v", got, tt.wantFirst)
			}
		})
	}
}

func ptr[T any](v T) *T { return &v }
