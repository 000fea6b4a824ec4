package sla

import (
	"fmt"
	"math/rand/v2"
	"sync"
	"testing"
	"time"
	_ "time/tzdata" // TestBetweenDST needs America/New_York even where the system has no zoneinfo
)

func TestAdd(t *testing.T) {
	def := DefaultCalendar()
	lunch := lunchCalendar()
	noPublic := DefaultCalendar()
	noPublic.NoPublicHolidays = true
	noPublic.Company = nil
	tests := []struct {
		name  string
		c     *Calendar
		start string
		d     time.Duration
		want  string
	}{
		{"same day", def, "2026-11-25 10:00", 2 * time.Hour, "2026-11-25 12:00"},
		{"exact fit ends at closing", def, "2026-11-25 10:00", 8 * time.Hour, "2026-11-25 18:00"},
		{"overnight", def, "2026-11-25 17:00", 2 * time.Hour, "2026-11-26 10:00"},
		{"before opening", def, "2026-11-25 07:00", time.Hour, "2026-11-25 10:00"},
		{"after closing", def, "2026-11-25 20:00", time.Hour, "2026-11-26 10:00"},
		{"over the weekend", def, "2026-11-27 17:00", 2 * time.Hour, "2026-11-30 10:00"},
		{"from Saturday", def, "2026-11-28 10:00", 4 * time.Hour, "2026-11-30 13:00"},
		{"several days", def, "2026-11-30 09:00", 27 * time.Hour, "2026-12-02 18:00"},
		{"over 昭和の日", def, "2026-04-28 17:00", 2 * time.Hour, "2026-04-30 10:00"},
		{"over Golden Week", def, "2026-05-01 17:00", 2 * time.Hour, "2026-05-07 10:00"},
		{"over Silver Week", def, "2026-09-18 17:00", 2 * time.Hour, "2026-09-24 10:00"},
		{"over 年末年始", def, "2026-12-28 17:00", 2 * time.Hour, "2027-01-04 10:00"},
		{"inside 年末年始", def, "2026-12-31 12:00", 30 * time.Minute, "2027-01-04 09:30"},
		{"zero stays put", def, "2026-11-28 10:00", 0, "2026-11-28 10:00"},
		{"negative stays put", def, "2026-11-25 10:00", -time.Hour, "2026-11-25 10:00"},
		{"skips lunch", lunch, "2026-11-25 11:00", 2 * time.Hour, "2026-11-25 14:00"},
		{"starts in lunch", lunch, "2026-11-25 12:30", 30 * time.Minute, "2026-11-25 13:30"},
		{"fills the morning", lunch, "2026-11-25 11:00", time.Hour, "2026-11-25 12:00"},
		{"public holidays ignored", noPublic, "2026-05-01 17:00", 2 * time.Hour, "2026-05-04 10:00"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := tt.c.Add(mustTime(t, tt.start), tt.d)
			if want := mustTime(t, tt.want); !got.Equal(want) {
				t.Errorf("Add(%s, %v) = %v, want %v", tt.start, tt.d, got, want)
			}
		})
	}
}

func TestAddOtherLocationInput(t *testing.T) {
	// 00:00 UTC is 09:00 in Tokyo: the calendar's own zone decides hours.
	start := time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC)
	got := DefaultCalendar().Add(start, time.Hour)
	if want := time.Date(2026, 11, 25, 1, 0, 0, 0, time.UTC); !got.Equal(want) {
		t.Errorf("Add = %v, want %v", got, want)
	}
}

func TestAddNever(t *testing.T) {
	closed := DefaultCalendar()
	closed.Workdays = [7]bool{}
	shut := DefaultCalendar()
	shut.Company = []Holiday{{Date{2000, 1, 1}, Date{2099, 12, 31}, "休業"}}
	start := mustTime(t, "2026-11-25 10:00")
	for name, c := range map[string]*Calendar{"no workdays": closed, "decades of holiday": shut} {
		t.Run(name, func(t *testing.T) {
			if got := c.Add(start, time.Hour); !got.Equal(Never) {
				t.Errorf("Add = %v, want Never", got)
			}
			if got := c.Between(start, Never); got != 0 {
				t.Errorf("Between = %v, want 0", got)
			}
		})
	}
	t.Run("beyond the horizon", func(t *testing.T) {
		// About 2,400 business days a decade, at 9h each.
		if got := DefaultCalendar().Add(start, 30000*time.Hour); !got.Equal(Never) {
			t.Errorf("Add = %v, want Never", got)
		}
	})
}

func TestBetween(t *testing.T) {
	def := DefaultCalendar()
	tests := []struct {
		name string
		a, b string
		want time.Duration
	}{
		{"reversed", "2026-11-26 10:00", "2026-11-25 10:00", 0},
		{"empty", "2026-11-25 10:00", "2026-11-25 10:00", 0},
		{"overnight", "2026-11-25 17:00", "2026-11-26 10:00", 2 * time.Hour},
		{"weekend", "2026-11-27 17:00", "2026-11-30 10:00", 2 * time.Hour},
		{"inside a weekend", "2026-11-28 08:00", "2026-11-29 20:00", 0},
		{"whole week", "2026-11-30 00:00", "2026-12-07 00:00", 45 * time.Hour},
		{"Golden Week", "2026-04-30 09:00", "2026-05-07 09:00", 18 * time.Hour},
		{"年末年始", "2026-12-25 18:00", "2027-01-05 09:00", 18 * time.Hour}, // 12/28 and 1/4
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := def.Between(mustTime(t, tt.a), mustTime(t, tt.b)); got != tt.want {
				t.Errorf("Between(%s, %s) = %v, want %v", tt.a, tt.b, got, tt.want)
			}
		})
	}
	t.Run("capped at the horizon", func(t *testing.T) {
		a := mustTime(t, "2026-01-01 00:00")
		limit := DateOf(a).AddDays(HorizonDays).at(0, tokyo())
		if got, want := def.Between(a, limit.AddDate(50, 0, 0)), def.Between(a, limit); got != want {
			t.Errorf("Between past the horizon = %v, want %v", got, want)
		}
	})
}

// TestAddBetweenInverse checks, on random instants and durations down to
// the nanosecond, that Between undoes Add and that Add finds the
// earliest instant with a given amount of business time.
func TestAddBetweenInverse(t *testing.T) {
	rng := rand.New(rand.NewPCG(2026, 11))
	base := mustTime(t, "2025-01-01 00:00")
	span := int64(3 * 365 * 24 * time.Hour)
	calendars := map[string]*Calendar{"default": DefaultCalendar(), "lunch": lunchCalendar()}
	if ny, err := time.LoadLocation("America/New_York"); err == nil {
		// Office hours 01:00–03:00 every day straddle the DST switch at 02:00.
		calendars["dst"] = &Calendar{Loc: ny, Workdays: [7]bool{true, true, true, true, true, true, true},
			Open: time.Hour, Close: 3 * time.Hour, NoPublicHolidays: true}
	}
	for name, c := range calendars {
		t.Run(name, func(t *testing.T) {
			for range 500 {
				a := base.Add(time.Duration(rng.Int64N(span)))
				d := time.Duration(rng.Int64N(int64(200 * time.Hour)))
				got := c.Add(a, d)
				if between := c.Between(a, got); between != d {
					t.Fatalf("Between(%v, Add(%v, %v) = %v) = %v, want %v", a, a, d, got, between, d)
				}
				b := a.Add(time.Duration(rng.Int64N(int64(60 * 24 * time.Hour))))
				biz := c.Between(a, b)
				if back := c.Add(a, biz); back.After(b) || c.Between(a, back) != biz {
					t.Fatalf("Add(%v, Between(%v, %v) = %v) = %v, want <= b and same business time", a, a, b, biz, back)
				}
			}
		})
	}
}

// TestConcurrentUse runs the calendar from many goroutines on years no
// other test touched, so the race detector watches the holiday cache fill.
func TestConcurrentUse(t *testing.T) {
	c := DefaultCalendar()
	var wg sync.WaitGroup
	for i := range 16 {
		wg.Go(func() {
			start := mustTime(t, fmt.Sprintf("20%d-05-01 17:00", 90+i%10))
			if got := c.Between(start, c.Add(start, 20*time.Hour)); got != 20*time.Hour {
				t.Errorf("round trip = %v, want 20h", got)
			}
		})
	}
	wg.Wait()
}

func BenchmarkAdd(b *testing.B) {
	c := DefaultCalendar()
	start := mustTime(b, "2026-04-28 17:00")
	for _, d := range []time.Duration{4 * time.Hour, 40 * time.Hour, 400 * time.Hour} {
		b.Run(d.String(), func(b *testing.B) {
			for b.Loop() {
				c.Add(start, d)
			}
		})
	}
}

// TestBetweenDST pins down that office hours are wall-clock times and
// business time is real elapsed time: 01:00–03:00 lasts one hour on the
// night New York springs forward.
func TestBetweenDST(t *testing.T) {
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Fatal(err) // time/tzdata is linked into this test, so this cannot skip for a missing system zoneinfo
	}
	c := &Calendar{Loc: ny, Workdays: [7]bool{time.Sunday: true}, Open: time.Hour, Close: 3 * time.Hour, NoPublicHolidays: true}
	day := time.Date(2026, 3, 8, 0, 0, 0, 0, ny)
	if got := c.Between(day, day.AddDate(0, 0, 1)); got != time.Hour {
		t.Errorf("Between over the switch = %v, want 1h", got)
	}
}
